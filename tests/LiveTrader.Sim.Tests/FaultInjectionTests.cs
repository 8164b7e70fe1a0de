using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using LiveTrader.Kite.Auth;
using LiveTrader.Kite.Rest;
using LiveTrader.Kite.Ticker;

namespace LiveTrader.Sim.Tests;

/// <summary>The client's recovery paths against the simulator's injected faults.</summary>
public class FaultInjectionTests
{
    private static (KiteRestClient Client, CountingHandler Handler) Client(SimServer sim, string token, int retries = 5)
    {
        var handler = new CountingHandler();
        var client = new KiteRestClient(new KiteCredentials("sim", token), new KiteRestOptions
        {
            BaseUri = sim.BaseUri,
            MaxRetries = retries,
            RetryBaseDelay = TimeSpan.FromMilliseconds(50),
            MaxRetryDelay = TimeSpan.FromMilliseconds(400),
        }, handler);
        return (client, handler);
    }

    private static KiteOrderRequest Buy(string symbol) => new()
    {
        Exchange = "NFO", Tradingsymbol = symbol, TransactionType = "BUY", OrderType = "MARKET", Quantity = 65, Product = "MIS",
        MarketProtection = -1,
    };

    [Fact]
    public async Task A_429_burst_is_retried_by_the_client_and_the_order_is_placed_once()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        var (client, handler) = Client(sim, sim.Sessions.CreateSession().AccessToken);
        using var _ = client;
        sim.Faults.FailRequests(3, 429);

