using System.Net;
using System.Security.Cryptography;
using System.Text;
using LiveTrader.Kite.Auth;
using LiveTrader.Kite.Orders;
using LiveTrader.Kite.Rest;
using Microsoft.Extensions.Time.Testing;

namespace LiveTrader.Kite.Tests;

/// <summary>The client's live-order pieces against a scripted Kite: market protection on modifications, both autoslice
/// shapes, typed order updates, the order budgets, the placement lookup, margins, charges and conversions.</summary>
public class KiteOrderFlowTests
{
    private static (KiteRestClient Client, FakeKiteHandler Handler) Create(Func<HttpRequestMessage, string?, HttpResponseMessage> respond,
        Action<KiteRestOptions>? configure = null)
    {
        var options = new KiteRestOptions
        {
            BaseUri = new Uri("http://kite.test"), MaxRetries = 0, RateLimitWindow = TimeSpan.FromMilliseconds(1),
        };
        configure?.Invoke(options);
        var handler = new FakeKiteHandler(respond);
        return (new KiteRestClient(new KiteCredentials("key", "token"), options, handler), handler);
    }

    private static KiteOrderRequest Buy(string tag = "lt-entry-1") => new()
    {
        Exchange = "NFO", Tradingsymbol = "NIFTY2631024500CE", TransactionType = "BUY", OrderType = "MARKET", Quantity = 65,
        Product = "MIS", MarketProtection = -1, Tag = tag,
    };

    [Fact]
    public async Task A_modification_to_market_carries_market_protection()
    {
        var (client, handler) = Create((_, _) => FakeKiteHandler.Data("""{"order_id":"260304000000001"}"""));
        await client.ModifyOrderAsync("regular", "260304000000001", new KiteOrderModification { OrderType = "MARKET", MarketProtection = 2.5m });
        Assert.Equal("order_type=MARKET&market_protection=2.5", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Both_autoslice_answers_are_read_with_every_child_id_and_error()
    {
        var array = KitePlacement.Parse(System.Text.Json.JsonDocument.Parse(
            """[{"order_id":"1"},{"error":{"code":400,"error_type":"InputException","message":"Insufficient funds"}},{"order_id":"3"}]""").RootElement);
        Assert.Equal(["1", "3"], array.OrderIds);
        Assert.Equal([null, "Insufficient funds", null], array.Children.Select(c => c.Error));

        var nested = KitePlacement.Parse(System.Text.Json.JsonDocument.Parse(
            """{"order_id":"9","children":[{"order_id":"10"},{"order_id":"11"}]}""").RootElement);
        Assert.Equal("9", nested.OrderId);
        Assert.Equal(["10", "11"], nested.OrderIds);

        var plain = KitePlacement.Parse(System.Text.Json.JsonDocument.Parse("""{"order_id":"7"}""").RootElement);
        Assert.Equal(["7"], plain.OrderIds);

        var (client, _) = Create((_, _) => FakeKiteHandler.Data("""[{"order_id":"21"},{"order_id":"22"}]"""));
        Assert.Equal("21", await client.PlaceOrderAsync(Buy() with { Autoslice = true }));
    }

    [Fact]
    public void An_order_update_is_typed_with_its_UPDATE_status_and_its_checksum_is_checked()
    {
        const string secret = "api-secret";
        const string stamp = "2026-03-04 10:00:05";
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("260304000000001" + stamp + secret)));
        var json = $$"""
            {"order_id":"260304000000001","status":"UPDATE","status_message":null,"status_message_raw":null,"placed_by":"AB1234",
             "order_timestamp":"{{stamp}}","tradingsymbol":"NIFTY2631024500CE","quantity":130,"filled_quantity":65,"pending_quantity":65,
             "average_price":101.5,"validity_ttl":0,"meta":{"iceberg":null},"user_id":"AB1234","app_id":1,"unfilled_quantity":65,"checksum":"{{checksum}}"}
            """;
        var update = KiteOrderUpdate.Parse(json);
        Assert.True(update.IsUpdate);
        Assert.Equal(("AB1234", "1", 65L, 65L, 101.5m, "AB1234"),
            (update.UserId, update.AppId, update.UnfilledQuantity, update.Order.FilledQuantity, update.Order.AveragePrice, update.Order.PlacedBy));
        Assert.True(update.Order.Meta.HasValue);
        Assert.True(update.HasValidChecksum(secret));
        Assert.False(update.HasValidChecksum("other"));
        Assert.False((update with { Checksum = "not-hex" }).HasValidChecksum(secret));
        Assert.False((update with { RawOrderTimestamp = "2026-03-04 10:00:06" }).HasValidChecksum(secret));
        Assert.Throws<System.Text.Json.JsonException>(() => KiteOrderUpdate.Parse("""{"status":"COMPLETE"}"""));
    }

