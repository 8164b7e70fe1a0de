using LiveTrader.Core.Market;
using LiveTrader.Kite.Rest;
using LiveTrader.Sim.Orders;

namespace LiveTrader.Sim.Tests;

/// <summary>What Kite refuses before the exchange (kite-orders.md §1): HTTP 400 with Kite's error type, no order id,
/// nothing in the order book, and still counted against the order caps.</summary>
public class OrderRefusalTests
{
    private static async Task<InputException> Refused(KiteRestClient client, KiteOrderRequest order)
    {
        var e = await Assert.ThrowsAsync<InputException>(() => client.PlaceOrderAsync(order));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, e.StatusCode);
        return e;
    }

    [Fact]
    public async Task Stop_loss_market_on_an_option_is_refused_and_a_stop_limit_is_accepted()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        using var client = Sim.Client(sim);
        var option = SimTest.AtmOption(sim);
        decimal last = SimTest.Px(sim.Market.Snapshot(option).LastPrice);

        var e = await Refused(client, SimTest.Order(option.Tradingsymbol, "SELL", "SL-M", 65, trigger: last - 5));
        Assert.Equal(SimOrderRules.StopMarketBlocked, e.Message);
        Assert.Empty(await client.GetOrdersAsync());

        await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "SELL", "SL", 65, price: last - 6, trigger: last - 5));
        Assert.Equal("TRIGGER PENDING", Assert.Single(await client.GetOrdersAsync()).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    public async Task Market_order_without_market_protection_is_refused_with_Kites_message(string? protection)
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        using var client = Sim.Client(sim);
        var order = SimTest.Order(SimTest.AtmOption(sim).Tradingsymbol, "BUY", "MARKET", 65) with
        {
            MarketProtection = protection is null ? null : decimal.Parse(protection, System.Globalization.CultureInfo.InvariantCulture),
        };
        var e = await Refused(client, order);
        Assert.Equal("Market orders without market protection are not allowed via API. Please set market protection or use a Limit order.", e.Message);
        Assert.Empty(await client.GetOrdersAsync());
    }

    [Theory]
    [InlineData(-2, false)]
    [InlineData(100.5, false)]
    [InlineData(-1, true)]
    [InlineData(0.5, true)]
    [InlineData(100, true)]
    public async Task Market_protection_is_minus_one_or_a_percentage_up_to_100(double protection, bool accepted)
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        using var client = Sim.Client(sim);
        var order = SimTest.Order(SimTest.AtmOption(sim).Tradingsymbol, "BUY", "MARKET", 65) with { MarketProtection = (decimal)protection };
        if (accepted)
            Assert.Equal("COMPLETE", (await client.GetOrderHistoryAsync(await client.PlaceOrderAsync(order)))[^1].Status);
        else
            Assert.Contains("market_protection", (await Refused(client, order)).Message);
    }

    [Fact]
    public async Task Modifying_a_limit_into_a_market_order_needs_market_protection_too()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        using var client = Sim.Client(sim);
        var option = SimTest.AtmOption(sim);
        var id = await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "BUY", "LIMIT", 65, SimTest.FarBelow(sim, option)));

        var e = await Assert.ThrowsAsync<InputException>(() => client.ModifyOrderAsync("regular", id, new KiteOrderModification { OrderType = "MARKET" }));
        Assert.Equal(SimOrderRules.NoMarketProtection, e.Message);
        Assert.Equal("OPEN", Assert.Single(await client.GetOrdersAsync()).Status);

        await client.ModifyOrderAsync("regular", id, new KiteOrderModification { OrderType = "MARKET", MarketProtection = 2 });
        var done = Assert.Single(await client.GetOrdersAsync());
        Assert.Equal(("COMPLETE", "MARKET", 2m), (done.Status, done.OrderType, done.MarketProtection));
    }

    [Fact]
    public async Task Quantity_above_the_dated_freeze_limit_is_refused_per_underlying()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        using var client = Sim.Client(sim);
        Assert.Equal((1800, 600, 1000), (FreezeLimits.On(Segment.NIFTY, Sim.Day), FreezeLimits.On(Segment.BANKNIFTY, Sim.Day), FreezeLimits.On(Segment.SENSEX, Sim.Day)));
        var nifty = SimTest.AtmOption(sim);

        // 27 lots of 65 = 1755 is the most under 1800; 28 lots is refused with Kite's wording.
        var e = await Refused(client, SimTest.Order(nifty.Tradingsymbol, "BUY", "LIMIT", 1820, SimTest.FarBelow(sim, nifty)));
        Assert.StartsWith("The order quantity 1820 (28 lots) is higher than the maximum quantity of 1755 (27 lots) allowed by the exchanges", e.Message);
        await client.PlaceOrderAsync(SimTest.Order(nifty.Tradingsymbol, "BUY", "LIMIT", 1755, SimTest.FarBelow(sim, nifty)));

        var bank = sim.Catalog.All.First(i => i.Underlying.Segment == Segment.BANKNIFTY && i.InstrumentType == "CE");
        e = await Refused(client, SimTest.Order(bank.Tradingsymbol, "BUY", "LIMIT", 630, SimTest.FarBelow(sim, bank)));
        Assert.StartsWith("The order quantity 630 (21 lots) is higher than the maximum quantity of 600 (20 lots)", e.Message);

        var sensex = sim.Catalog.All.First(i => i.Underlying.Segment == Segment.SENSEX && i.InstrumentType == "PE");
        e = await Refused(client, SimTest.Order(sensex.Tradingsymbol, "BUY", "LIMIT", 1020, SimTest.FarBelow(sim, sensex)) with { Exchange = "BFO" });
        Assert.StartsWith("The order quantity 1020 (51 lots) is higher than the maximum quantity of 1000 (50 lots)", e.Message);
        Assert.Single(await client.GetOrdersAsync());
    }

    [Fact]
    public async Task Stop_triggers_on_the_wrong_side_of_the_last_price_and_stop_limits_on_the_wrong_side_of_their_trigger_are_refused()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        using var client = Sim.Client(sim);
        var option = SimTest.AtmOption(sim);
        decimal last = SimTest.Px(sim.Market.Snapshot(option).LastPrice);

        Assert.Contains("stoploss sell order should be at or below the last traded price",
            (await Refused(client, SimTest.Order(option.Tradingsymbol, "SELL", "SL", 65, price: last, trigger: last + 1))).Message);
        Assert.Contains("stoploss buy order should be at or above the last traded price",
            (await Refused(client, SimTest.Order(option.Tradingsymbol, "BUY", "SL", 65, price: last, trigger: last - 1))).Message);
        Assert.Contains("stoploss sell order should be higher than or equal to the limit price",
            (await Refused(client, SimTest.Order(option.Tradingsymbol, "SELL", "SL", 65, price: last - 1, trigger: last - 2))).Message);
        Assert.Contains("stoploss buy order should be lower than or equal to the limit price",
            (await Refused(client, SimTest.Order(option.Tradingsymbol, "BUY", "SL", 65, price: last + 1, trigger: last + 2))).Message);
        Assert.Empty(await client.GetOrdersAsync());
    }

    [Fact]
    public async Task Prices_beyond_the_circuit_limits_and_tags_over_20_characters_are_refused()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        using var client = Sim.Client(sim);
        var option = SimTest.AtmOption(sim);
        var (lower, upper) = PriceBands.Circuit(sim.Market.Snapshot(option));

        Assert.Contains($"upper circuit limit of {upper:0.00}",
            (await Refused(client, SimTest.Order(option.Tradingsymbol, "BUY", "LIMIT", 65, upper + 0.05m))).Message);
        Assert.Contains($"lower circuit limit of {lower:0.00}",
            (await Refused(client, SimTest.Order(option.Tradingsymbol, "SELL", "LIMIT", 65, lower - 0.05m))).Message);
        Assert.Contains("Tag length",
            (await Refused(client, SimTest.Order(option.Tradingsymbol, "BUY", "LIMIT", 65, lower + 1) with { Tag = new string('t', 21) })).Message);
        Assert.Empty(await client.GetOrdersAsync());
        await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "BUY", "LIMIT", 65, lower + 1) with { Tag = new string('t', 20) });
    }

    [Fact]
    public async Task A_modification_to_a_price_beyond_the_circuit_limits_is_refused_as_Kite_does_and_the_order_keeps_its_price()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        using var client = Sim.Client(sim);
        var option = SimTest.AtmOption(sim);
        var (lower, upper) = PriceBands.Circuit(sim.Market.Snapshot(option));
        var resting = SimTest.FarBelow(sim, option);
        var id = await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "BUY", "LIMIT", 65, resting));

        var e = await Assert.ThrowsAsync<InputException>(() => client.ModifyOrderAsync("regular", id, new KiteOrderModification { OrderType = "LIMIT", Price = upper + 0.05m }));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Contains($"upper circuit limit of {upper:0.00}", e.Message);
        await Assert.ThrowsAsync<InputException>(() => client.ModifyOrderAsync("regular", id, new KiteOrderModification { OrderType = "LIMIT", Price = lower - 0.05m }));
        var order = Assert.Single(await client.GetOrdersAsync());
        Assert.Equal(("OPEN", resting), (order.Status, order.Price));
        // The band /quote serves is the one the refusals use.
        var quote = (await client.GetQuoteAsync([option.QuoteKey])).Values.Single();
        Assert.Equal((lower, upper), (quote.LowerCircuitLimit, quote.UpperCircuitLimit));
    }

    [Fact]
    public async Task Fresh_MIS_orders_are_refused_from_1525_while_NRML_is_accepted()
    {
        await using var sim = await Sim.StartAsync(at: new TimeSpan(6, 10, 0));   // 15:25 IST
        using var client = Sim.Client(sim);
        var option = SimTest.AtmOption(sim);
        Assert.Contains("MIS orders are blocked from 15:25", (await Refused(client, SimTest.Order(option.Tradingsymbol, "BUY", "MARKET", 65))).Message);
        await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "BUY", "MARKET", 65) with { Product = "NRML" });
        Assert.Equal("NRML", Assert.Single(await client.GetOrdersAsync()).Product);
    }

    [Fact]
    public async Task Refusals_modifications_and_cancellations_count_against_the_daily_order_cap()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45), configure: o => { o.OrdersPerDay = 4; o.OrderRatePerSecond = 0; });
        using var client = Sim.Client(sim);
        var option = SimTest.AtmOption(sim);
        decimal far = SimTest.FarBelow(sim, option);

        await Refused(client, SimTest.Order(option.Tradingsymbol, "BUY", "MARKET", 65) with { MarketProtection = null });   // 1
        var id = await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "BUY", "LIMIT", 65, far));               // 2
        await client.ModifyOrderAsync("regular", id, new KiteOrderModification { Price = far + 1 });                        // 3
        await client.CancelOrderAsync("regular", id);                                                                      // 4
        var capped = await Assert.ThrowsAsync<NetworkException>(() => client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "BUY", "LIMIT", 65, far)));
        Assert.Equal((System.Net.HttpStatusCode.TooManyRequests, "Maximum allowed order requests exceeded"), (capped.StatusCode, capped.Message));
        Assert.Single(await client.GetOrdersAsync());   // reads are not capped
    }

    [Fact]
    public async Task The_per_minute_order_cap_refuses_the_next_order_request_of_the_same_minute()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 4, 30, 0, TimeSpan.Zero));
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45), configure: o => { o.OrdersPerMinute = 2; o.OrderRatePerSecond = 0; o.TimeProvider = time; });
        using var client = Sim.Client(sim);
        var order = SimTest.Order(SimTest.AtmOption(sim).Tradingsymbol, "BUY", "MARKET", 65);
        await client.PlaceOrderAsync(order);
        await client.PlaceOrderAsync(order);
        Assert.Equal("Maximum allowed order requests exceeded", (await Assert.ThrowsAsync<NetworkException>(() => client.PlaceOrderAsync(order))).Message);
        time.Advance(TimeSpan.FromMinutes(1));
        await client.PlaceOrderAsync(order);
        Assert.Equal(3, (await client.GetOrdersAsync()).Count);
    }

    [Fact]
    public async Task Modifying_a_filled_order_is_refused_with_OrderException()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        using var client = Sim.Client(sim);
        var id = await client.PlaceOrderAsync(SimTest.Order(SimTest.AtmOption(sim).Tradingsymbol, "BUY", "MARKET", 65));
        var e = await Assert.ThrowsAsync<OrderException>(() => client.ModifyOrderAsync("regular", id, new KiteOrderModification { Quantity = 130 }));
        Assert.Equal($"The order for ID ({id}) does not exist.", e.Message);
    }
}
