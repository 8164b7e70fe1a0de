using LiveTrader.Core.Market;
using LiveTrader.Kite.Rest;
using LiveTrader.Sim.Market;
using LiveTrader.Sim.Orders;

namespace LiveTrader.Sim.Tests;

/// <summary>How the simulated exchange fills (kite-orders.md §2–3): against depth in several trades, a MARKET order as
/// a limit at its protection band, the remainder OPEN, a triggered stop-limit at the market within its limit.</summary>
public class OrderFillTests
{
    /// <summary>A NIFTY option near the money whose first two offer levels hold less than 27 lots, so a 1755-unit
    /// order limited to the second level fills only in part.</summary>
    private static SimInstrument ThinOption(SimServer sim) =>
        SimTest.NearMoney(sim, s => s.LastPrice > 60 && s.Offers[0].Quantity + s.Offers[1].Quantity < 1755);

    [Fact]
    public async Task Market_order_becomes_a_limit_at_its_protection_band_fills_in_several_trades_and_leaves_the_rest_open()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        using var client = Sim.Client(sim);
        var option = ThinOption(sim);
        var start = sim.Clock.Now;
        var s = sim.Market.Snapshot(option);
        decimal last = SimTest.Px(s.LastPrice), band = SimTest.Px(s.Offers[1].Price);
        // The percentage that puts the band on the second offer level (half a tick over, so rounding down lands on it).
        decimal protection = (band + 0.025m - last) / last * 100;

