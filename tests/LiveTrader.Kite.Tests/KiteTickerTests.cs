using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using LiveTrader.Kite.Auth;
using LiveTrader.Kite.Ticker;

namespace LiveTrader.Kite.Tests;

public sealed class KiteTickerTests : IAsyncLifetime
{
    private const string AccessToken = "ticker-secret-access-token";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private FakeTickerServer _server = null!;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly ConcurrentQueue<KiteTickerStateChange> _states = new();

    public async Task InitializeAsync() => _server = await FakeTickerServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Assert.All(_log, l => Assert.DoesNotContain(AccessToken, l));
        Assert.All(_states, s => Assert.DoesNotContain(AccessToken, s.Reason ?? ""));
    }

    private KiteTicker CreateTicker(Uri? root = null, Action<KiteTickerOptions>? configure = null)
    {
        var options = new KiteTickerOptions
        {
            RootUri = root ?? _server.Uri,
            WatchdogTimeout = TimeSpan.FromSeconds(5),
            InitialReconnectDelay = TimeSpan.FromMilliseconds(20),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            Log = _log.Enqueue,
        };
        configure?.Invoke(options);
        var ticker = new KiteTicker(new KiteCredentials("tickerkey", AccessToken), options);
        ticker.StateChanged += (_, s) => _states.Enqueue(s);
        return ticker;
    }

    private static Task<KiteTickerStateChange> WaitForState(KiteTicker ticker, KiteTickerState state, Func<KiteTickerStateChange, bool>? extra = null)
    {
        var tcs = new TaskCompletionSource<KiteTickerStateChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        ticker.StateChanged += (_, s) => { if (s.State == state && (extra?.Invoke(s) ?? true)) tcs.TrySetResult(s); };
        return tcs.Task.WaitAsync(Wait);
    }

    private static byte[] Frame(params KiteTick[] ticks)
    {
        var bytes = new byte[TickCodec.FrameSize(ticks)];
        TickCodec.WriteFrame(ticks, bytes);
        return bytes;
    }

    [Fact]
    public async Task Connects_subscribes_and_delivers_ticks_heartbeats_and_text_frames()
    {
        await using var ticker = CreateTicker();
        var ticks = new ConcurrentQueue<KiteTick>();
        ticker.Ticks += span => { foreach (var t in span) ticks.Enqueue(t); };
        var orders = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        ticker.OrderUpdate += (_, json) => orders.TrySetResult(json);
        ticker.ServerError += (_, e) => errors.TrySetResult(e);

        await ticker.SubscribeAsync([408065], TickMode.Full); // before connecting: sent on connect
        var connected = WaitForState(ticker, KiteTickerState.Connected);
        ticker.Start();
        var session = await _server.NextSessionAsync();
        await connected;
        Assert.Contains("api_key=tickerkey", session.Query);
        Assert.Contains("access_token=" + AccessToken, session.Query);
        Assert.Equal("""{"a":"subscribe","v":[408065]}""", await session.NextMessageAsync());
        Assert.Equal("""{"a":"mode","v":["full",[408065]]}""", await session.NextMessageAsync());

        await ticker.SubscribeAsync([256265, 884737], TickMode.Ltp);
        Assert.Equal("""{"a":"subscribe","v":[256265,884737]}""", await session.NextMessageAsync());
        Assert.Equal("""{"a":"mode","v":["ltp",[256265,884737]]}""", await session.NextMessageAsync());
        await ticker.SetModeAsync(TickMode.Quote, [884737]);
        Assert.Equal("""{"a":"mode","v":["quote",[884737]]}""", await session.NextMessageAsync());
        await ticker.SetModeAsync(TickMode.Full, [779521]); // not yet subscribed: subscribe first
        Assert.Equal("""{"a":"subscribe","v":[779521]}""", await session.NextMessageAsync());
        Assert.Equal("""{"a":"mode","v":["full",[779521]]}""", await session.NextMessageAsync());
        await ticker.UnsubscribeAsync([256265, 779521]);
        Assert.Equal("""{"a":"unsubscribe","v":[256265,779521]}""", await session.NextMessageAsync());
        Assert.Equal(new Dictionary<uint, TickMode> { [408065] = TickMode.Full, [884737] = TickMode.Quote }, ticker.Subscriptions);

        var full = TickCodecTests.Random(new Random(3), TickMode.Full, 408065);
        var ltp = TickCodecTests.Random(new Random(4), TickMode.Ltp, 884737);
        await session.SendBinaryAsync([0x00]); // heartbeat
        await session.SendBinaryAsync([0x00, 0x05, 0x00]); // garbage: truncated
        await session.SendTextAsync("not json");
        await session.SendTextAsync("""{"type":"error","data":"Invalid mode"}""");
        await session.SendTextAsync("""{"type":"order","data":{"order_id":"220303000308932","status":"COMPLETE"}}""");
        await session.SendBinaryAsync(Frame(full, ltp));

        Assert.Equal("Invalid mode", await errors.Task.WaitAsync(Wait));
        Assert.Contains("\"220303000308932\"", await orders.Task.WaitAsync(Wait));
        await Eventually(() => ticks.Count == 2);
        var got = ticks.ToArray();
        TickCodecTests.AssertSame(full, got[0]);
        TickCodecTests.AssertSame(ltp, got[1]);
        Assert.Equal(1, ticker.HeartbeatCount);
        Assert.Equal(2, ticker.MalformedFrameCount);
        Assert.Equal(KiteTickerState.Connected, ticker.State);

        var stopped = WaitForState(ticker, KiteTickerState.Stopped);
        await ticker.StopAsync();
        await stopped;
    }

    [Fact]
    public async Task Dropped_connection_reconnects_and_resubscribes_every_mode()
    {
        await using var ticker = CreateTicker();
        await ticker.SubscribeAsync([408065, 884737], TickMode.Full);
        await ticker.SetModeAsync(TickMode.Ltp, [884737]);
        ticker.Start();
        var first = await _server.NextSessionAsync();
        await first.NextMessageAsync();
        await first.SendBinaryAsync([0x00]);

        var reconnecting = WaitForState(ticker, KiteTickerState.Reconnecting);
        first.Drop();
        var change = await reconnecting;
        Assert.NotNull(change.RetryIn);

        var second = await _server.NextSessionAsync();
        var messages = new[] { await second.NextMessageAsync(), await second.NextMessageAsync(), await second.NextMessageAsync() };
        Assert.Equal("""{"a":"subscribe","v":[408065,884737]}""", messages[0]);
        Assert.Contains("""{"a":"mode","v":["full",[408065]]}""", messages);
        Assert.Contains("""{"a":"mode","v":["ltp",[884737]]}""", messages);
        Assert.Equal(2, ticker.ConnectionCount);
    }

    [Fact]
    public async Task A_message_over_the_limit_closes_the_connection_1009_and_reconnects_without_growing_the_buffer()
    {
        await using var ticker = CreateTicker(configure: o => o.MaxMessageBytes = 64 * 1024);
        await ticker.SubscribeAsync([408065]);
        var tooBig = WaitForState(ticker, KiteTickerState.Reconnecting, s => s.Reason?.Contains("larger than 64 KB") == true);
        ticker.Start();
        var first = await _server.NextSessionAsync();
        await first.NextMessageAsync();

        await first.SendBinaryAsync(new byte[200 * 1024]);

        var change = await tooBig;
        Assert.Equal("a message larger than 64 KB", change.Reason);
        await first.Closed.Task.WaitAsync(Wait);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, first.Socket.CloseStatus);
        var second = await _server.NextSessionAsync();
        Assert.Equal("""{"a":"subscribe","v":[408065]}""", await second.NextMessageAsync());
    }

    [Fact]
    public async Task Watchdog_reconnects_when_the_stream_stalls()
    {
        await using var ticker = CreateTicker(configure: o => o.WatchdogTimeout = TimeSpan.FromMilliseconds(300));
        await ticker.SubscribeAsync([408065]);
        var watchdog = WaitForState(ticker, KiteTickerState.Reconnecting, s => s.Reason?.Contains("watchdog") == true);
        ticker.Start();
        var first = await _server.NextSessionAsync();
        await first.SendBinaryAsync([0x00]);
        // ...then the server goes silent while keeping the connection open.
        await watchdog;
        var second = await _server.NextSessionAsync();
        Assert.Equal("""{"a":"subscribe","v":[408065]}""", await second.NextMessageAsync());
        await first.Closed.Task.WaitAsync(Wait);
    }

    [Fact]
    public async Task Handshake_403_means_login_required_and_no_retry_loop()
    {
        _server.RejectWith = HttpStatusCode.Forbidden;
        await using var ticker = CreateTicker(configure: o => o.InitialReconnectDelay = TimeSpan.FromMilliseconds(1));
        var loginRequired = WaitForState(ticker, KiteTickerState.LoginRequired);
        ticker.Start();
        await loginRequired;
        await Task.Delay(300); // a retry loop with 1 ms backoff would hammer the server in this time
        Assert.Equal(1, _server.Handshakes);
        Assert.Equal(KiteTickerState.LoginRequired, ticker.State);

        // New credentials and a new Start connect again.
        _server.RejectWith = null;
        ticker.UpdateCredentials(new KiteCredentials("tickerkey", AccessToken + "-2"));
        var connected = WaitForState(ticker, KiteTickerState.Connected);
        ticker.Start();
        await connected;
    }

    [Fact]
    public async Task Unreachable_server_backs_off_exponentially_then_gives_up()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var ticker = CreateTicker(new Uri($"ws://127.0.0.1:{port}/"), o =>
        {
            o.InitialReconnectDelay = TimeSpan.FromMilliseconds(10);
            o.MaxReconnectDelay = TimeSpan.FromMilliseconds(40);
            o.MaxReconnectAttempts = 4;
        });
        var stopped = WaitForState(ticker, KiteTickerState.Stopped);
        ticker.Start();
        await stopped;
        var delays = _states.Where(s => s.State == KiteTickerState.Reconnecting).Select(s => s.RetryIn!.Value.TotalMilliseconds).ToArray();
        Assert.Equal([10, 20, 40, 40], delays);
    }

    [Fact]
    public void Backoff_doubles_and_caps()
    {
        var one = TimeSpan.FromSeconds(1);
        var max = TimeSpan.FromSeconds(60);
        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60], Enumerable.Range(1, 8).Select(n => KiteTicker.BackoffDelay(n, one, max).TotalSeconds).ToArray());
        Assert.Equal(max, KiteTicker.BackoffDelay(1000, one, max));
    }

    [Fact]
    public async Task Without_an_access_token_start_reports_login_required()
    {
        await using var ticker = new KiteTicker(new KiteCredentials("k", null), new KiteTickerOptions { RootUri = _server.Uri });
        var states = new List<KiteTickerState>();
        ticker.StateChanged += (_, s) => states.Add(s.State);
        ticker.Start();
        Assert.Equal([KiteTickerState.LoginRequired], states);
        Assert.Equal(0, _server.Handshakes);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met");
            await Task.Delay(10);
        }
    }
}