    [Fact]
    public async Task The_order_gate_waits_out_the_minute_budget_and_counts_modifications_and_cancels()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 4, 30, 0, TimeSpan.Zero));
        var (client, handler) = Create((_, _) => FakeKiteHandler.Data("""{"order_id":"1"}"""), o =>
        {
            o.TimeProvider = time;
            o.OrderRequestsPerWindow = 0;
            o.OrderRequestsPerMinute = 3;
        });
        await client.PlaceOrderAsync(Buy());
        await client.ModifyOrderAsync("regular", "1", new KiteOrderModification { Quantity = 130 });
        await client.CancelOrderAsync("regular", "1");
        var fourth = client.PlaceOrderAsync(Buy());
        await Task.Delay(50);
        Assert.False(fourth.IsCompleted);            // the fourth order request of the minute waits ...
        Assert.Equal(3, handler.Requests.Count);
        time.Advance(TimeSpan.FromSeconds(61));      // ... until the minute window has passed
        Assert.Equal("1", await fourth);
        Assert.Equal(4, client.OrderGate.UsedToday);
    }

    [Fact]
    public async Task The_daily_order_budget_fails_fast_and_renews_on_the_next_IST_day()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 18, 0, 0, TimeSpan.Zero));   // 23:30 IST
        var (client, handler) = Create((_, _) => FakeKiteHandler.Data("""{"order_id":"1"}"""), o =>
        {
            o.TimeProvider = time;
            o.OrderRequestsPerWindow = 0;
            o.OrderRequestsPerDay = 2;
        });
        await client.PlaceOrderAsync(Buy());
        await client.CancelOrderAsync("regular", "1");
        var e = await Assert.ThrowsAsync<NetworkException>(() => client.PlaceOrderAsync(Buy()));
        Assert.Equal(HttpStatusCode.TooManyRequests, e.StatusCode);
        Assert.Equal(2, handler.Requests.Count);
        time.Advance(TimeSpan.FromMinutes(31));      // 00:01 IST: a new day
        await client.PlaceOrderAsync(Buy());
        Assert.Equal(1, client.OrderGate.UsedToday);
    }

    [Fact]
    public async Task A_refused_placement_is_surely_not_placed_without_a_lookup()
    {
        var (client, handler) = Create((_, _) => FakeKiteHandler.Error(HttpStatusCode.BadRequest, "InputException", "Market orders without market protection are not allowed via API."));
        var result = await client.PlaceAndFindAsync(Buy());
        Assert.Equal((PlacementOutcome.SurelyNotPlaced, 0), (result.Outcome, result.OrderIds.Count));
        Assert.IsType<InputException>(result.Error);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_lost_answer_is_found_by_tag_in_the_order_book_or_stays_unknown()
    {
        bool inBook = true;
        var (client, handler) = Create((req, _) => req.Method == HttpMethod.Post
            ? FakeKiteHandler.Error(HttpStatusCode.GatewayTimeout, "NetworkException", "Gateway timed out")
            : FakeKiteHandler.Data(inBook
                ? """[{"order_id":"5","tag":"other"},{"order_id":"6","tag":"lt-entry-1","tags":["lt-entry-1"]}]"""
                : """[{"order_id":"5","tag":"other"}]"""));
        var found = await client.PlaceAndFindAsync(Buy());
        Assert.Equal((PlacementOutcome.Placed, "6"), (found.Outcome, Assert.Single(found.OrderIds)));
        Assert.IsType<NetworkException>(found.Error);
        Assert.Equal([HttpMethod.Post, HttpMethod.Get], handler.Requests.Select(r => r.Method));

        inBook = false;
        var unknown = await client.PlaceAndFindAsync(Buy());
        Assert.Equal(PlacementOutcome.Unknown, unknown.Outcome);
        Assert.Equal(PlacementOutcome.Unknown, KiteOrderPlacement.OutcomeOf(new TimeoutException()));
        Assert.Equal(PlacementOutcome.SurelyNotPlaced, KiteOrderPlacement.OutcomeOf(new NetworkException("Too many requests", HttpStatusCode.TooManyRequests)));
    }

    [Fact]
    public async Task Margins_charges_and_conversion_send_what_Kite_expects_and_read_its_answers()
    {
        var (client, handler) = Create((req, _) => req.RequestUri!.AbsolutePath switch
        {
            "/user/margins" => FakeKiteHandler.Data("""{"equity":{"enabled":true,"net":95000.5,"available":{"cash":100000,"live_balance":95000.5},"utilised":{"option_premium":4999.5,"debits":4999.5}},"commodity":null}"""),
            "/margins/orders" => FakeKiteHandler.Data("""[{"type":"equity","tradingsymbol":"NIFTY2631024500CE","exchange":"NFO","option_premium":6500,"total":6500}]"""),
            "/margins/basket" => FakeKiteHandler.Data("""{"initial":{"total":6500},"final":{"total":0},"orders":[{"total":6500}]}"""),
            "/charges/orders" => FakeKiteHandler.Data("""[{"order_id":"1","quantity":65,"price":100,"charges":{"transaction_tax":0,"transaction_tax_type":"stt","brokerage":20,"gst":{"igst":3.6,"total":3.6},"total":25.1}}]"""),
            _ => FakeKiteHandler.Data("true"),
        });
        var margins = await client.GetMarginsAsync();
        Assert.Equal((95000.5m, 100000m, 4999.5m), (margins.Equity!.Net, margins.Equity.Available.Cash, margins.Equity.Utilised.OptionPremium));

        var order = new KiteMarginOrder { Exchange = "NFO", Tradingsymbol = "NIFTY2631024500CE", TransactionType = "BUY", Product = "MIS", OrderType = "LIMIT", Quantity = 65, Price = 100 };
        Assert.Equal(6500m, Assert.Single(await client.GetOrderMarginsAsync([order])).OptionPremium);
        var basket = await client.GetBasketMarginsAsync([order]);
        Assert.Equal((6500m, 0m), (basket.Initial.Total, basket.Final.Total));
        var note = Assert.Single(await client.GetVirtualContractNoteAsync([new KiteChargeOrder
        {
            OrderId = "1", Exchange = "NFO", Tradingsymbol = "NIFTY2631024500CE", TransactionType = "BUY", Product = "MIS", OrderType = "MARKET", Quantity = 65, AveragePrice = 100,
        }]));
        Assert.Equal((20m, 3.6m, 25.1m, "stt"), (note.Charges.Brokerage, note.Charges.Gst.Total, note.Charges.Total, note.Charges.TransactionTaxType));
        Assert.True(await client.ConvertPositionAsync(new KitePositionConversion
        {
            Exchange = "NFO", Tradingsymbol = "NIFTY2631024500CE", TransactionType = "BUY", Quantity = 65, OldProduct = "MIS", NewProduct = "NRML",
        }));

        var r = handler.Requests.ToArray();
        Assert.Equal("""[{"exchange":"NFO","tradingsymbol":"NIFTY2631024500CE","transaction_type":"BUY","variety":"regular","product":"MIS","order_type":"LIMIT","quantity":65,"price":100,"trigger_price":0}]""", r[1].Body);
        Assert.Equal("/margins/basket?consider_positions=true", r[2].PathAndQuery);
        Assert.Contains("\"average_price\":100", r[3].Body);
        Assert.Equal((HttpMethod.Put, "exchange=NFO&tradingsymbol=NIFTY2631024500CE&transaction_type=BUY&position_type=day&quantity=65&old_product=MIS&new_product=NRML"),
            (r[4].Method, r[4].Body));
    }
}
