using System.IO.Compression;
using System.Net;
using System.Text;
using LiveTrader.Kite.Auth;
using LiveTrader.Kite.Historical;
using LiveTrader.Kite.Rest;

namespace LiveTrader.Kite.Tests;

public class KiteRestClientTests
{
    private const string Key = "kitekey123";
    private const string Token = "secret-access-token-abcdef";

    private static (KiteRestClient Client, FakeKiteHandler Handler, List<string> Log) Create(
        Func<HttpRequestMessage, string?, HttpResponseMessage> respond, Action<KiteRestOptions>? configure = null)
    {
        var log = new List<string>();
        var options = new KiteRestOptions
        {
            BaseUri = new Uri("http://kite.test"),
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(5),
            MaxRetries = 3,
            RateLimitWindow = TimeSpan.FromMilliseconds(1),
            Log = l => { lock (log) log.Add(l); },
        };
        configure?.Invoke(options);
        var handler = new FakeKiteHandler(respond);
        return (new KiteRestClient(new KiteCredentials(Key, Token, "api-secret-xyz"), options, handler), handler, log);
    }

    [Fact]
    public async Task Every_request_carries_version_and_token_headers()
    {
        var (client, handler, _) = Create((_, _) => FakeKiteHandler.Data("[]"));
        await client.GetOrdersAsync();
        var seen = Assert.Single(handler.Requests);
        Assert.Equal("3", seen.Headers["X-Kite-Version"]);
        Assert.Equal($"token {Key}:{Token}", seen.Headers["Authorization"]);
        Assert.Equal("/orders", seen.PathAndQuery);
    }

    [Fact]
    public void Checksum_matches_the_documented_vector()
    {
        Assert.Equal("cc6c955cadf2cc09442c0848ce8e165b8f9aa5974916de7186a9e1b6c4e7937e", KiteLogin.Checksum("xxx", "yyy", "zzz"));
    }