        var id = await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "BUY", "MARKET", 1755) with { MarketProtection = protection });
        var expected = SimTest.Take(s.Offers, 1755, buy: true, worst: band);
        Assert.Equal(2, expected.Count);
        long filled = expected.Sum(f => f.Quantity);
        decimal value = expected.Sum(f => f.Price * f.Quantity);

        var order = Assert.Single(await client.GetOrdersAsync());
        Assert.Equal(("OPEN", "MARKET", band, filled, 1755 - filled, Math.Round(value / filled, 2)),
            (order.Status, order.OrderType, order.Price, order.FilledQuantity, order.PendingQuantity, order.AveragePrice));
        Assert.Equal(expected, (await client.GetOrderTradesAsync(id)).Select(t => (t.AveragePrice, t.Quantity)));
        Assert.Equal(filled, Assert.Single((await client.GetPositionsAsync()).Net).Quantity);

        // The rest works as a limit at the band: at each later second whose offers reach it, it takes what they hold there.
        long remaining = 1755 - filled;
        var later = new List<(decimal, long)>();
        for (int sec = 1; sec <= 600 && remaining > 0; sec++)
        {
            long q = Math.Min(remaining, SimTest.Take(sim.Market.Snapshot(option, start.AddSeconds(sec)).Offers, remaining, buy: true, worst: band).Sum(f => f.Quantity));
            if (q == 0) continue;
            later.Add((band, q));
            remaining -= q;
        }
        sim.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(expected.Concat(later), (await client.GetOrderTradesAsync(id)).Select(t => (t.AveragePrice, t.Quantity)));
        Assert.Equal(remaining == 0 ? "COMPLETE" : "OPEN", Assert.Single(await client.GetOrdersAsync()).Status);
    }

    [Fact]
    public async Task Triggered_stop_limit_sell_fills_at_the_bids_within_its_limit_not_at_its_limit_price()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        using var client = Sim.Client(sim);
        var option = SimTest.AtmOption(sim);
        var start = sim.Clock.Now;
        var lasts = Enumerable.Range(1, 1800).Select(s => SimTest.Px(sim.Market.Snapshot(option, start.AddSeconds(s)).LastPrice)).ToList();
        decimal trigger = lasts.Min() + 0.05m, limit = trigger - 10;
        Assert.True(trigger < SimTest.Px(sim.Market.Snapshot(option).LastPrice));
        var hit = start.AddSeconds(1 + lasts.FindIndex(l => l <= trigger));
        var expected = SimTest.Take(sim.Market.Snapshot(option, hit).Bids, 65, buy: false, worst: limit);

        var id = await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "SELL", "SL", 65, price: limit, trigger: trigger));
        Assert.Equal("TRIGGER PENDING", Assert.Single(await client.GetOrdersAsync()).Status);
        sim.Clock.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(["TRIGGER PENDING", "OPEN", "COMPLETE"], (await client.GetOrderHistoryAsync(id)).Skip(3).Select(h => h.Status));
        var trades = await client.GetOrderTradesAsync(id);
        Assert.Equal(expected, trades.Select(t => (t.AveragePrice, t.Quantity)));
        Assert.All(trades, t => Assert.Equal(hit, t.FillTimestamp));
        Assert.All(trades, t => Assert.True(t.AveragePrice > limit, $"filled at {t.AveragePrice}, its limit is {limit}"));
        Assert.Equal(-65, Assert.Single((await client.GetPositionsAsync()).Net).Quantity);
    }

    [Fact]
    public async Task Limit_outside_the_price_protection_band_is_rejected_on_placement_and_refused_on_modification()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        using var client = Sim.Client(sim);
        var now = sim.Clock.Now;
        // An option whose protection band ends below its upper circuit limit, so a price between them passes the circuit check.
        var (option, beyond) = sim.Catalog.All.Where(i => i.Kind == SimInstrumentKind.Option && i.Underlying.Segment == Segment.NIFTY)
            .Select(i => (i, Beyond: PriceBands.ToTick(PriceBands.Protection(PriceBands.Reference(sim.Market, i, now)).High + 0.05m, 0.05m, up: true)))
            .First(x => x.Beyond <= PriceBands.Circuit(sim.Market.Snapshot(x.i)).Upper);

        var id = await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "BUY", "LIMIT", 65, beyond));
        var history = await client.GetOrderHistoryAsync(id);
        Assert.Equal(["PUT ORDER REQ RECEIVED", "VALIDATION PENDING", "OPEN PENDING", "REJECTED"], history.Select(h => h.Status));
        Assert.Contains("limit price protection", history[^1].StatusMessage);
        Assert.StartsWith("16283 : ", history[^1].StatusMessageRaw);
        Assert.Empty(await client.GetTradesAsync());

        decimal far = SimTest.FarBelow(sim, option);
        var resting = await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "BUY", "LIMIT", 65, far));
        var e = await Assert.ThrowsAsync<InputException>(() => client.ModifyOrderAsync("regular", resting, new KiteOrderModification { Price = beyond }));
        Assert.Contains("limit price protection", e.Message);
        var still = (await client.GetOrdersAsync()).Single(o => o.OrderId == resting);
        Assert.Equal(("OPEN", far, false), (still.Status, still.Price, still.Modified));
    }

    [Fact]
    public async Task Stop_limit_whose_price_is_outside_the_protection_band_when_it_triggers_is_rejected()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        using var client = Sim.Client(sim);
        var start = sim.Clock.Now;
        // A cheap option (band ± Rs 20) whose path rises within 30 minutes: a buy stop at that high with its limit
        // Rs 20.05 over it is inside the circuit now, but beyond the band of the reference when it triggers.
        var candidates =
            from i in sim.Catalog.All
            where i.Kind == SimInstrumentKind.Option && i.Underlying.Segment == Segment.NIFTY
            let s = sim.Market.Snapshot(i)
            where s.LastPrice is > 10 and < 40
            let path = Enumerable.Range(1, 1800).Select(k => SimTest.Px(sim.Market.Snapshot(i, start.AddSeconds(k)).LastPrice)).ToList()
            let high = path.Max()
            let at = start.AddSeconds(1 + path.FindIndex(p => p >= high))
            let beyond = high + 20.05m
            where high > SimTest.Px(s.LastPrice) && beyond <= PriceBands.Circuit(s).Upper
            let reference = PriceBands.Reference(sim.Market, i, at)
            where reference <= 50 && beyond > reference + 20
            select (Option: i, Trigger: high, Limit: beyond, Hit: at);
        var (option, trigger, limit, hit) = candidates.First();

        var id = await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "BUY", "SL", 65, price: limit, trigger: trigger));
        Assert.Equal("TRIGGER PENDING", Assert.Single(await client.GetOrdersAsync()).Status);
        sim.Clock.Advance(TimeSpan.FromMinutes(30));

        var history = await client.GetOrderHistoryAsync(id);
        Assert.Equal(["TRIGGER PENDING", "REJECTED"], history.Skip(3).Select(h => h.Status));
        Assert.Equal(hit, history[^1].ExchangeUpdateTimestamp);
        Assert.StartsWith("16283 : ", history[^1].StatusMessageRaw);
        Assert.Empty(await client.GetTradesAsync());
    }

    [Fact]
    public async Task Order_needing_more_margin_than_the_funds_left_is_rejected_by_the_RMS()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45), configure: o => o.Funds = 5000);
        using var client = Sim.Client(sim);
        var option = SimTest.AtmOption(sim);

        var id = await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "BUY", "MARKET", 65));
        var history = await client.GetOrderHistoryAsync(id);
        Assert.Equal(["PUT ORDER REQ RECEIVED", "VALIDATION PENDING", "REJECTED"], history.Select(h => h.Status));
        Assert.StartsWith("Insufficient funds. Required margin is ", history[^1].StatusMessage);
        Assert.EndsWith("but available margin is 5000.00.", history[^1].StatusMessage);
        Assert.StartsWith("RMS:Margin Exceeds,Required:", history[^1].StatusMessageRaw);
        Assert.Null(history[^1].ExchangeOrderId);
        Assert.Empty((await client.GetPositionsAsync()).Net);
    }

    [Fact]
    public async Task The_exchange_reject_fault_rejects_the_next_order_with_its_raw_message()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        using var client = Sim.Client(sim);
        var symbol = SimTest.AtmOption(sim).Tradingsymbol;
        sim.Faults.RejectOrders(1, "16316 : The trigger price is not a multiple of tick size");

        var rejected = await client.PlaceOrderAsync(SimTest.Order(symbol, "BUY", "MARKET", 65));
        var done = await client.PlaceOrderAsync(SimTest.Order(symbol, "BUY", "MARKET", 65));
        var orders = await client.GetOrdersAsync();
        var r = orders.Single(o => o.OrderId == rejected);
        Assert.Equal(("REJECTED", "16316 : The trigger price is not a multiple of tick size"), (r.Status, r.StatusMessageRaw));
        Assert.NotNull(r.StatusMessage);
        Assert.Equal("COMPLETE", orders.Single(o => o.OrderId == done).Status);
    }

    [Fact]
    public async Task With_a_processing_delay_the_order_waits_in_open_pending_and_fills_at_the_market_it_then_meets()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45), configure: o => o.OrderProcessingDelay = TimeSpan.FromSeconds(3));
        using var client = Sim.Client(sim);
        var option = SimTest.AtmOption(sim);
        var arrives = sim.Clock.Now.AddSeconds(3);
        var expected = SimTest.Take(sim.Market.Snapshot(option, arrives).Offers, 65, buy: true);

        var id = await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "BUY", "MARKET", 65));
        var pending = Assert.Single(await client.GetOrdersAsync());
        Assert.Equal(("OPEN PENDING", (string?)null), (pending.Status, pending.ExchangeOrderId));

        sim.Clock.Advance(TimeSpan.FromSeconds(3));
        var done = Assert.Single(await client.GetOrdersAsync());
        Assert.Equal(("COMPLETE", arrives), (done.Status, done.ExchangeTimestamp));
        Assert.Equal(expected, (await client.GetOrderTradesAsync(id)).Select(t => (t.AveragePrice, t.Quantity)));
    }

    [Fact]
    public async Task At_1525_working_MIS_orders_are_cancelled_and_open_MIS_positions_squared_off_with_the_brokers_charge()
    {
        await using var sim = await Sim.StartAsync(at: new TimeSpan(6, 5, 0));   // 15:20 IST
        using var client = Sim.Client(sim);
        var option = SimTest.AtmOption(sim);
        await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "BUY", "MARKET", 130));
        await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "BUY", "MARKET", 65) with { Product = "NRML" });
        var resting = await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "BUY", "LIMIT", 65, SimTest.FarBelow(sim, option)));

        sim.Clock.Advance(TimeSpan.FromMinutes(6));
        var orders = await client.GetOrdersAsync();
        Assert.Equal("CANCELLED", orders.Single(o => o.OrderId == resting).Status);
        var squareOff = Assert.Single(orders, o => o.PlacedBy == "ADMINSQF");
        Assert.Equal(("SELL", "MIS", 130L, "COMPLETE", Ist.At(Sim.Day, new TimeOnly(15, 25))),
            (squareOff.TransactionType, squareOff.Product, squareOff.FilledQuantity, squareOff.Status, squareOff.ExchangeTimestamp));
        var positions = (await client.GetPositionsAsync()).Net;
        Assert.Equal(0, positions.Single(p => p.Product == "MIS").Quantity);
        Assert.Equal(65, positions.Single(p => p.Product == "NRML").Quantity);
        Assert.Equal(SimOrderBook.SquareOffCharge, sim.Orders.Account().Debits);
    }

    [Fact]
    public async Task Autoslice_splits_an_order_above_the_freeze_limit_into_tagged_children()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        using var client = Sim.Client(sim);
        var option = SimTest.AtmOption(sim);

        var placed = await client.PlaceOrderWithChildrenAsync(
            SimTest.Order(option.Tradingsymbol, "BUY", "LIMIT", 3640, SimTest.FarBelow(sim, option)) with { Autoslice = true });
        Assert.Equal(3, placed.Children.Count);
        Assert.All(placed.Children, c => Assert.Null(c.Error));
        var orders = await client.GetOrdersAsync();
        Assert.Equal(placed.OrderIds, orders.Select(o => o.OrderId));
        Assert.Equal([1755L, 1755L, 130L], orders.Select(o => o.Quantity));
        Assert.All(orders, o => Assert.Equal(["simtest", "autoslice", "autoslice:" + placed.OrderId], o.Tags!));

        // More than 10 slices is refused; without autoslice the freeze limit refuses it whole.
        await Assert.ThrowsAsync<InputException>(() => client.PlaceOrderAsync(
            SimTest.Order(option.Tradingsymbol, "BUY", "LIMIT", 1755 * 10 + 65, SimTest.FarBelow(sim, option)) with { Autoslice = true }));
        await Assert.ThrowsAsync<InputException>(() => client.PlaceOrderAsync(
            SimTest.Order(option.Tradingsymbol, "BUY", "LIMIT", 3640, SimTest.FarBelow(sim, option))));
        Assert.Equal(3, (await client.GetOrdersAsync()).Count);
    }
}