        var id = await client.PlaceOrderAsync(Buy(SimTest.AtmOption(sim).Tradingsymbol));

        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.OK],
            handler.Requests.Where(r => r.Path == "/orders/regular").Select(r => r.Status));
        Assert.Equal(id, Assert.Single(await client.GetOrdersAsync()).OrderId);
        Assert.Equal(0, sim.Faults.PendingRequestFailures);
    }

    [Fact]
    public async Task Faults_endpoint_needs_a_token_and_injects_500s_that_reads_retry_through()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        var token = sim.Sessions.CreateSession().AccessToken;
        using var http = new HttpClient { BaseAddress = sim.BaseUri };

        using (var refused = await http.PostAsJsonAsync("sim/faults", new { fail_requests = 2, fail_status = 500 }))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(0, sim.Faults.PendingRequestFailures);

        using var request = new HttpRequestMessage(HttpMethod.Post, "sim/faults") { Content = JsonContent.Create(new { fail_requests = 2, fail_status = 500 }) };
        request.Headers.Add("Authorization", "token sim:" + token);
        using (var accepted = await http.SendAsync(request))
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(2, sim.Faults.PendingRequestFailures);

        var (client, handler) = Client(sim, token);
        using var _ = client;
        Assert.Empty(await client.GetTradesAsync());
        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK], handler.Requests.Select(r => r.Status));

        // Without retries the injected error surfaces as Kite's typed exception.
        var (noRetry, _) = Client(sim, token, retries: 0);
        using var __ = noRetry;
        sim.Faults.FailRequests(1, 503);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Assert.ThrowsAsync<NetworkException>(() => noRetry.GetTradesAsync())).StatusCode);
    }

    [Fact]
    public async Task Expired_tokens_surface_as_login_required_without_retries_and_stop_the_ticker()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        var token = sim.Sessions.CreateSession().AccessToken;
        var (client, handler) = Client(sim, token);
        using var _ = client;
        int loginRequired = 0;
        client.LoginRequired += (_, _) => Interlocked.Increment(ref loginRequired);

        var states = new ConcurrentQueue<KiteTickerStateChange>();
        await using var ticker = SimTest.Ticker(sim, token);
        ticker.StateChanged += (_, s) => states.Enqueue(s);
        await ticker.SubscribeAsync([256265u]);
        ticker.Start();
        await SimTest.Until(() => ticker.State == KiteTickerState.Connected, "ticker connected");
        Assert.Empty(await client.GetOrdersAsync());

        sim.Faults.ExpireTokens();

        var ex = await Assert.ThrowsAsync<TokenException>(() => client.GetOrdersAsync());
        Assert.True(ex.LoginRequired);
        Assert.Equal(1, loginRequired);
        Assert.Equal(1, handler.Requests.Count(r => r.Status == HttpStatusCode.Forbidden));   // no retry of a 403

        await SimTest.Until(() => ticker.State == KiteTickerState.LoginRequired, "ticker LoginRequired");
        Assert.Equal(1, ticker.ConnectionCount);
        Assert.Contains(states, s => s.State == KiteTickerState.LoginRequired && s.Reason!.Contains("403"));

        // A new login works again.
        client.Credentials = new KiteCredentials("sim", sim.Sessions.CreateSession().AccessToken);
        Assert.Empty(await client.GetOrdersAsync());
    }

    [Fact]
    public async Task After_a_dropped_connection_the_ticker_reconnects_and_resubscribes()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        var option = SimTest.AtmOption(sim);
        var ticks = new ConcurrentQueue<KiteTick>();
        await using var ticker = SimTest.Ticker(sim, sim.Sessions.CreateSession().AccessToken);
        ticker.Ticks += span => { foreach (var t in span) ticks.Enqueue(t); };
        await ticker.SubscribeAsync([256265u, option.InstrumentToken], TickMode.Full);
        ticker.Start();
        await SimTest.Until(() => ticks.Any(t => t.InstrumentToken == option.InstrumentToken), "first ticks");

        Assert.Equal(1, sim.Faults.DropTickerConnections());
        await SimTest.Until(() => ticker.ConnectionCount >= 2 && ticker.State == KiteTickerState.Connected, "reconnected");

        ticks.Clear();
        sim.Clock.Advance(TimeSpan.FromMinutes(1));
        var stamp = sim.Clock.Now;
        await SimTest.Until(() => ticks.Any(t => t.InstrumentToken == 256265 && t.ExchangeTimestamp == stamp)
                                  && ticks.Any(t => t.InstrumentToken == option.InstrumentToken && t.ExchangeTimestamp == stamp), "ticks for both tokens after the reconnect");
        Assert.All(ticks, t => Assert.Equal(TickMode.Full, t.Mode));    // the mode came back too
    }

    [Fact]
    public async Task A_stalled_stream_trips_the_watchdog_and_ticks_resume_after_reconnecting()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        var ticks = new ConcurrentQueue<KiteTick>();
        var states = new ConcurrentQueue<KiteTickerStateChange>();
        await using var ticker = SimTest.Ticker(sim, sim.Sessions.CreateSession().AccessToken, o => o.WatchdogTimeout = TimeSpan.FromSeconds(1));
        ticker.Ticks += span => { foreach (var t in span) ticks.Enqueue(t); };
        ticker.StateChanged += (_, s) => states.Enqueue(s);
        await ticker.SubscribeAsync([256265u], TickMode.Full);    // full index packets carry the exchange timestamp
        ticker.Start();
        await SimTest.Until(() => !ticks.IsEmpty, "first ticks");

        sim.Faults.StallTicker(TimeSpan.FromSeconds(3));
        await SimTest.Until(() => states.Any(s => s.State == KiteTickerState.Reconnecting && s.Reason!.Contains("watchdog")), "watchdog reconnect");
        await SimTest.Until(() => ticker.ConnectionCount >= 2, "a new connection");

        ticks.Clear();
        sim.Clock.Advance(TimeSpan.FromMinutes(1));
        var stamp = sim.Clock.Now;
        await SimTest.Until(() => ticks.Any(t => t.InstrumentToken == 256265 && t.ExchangeTimestamp == stamp), "ticks after the stall");
        Assert.Equal(KiteTickerState.Connected, ticker.State);
    }

    [Fact]
    public async Task Garbage_frames_are_counted_as_malformed_and_the_stream_goes_on()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45), configure: o => o.Faults.GarbageFramesOnConnect = 2);
        var ticks = new ConcurrentQueue<KiteTick>();
        await using var ticker = SimTest.Ticker(sim, sim.Sessions.CreateSession().AccessToken);
        ticker.Ticks += span => { foreach (var t in span) ticks.Enqueue(t); };
        await ticker.SubscribeAsync([256265u], TickMode.Full);    // full index packets carry the exchange timestamp
        ticker.Start();
        await SimTest.Until(() => !ticks.IsEmpty && ticker.MalformedFrameCount >= 2, "ticks and the connect-time garbage");

        Assert.Equal(1, sim.Faults.SendGarbageFrames(3));
        await SimTest.Until(() => ticker.MalformedFrameCount >= 5, "3 more malformed frames");

        ticks.Clear();
        sim.Clock.Advance(TimeSpan.FromMinutes(1));
        var stamp = sim.Clock.Now;
        await SimTest.Until(() => ticks.Any(t => t.InstrumentToken == 256265 && t.ExchangeTimestamp == stamp), "ticks after the garbage");
        Assert.Equal(1, ticker.ConnectionCount);
        Assert.Equal(KiteTickerState.Connected, ticker.State);
        Assert.Equal(5, ticker.MalformedFrameCount);
    }

    [Fact]
    public async Task Faults_endpoint_takes_form_fields_for_ticker_faults_and_token_expiry()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        var token = sim.Sessions.CreateSession().AccessToken;
        var states = new ConcurrentQueue<KiteTickerStateChange>();
        await using var ticker = SimTest.Ticker(sim, token);
        ticker.StateChanged += (_, s) => states.Enqueue(s);
        await ticker.SubscribeAsync([256265u]);
        ticker.Start();
        await SimTest.Until(() => ticker.State == KiteTickerState.Connected, "ticker connected");

        using var http = new HttpClient { BaseAddress = sim.BaseUri };
        async Task<HttpStatusCode> Post(params (string, string)[] fields)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "sim/faults")
            {
                Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))),
            };
            request.Headers.Add("Authorization", "token sim:" + token);
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.BadRequest, await Post());                              // nothing asked
        Assert.Equal(HttpStatusCode.BadRequest, await Post(("fail_requests", "1"), ("fail_status", "418")));
        Assert.Equal(HttpStatusCode.OK, await Post(("garbage_frames", "2")));
        await SimTest.Until(() => ticker.MalformedFrameCount >= 2, "garbage counted");
        Assert.Equal(HttpStatusCode.OK, await Post(("drop_ticker", "true")));
        await SimTest.Until(() => ticker.ConnectionCount >= 2 && ticker.State == KiteTickerState.Connected, "reconnected after the drop");
        Assert.Equal(HttpStatusCode.OK, await Post(("expire_tokens", "1")));
        await SimTest.Until(() => ticker.State == KiteTickerState.LoginRequired, "ticker LoginRequired");
        Assert.Equal(HttpStatusCode.Forbidden, await Post(("garbage_frames", "1")));      // the endpoint's own token expired too
    }
}