    [Fact]
    public async Task Session_exchange_posts_checksum_and_switches_token()
    {
        var (client, handler, _) = Create((_, _) => FakeKiteHandler.Data(
            """{"user_id":"AB1234","user_name":"A B","api_key":"xxx","access_token":"newtoken-0123456789","public_token":"p","login_time":"2021-01-01 16:15:14"}"""));
        client.Credentials = new KiteCredentials("xxx", null);
        var session = await client.GenerateSessionAsync("yyy", "zzz");
        var seen = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, seen.Method);
        Assert.Equal("/session/token", seen.PathAndQuery);
        Assert.Equal("api_key=xxx&request_token=yyy&checksum=cc6c955cadf2cc09442c0848ce8e165b8f9aa5974916de7186a9e1b6c4e7937e", seen.Body);
        Assert.False(seen.Headers.ContainsKey("Authorization"));
        Assert.Equal("newtoken-0123456789", client.Credentials!.AccessToken);
        Assert.Equal(new DateTimeOffset(2021, 1, 1, 16, 15, 14, TimeSpan.FromMinutes(330)), session.LoginTime);
        Assert.DoesNotContain("newtoken-0123456789", session.ToString());
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "TokenException", typeof(TokenException))]
    [InlineData(HttpStatusCode.Forbidden, "PermissionException", typeof(PermissionException))]
    [InlineData(HttpStatusCode.BadRequest, "InputException", typeof(InputException))]
    [InlineData(HttpStatusCode.BadRequest, "OrderException", typeof(OrderException))]
    [InlineData(HttpStatusCode.BadRequest, "MarginException", typeof(MarginException))]
    [InlineData(HttpStatusCode.BadRequest, "HoldingException", typeof(HoldingException))]
    [InlineData(HttpStatusCode.BadRequest, "UserException", typeof(UserException))]
    [InlineData(HttpStatusCode.ServiceUnavailable, "NetworkException", typeof(NetworkException))]
    [InlineData(HttpStatusCode.BadGateway, "DataException", typeof(DataException))]
    [InlineData(HttpStatusCode.InternalServerError, "GeneralException", typeof(GeneralException))]
    [InlineData(HttpStatusCode.InternalServerError, "SomethingNew", typeof(GeneralException))]
    public async Task Error_envelope_maps_to_typed_exception(HttpStatusCode status, string type, Type expected)
    {
        var (client, _, _) = Create((_, _) => FakeKiteHandler.Error(status, type, "boom"), o => o.MaxRetries = 0);
        var ex = await Assert.ThrowsAnyAsync<KiteException>(() => client.GetPositionsAsync());
        Assert.IsType(expected, ex);
        Assert.Equal("boom", ex.Message);
        Assert.Equal(status, ex.StatusCode);
    }

    [Fact]
    public async Task Error_status_in_a_200_body_is_still_an_error()
    {
        var (client, _, _) = Create((_, _) => FakeKiteHandler.Json("""{"status":"error","message":"bad","error_type":"InputException"}"""));
        await Assert.ThrowsAsync<InputException>(() => client.GetTradesAsync());
    }

    [Fact]
    public async Task Non_json_gateway_error_maps_by_status_and_is_retried()
    {
        int calls = 0;
        var (client, _, _) = Create((_, _) => ++calls < 3
            ? new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>bad gateway</html>") }
            : FakeKiteHandler.Data("[]"));
        Assert.Empty(await client.GetTradesAsync());
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Rate_limit_429_is_retried_with_backoff_then_succeeds()
    {
        int calls = 0;
        var (client, _, log) = Create((_, _) => ++calls <= 2
            ? FakeKiteHandler.Error(HttpStatusCode.TooManyRequests, "NetworkException", "Too many requests")
            : FakeKiteHandler.Data("""{"NSE:INFY":{"instrument_token":408065,"last_price":1074.35}}"""));
        var ltp = await client.GetLtpAsync(["NSE:INFY"]);
        Assert.Equal(1074.35m, ltp["NSE:INFY"].LastPrice);
        Assert.Equal(3, calls);
        Assert.Equal(2, log.Count(l => l.Contains("retry")));
    }

    [Fact]
    public async Task Server_errors_give_up_after_max_retries()
    {
        var (client, handler, _) = Create((_, _) => FakeKiteHandler.Error(HttpStatusCode.ServiceUnavailable, "NetworkException", "down"));
        await Assert.ThrowsAsync<NetworkException>(() => client.GetOrdersAsync());
        Assert.Equal(4, handler.Requests.Count); // 1 + MaxRetries(3)
    }

    [Fact]
    public async Task Token_exception_surfaces_as_login_required_without_retrying()
    {
        var (client, handler, log) = Create((_, _) => FakeKiteHandler.Error(HttpStatusCode.Forbidden, "TokenException", "Incorrect `api_key` or `access_token`."));
        TokenException? raised = null;
        client.LoginRequired += (_, e) => raised = e;
        var ex = await Assert.ThrowsAsync<TokenException>(() => client.GetPositionsAsync());
        Assert.True(ex.LoginRequired);
        Assert.Same(ex, raised);
        Assert.Single(handler.Requests);
        Assert.All(log, l => Assert.DoesNotContain(Token, l));
    }

    [Fact]
    public async Task Missing_access_token_is_login_required_without_a_request()
    {
        var (client, handler, _) = Create((_, _) => FakeKiteHandler.Data("[]"));
        client.Credentials = new KiteCredentials(Key, null);
        await Assert.ThrowsAsync<TokenException>(() => client.GetOrdersAsync());
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Order_placement_is_not_resent_after_a_server_error_but_is_after_429()
    {
        var (client, handler, _) = Create((_, _) => FakeKiteHandler.Error(HttpStatusCode.InternalServerError, "GeneralException", "oms hiccup"));
        var order = new KiteOrderRequest
        {
            Exchange = "NFO", Tradingsymbol = "NIFTY2692223350CE", TransactionType = "BUY", OrderType = "LIMIT",
            Quantity = 65, Product = "MIS", Price = 101.05m, Tag = "lt1", MarketProtection = null,
        };
        await Assert.ThrowsAsync<GeneralException>(() => client.PlaceOrderAsync(order));
        Assert.Single(handler.Requests);

        int calls = 0;
        var (client2, handler2, _) = Create((_, _) => ++calls == 1
            ? FakeKiteHandler.Error(HttpStatusCode.TooManyRequests, "NetworkException", "Too many requests")
            : FakeKiteHandler.Data("""{"order_id":"151220000000000"}"""));
        Assert.Equal("151220000000000", await client2.PlaceOrderAsync(order));
        Assert.Equal(2, handler2.Requests.Count);
        var last = handler2.Requests.Last();
        Assert.Equal("/orders/regular", last.PathAndQuery);
        Assert.Equal("exchange=NFO&tradingsymbol=NIFTY2692223350CE&transaction_type=BUY&order_type=LIMIT&quantity=65&product=MIS&price=101.05&validity=DAY&tag=lt1", last.Body);
    }

    [Fact]
    public async Task Modify_and_cancel_use_put_and_delete()
    {
        var (client, handler, _) = Create((_, _) => FakeKiteHandler.Data("""{"order_id":"151220000000000"}"""));
        await client.ModifyOrderAsync("regular", "151220000000000", new KiteOrderModification { Price = 99.5m, Quantity = 130 });
        await client.CancelOrderAsync("regular", "151220000000000");
        var r = handler.Requests.ToArray();
        Assert.Equal((HttpMethod.Put, "/orders/regular/151220000000000", "quantity=130&price=99.5"), (r[0].Method, r[0].PathAndQuery, r[0].Body));
        Assert.Equal((HttpMethod.Delete, "/orders/regular/151220000000000"), (r[1].Method, r[1].PathAndQuery));
    }

    [Fact]
    public async Task Orders_trades_and_positions_parse_kite_shapes()
    {
        var (client, _, _) = Create((req, _) => req.RequestUri!.AbsolutePath switch
        {
            "/orders" => FakeKiteHandler.Data("""
                [{"placed_by":"XXXXXX","order_id":"100000000000000","exchange_order_id":null,"parent_order_id":null,"status":"CANCELLED",
                  "status_message":null,"order_timestamp":"2021-05-31 09:18:57","exchange_update_timestamp":null,"exchange_timestamp":null,
                  "variety":"regular","modified":false,"exchange":"CDS","tradingsymbol":"USDINR21JUNFUT","instrument_token":412675,
                  "order_type":"LIMIT","transaction_type":"BUY","validity":"DAY","validity_ttl":0,"product":"NRML","quantity":1,
                  "disclosed_quantity":0,"price":72,"trigger_price":0,"average_price":0,"filled_quantity":0,"pending_quantity":1,
                  "cancelled_quantity":1,"market_protection":0,"meta":{},"tag":null,"tags":["mktp","mktp:2.00"],"guid":"XXXXX"}]
                """),
            "/trades" => FakeKiteHandler.Data("""
                [{"trade_id":"10000000","order_id":"200000000000000","exchange":"NSE","tradingsymbol":"SBIN","instrument_token":779521,
                  "product":"CNC","average_price":420.65,"quantity":1,"exchange_order_id":"300000000000000","transaction_type":"BUY",
                  "fill_timestamp":"2021-05-31 09:16:39","order_timestamp":"09:16:39","exchange_timestamp":"2021-05-31 09:16:39"}]
                """),
            "/portfolio/positions" => FakeKiteHandler.Data("""
                {"net":[{"tradingsymbol":"LEADMINI17DECFUT","exchange":"MCX","instrument_token":53496327,"product":"NRML","quantity":1,
                  "overnight_quantity":0,"multiplier":1000,"average_price":161.05,"close_price":0,"last_price":161.05,"value":-161050,
                  "pnl":0,"m2m":0,"unrealised":0,"realised":0,"buy_quantity":1,"buy_price":161.05,"buy_value":161050,"sell_quantity":0,
                  "sell_price":0,"sell_value":0,"day_buy_quantity":1,"day_buy_price":161.05,"day_buy_value":161050,"day_sell_quantity":0,
                  "day_sell_price":0,"day_sell_value":0}],"day":[]}
                """),
            _ => FakeKiteHandler.Error(HttpStatusCode.NotFound, "GeneralException", "no route"),
        });
        var order = Assert.Single(await client.GetOrdersAsync());
        Assert.Equal("100000000000000", order.OrderId);
        Assert.Equal(72m, order.Price);
        Assert.Equal(new DateTimeOffset(2021, 5, 31, 3, 48, 57, TimeSpan.Zero), order.OrderTimestamp!.Value.ToUniversalTime());
        Assert.Equal(["mktp", "mktp:2.00"], order.Tags!);
        var trade = Assert.Single(await client.GetTradesAsync());
        Assert.Equal("09:16:39", trade.OrderTimestamp);
        Assert.Equal(420.65m, trade.AveragePrice);
        Assert.Equal(KiteTime.IstOffset, trade.FillTimestamp!.Value.Offset);
        var positions = await client.GetPositionsAsync();
        Assert.Equal(161.05m, Assert.Single(positions.Net).AveragePrice);
        Assert.Empty(positions.Day);
    }

    [Fact]
    public async Task Quote_sends_repeated_i_params_and_absent_keys_stay_absent()
    {
        var (client, handler, _) = Create((_, _) => FakeKiteHandler.Data("""
            {"NSE:INFY":{"instrument_token":408065,"timestamp":"2021-06-08 15:45:56","last_trade_time":"2021-06-08 15:45:52",
             "last_price":1412.95,"last_quantity":5,"buy_quantity":0,"sell_quantity":5191,"volume":7360198,"average_price":1412.47,
             "oi":0,"oi_day_high":0,"oi_day_low":0,"net_change":0,"lower_circuit_limit":1250.7,"upper_circuit_limit":1528.6,
             "ohlc":{"open":1396,"high":1421.75,"low":1395.55,"close":1389.65},
             "depth":{"buy":[{"price":0,"quantity":0,"orders":0}],"sell":[{"price":1412.95,"quantity":5191,"orders":13}]}}}
            """));
        var quotes = await client.GetQuoteAsync(["NSE:INFY", "NSE:NIFTY 50"]);
        Assert.Equal("/quote?i=NSE%3AINFY&i=NSE%3ANIFTY%2050", Assert.Single(handler.Requests).PathAndQuery);
        var q = Assert.Single(quotes).Value;
        Assert.Equal(1412.95m, q.LastPrice);
        Assert.Equal(1389.65m, q.Ohlc!.Close);
        Assert.Equal(13, q.Depth!.Sell[0].Orders);
        Assert.Equal(new DateTimeOffset(2021, 6, 8, 10, 15, 56, TimeSpan.Zero), q.Timestamp!.Value.ToUniversalTime());
    }

    [Fact]
    public async Task Instruments_dump_is_parsed_from_gzip_with_quoted_names()
    {
        const string csv =
            "instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,strike,tick_size,lot_size,instrument_type,segment,exchange\n" +
            "256265,1001,NIFTY 50,\"NIFTY 50\",0,,0,0,0,EQ,INDICES,NSE\n" +
            "10967554,42842,NIFTY2692223350CE,\"NIFTY\",0,2026-09-22,23350,0.05,65,CE,NFO-OPT,NFO\n" +
            "12073986,47164,BANKNIFTY18JAN23500CE,,2528.4,2018-01-25,23500.0,0.05,40,CE,NFO-OPT,NFO\n" +
            "1,1,ODD,\"A, \"\"quoted\"\" name\",8.5,,0,0.0025,1,EQ,NSE,NSE\n";
        var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true)) z.Write(Encoding.UTF8.GetBytes(csv));
        var (client, handler, _) = Create((_, _) => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new ByteArrayContent(gz.ToArray()) { Headers = { { "Content-Type", "text/csv" } } },
        });
        var list = await client.GetInstrumentsAsync("NFO");
        Assert.Equal("/instruments/NFO", Assert.Single(handler.Requests).PathAndQuery);
        Assert.Equal(4, list.Count);
        Assert.Equal(("NIFTY 50", 9, (DateOnly?)null, 0), (list[0].Name, list[0].SegmentId, list[0].Expiry, list[0].LotSize));
        var ce = list[1];
        Assert.Equal((10967554u, 42842u, "NIFTY", new DateOnly(2026, 9, 22), 23350m, 0.05m, 65, "CE", "NFO-OPT", "NFO"),
            (ce.InstrumentToken, ce.ExchangeToken, ce.Name, ce.Expiry!.Value, ce.Strike, ce.TickSize, ce.LotSize, ce.InstrumentType, ce.Segment, ce.Exchange));
        Assert.Equal(ce.ExchangeToken * 256 + 2, ce.InstrumentToken);
        Assert.Equal((2528.4m, 23500m, ""), (list[2].LastPrice, list[2].Strike, list[2].Name));
        Assert.Equal("A, \"quoted\" name", list[3].Name);
        Assert.Equal(8.5m, list[3].LastPrice);
    }

    [Fact]
    public async Task Historical_splits_long_ranges_parses_offsets_and_respects_rate_limit()
    {
        var (client, handler, _) = Create((req, _) =>
        {
            var q = System.Web.HttpUtility.ParseQueryString(req.RequestUri!.Query);
            var from = KiteTime.Parse(q["from"]!);
            var day = from.ToString("yyyy-MM-dd");
            return FakeKiteHandler.Data($$"""
                {"candles":[["{{day}}T09:15:00+0530",1705,1705.5,1700.1,1702,12000,131],["{{day}}T09:16:00+0530",1702,1703,1701,1702.5,8000,132]]}
                """);
        }, o => { o.HistoricalRequestsPerWindow = 3; o.RateLimitWindow = TimeSpan.FromMilliseconds(300); });

        var from = new DateTimeOffset(2024, 1, 1, 9, 15, 0, KiteTime.IstOffset);
        var to = new DateTimeOffset(2024, 8, 23, 15, 30, 0, KiteTime.IstOffset);
        var candles = await client.GetHistoricalAsync(256265, KiteInterval.Minute, from, to, openInterest: true);

        var requests = handler.Requests.ToArray();
        Assert.Equal(4, requests.Length); // 236 days / 60 per request
        Assert.StartsWith("/instruments/historical/256265/minute?from=2024-01-01%2009%3A15%3A00&to=2024-02-29%2023%3A59%3A59&continuous=0&oi=1", requests[0].PathAndQuery);
        Assert.Contains("from=2024-03-01%2000%3A00%3A00", requests[1].PathAndQuery);
        Assert.Contains("to=2024-08-23%2015%3A30%3A00", requests[3].PathAndQuery);
        // Three requests per window: the 4th cannot start before the 1st's window is over.
        Assert.True(requests[3].At - requests[0].At >= TimeSpan.FromMilliseconds(290), $"4th request after {(requests[3].At - requests[0].At).TotalMilliseconds} ms");

        Assert.Equal(8, candles.Count);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 3, 45, 0, TimeSpan.Zero), candles[0].Time.ToUniversalTime());
        Assert.Equal((1705m, 1705.5m, 1700.1m, 1702m, 12000L, (long?)131), (candles[0].Open, candles[0].High, candles[0].Low, candles[0].Close, candles[0].Volume, candles[0].OpenInterest));
        Assert.True(candles.Zip(candles.Skip(1)).All(p => p.First.Time < p.Second.Time));
    }
}
