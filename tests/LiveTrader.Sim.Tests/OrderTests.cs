using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiveTrader.Core.Market;
using LiveTrader.Kite.Rest;
using LiveTrader.Kite.Ticker;

namespace LiveTrader.Sim.Tests;

/// <summary>Orders, trades and positions through the real <see cref="KiteRestClient"/> against the simulator.</summary>
public class OrderTests
{
    private static KiteOrderRequest Order(string symbol, string side, string type, long qty, decimal? price = null, decimal? trigger = null) =>
        SimTest.Order(symbol, side, type, qty, price, trigger);

    [Fact]
    public async Task Market_buy_with_protection_completes_against_the_offers_and_shows_in_trades_and_positions()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        using var client = Sim.Client(sim);
        var option = SimTest.AtmOption(sim);
        var snap = sim.Market.Snapshot(option);
        // 130 units within the offers' first levels (the book shows at least one lot per level).
        var fills = SimTest.Take(snap.Offers, 130, buy: true);
        decimal ask = Math.Round(fills.Sum(f => f.Price * f.Quantity) / 130, 2);

        var id = await client.PlaceOrderAsync(Order(option.Tradingsymbol, "BUY", "MARKET", 130));
        Assert.Matches("^[0-9]{15,}$", id);

        var order = Assert.Single(await client.GetOrdersAsync());
        Assert.Equal((id, "COMPLETE", 130L, 130L, 0L, ask), (order.OrderId, order.Status, order.Quantity, order.FilledQuantity, order.PendingQuantity, order.AveragePrice));
        Assert.Equal((option.InstrumentToken, "MARKET", "BUY", "MIS", "simtest"), (order.InstrumentToken, order.OrderType, order.TransactionType, order.Product, order.Tag));
        Assert.Equal(Ist.At(Sim.Day, new TimeOnly(10, 0)), order.OrderTimestamp);

        var history = await client.GetOrderHistoryAsync(id);
        Assert.Equal(["PUT ORDER REQ RECEIVED", "VALIDATION PENDING", "OPEN PENDING", "OPEN", "COMPLETE"], history.Select(h => h.Status));
        Assert.Null(history[0].ExchangeOrderId);
        Assert.NotNull(history[^1].ExchangeOrderId);

        var trades = await client.GetTradesAsync();
        Assert.Equal(fills, trades.Select(t => (t.AveragePrice, t.Quantity)));
        Assert.All(trades, t => Assert.Equal((id, "BUY", "10:00:00"), (t.OrderId, t.TransactionType, t.OrderTimestamp)));   // Kite's time-only quirk
        Assert.Equal(trades.Select(t => t.TradeId), (await client.GetOrderTradesAsync(id)).Select(t => t.TradeId));

        // Later the position is marked to the new last price.
        sim.Clock.Advance(TimeSpan.FromMinutes(10));
        decimal last = SimTest.Px(sim.Market.Snapshot(option).LastPrice);
        var positions = await client.GetPositionsAsync();
        var p = Assert.Single(positions.Net);
        Assert.Equal((option.Tradingsymbol, "MIS", 130L, ask, last), (p.Tradingsymbol, p.Product, p.Quantity, p.AveragePrice, p.LastPrice));
        decimal paid = fills.Sum(f => f.Price * f.Quantity);
        Assert.Equal((130L, paid, 0L, 0m), (p.BuyQuantity, p.BuyValue, p.SellQuantity, p.SellValue));
        Assert.Equal(130 * last - paid, p.Pnl);
        Assert.Equal(p.Pnl, p.M2m);
        Assert.Equal(p.Quantity, Assert.Single(positions.Day).Quantity);

        // Selling it back against the bids flattens the position and realises the P&L.
        var sells = SimTest.Take(sim.Market.Snapshot(option).Bids, 130, buy: false);
        decimal received = sells.Sum(f => f.Price * f.Quantity);
        var sellId = await client.PlaceOrderAsync(Order(option.Tradingsymbol, "SELL", "MARKET", 130));
        Assert.Equal(Math.Round(received / 130, 2), (await client.GetOrderHistoryAsync(sellId))[^1].AveragePrice);
        p = Assert.Single((await client.GetPositionsAsync()).Net);
        Assert.Equal((0L, 0m, 130L, received), (p.Quantity, p.AveragePrice, p.SellQuantity, p.SellValue));
        Assert.Equal(received - paid, p.Pnl);
        Assert.Equal(fills.Count + sells.Count, (await client.GetTradesAsync()).Count);
    }

    [Fact]
    public async Task Limit_order_rests_open_is_modified_and_cancelled_with_the_full_status_walk()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        using var client = Sim.Client(sim);
        var option = SimTest.AtmOption(sim, "PE");
        decimal far = SimTest.FarBelow(sim, option);

        var id = await client.PlaceOrderAsync(Order(option.Tradingsymbol, "BUY", "LIMIT", 65, far));
        var open = Assert.Single(await client.GetOrdersAsync());
        Assert.Equal(("OPEN", far, 65L, 0L), (open.Status, open.Price, open.PendingQuantity, open.FilledQuantity));

        sim.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(id, await client.ModifyOrderAsync("regular", id, new KiteOrderModification { Price = far + 1, Quantity = 130 }));
        var modified = Assert.Single(await client.GetOrdersAsync());
        Assert.Equal(("OPEN", far + 1, 130L, true), (modified.Status, modified.Price, modified.Quantity, modified.Modified));

        Assert.Equal(id, await client.CancelOrderAsync("regular", id));
        var cancelled = Assert.Single(await client.GetOrdersAsync());
        Assert.Equal(("CANCELLED", 130L, 0L, 0L), (cancelled.Status, cancelled.CancelledQuantity, cancelled.PendingQuantity, cancelled.FilledQuantity));

        var history = await client.GetOrderHistoryAsync(id);
        Assert.Equal(["PUT ORDER REQ RECEIVED", "VALIDATION PENDING", "OPEN PENDING", "OPEN",
                      "MODIFY VALIDATION PENDING", "MODIFY PENDING", "MODIFIED", "OPEN", "CANCEL PENDING", "CANCELLED"],
            history.Select(h => h.Status));
        Assert.Equal(far, history[3].Price);
        Assert.Equal(far + 1, history[7].Price);
        Assert.Empty(await client.GetTradesAsync());
        Assert.Empty((await client.GetPositionsAsync()).Net);

        // A finished order can be neither modified nor cancelled.
        await Assert.ThrowsAsync<InputException>(() => client.CancelOrderAsync("regular", id));
        await Assert.ThrowsAsync<InputException>(() => client.ModifyOrderAsync("regular", id, new KiteOrderModification { Price = far }));
    }

    [Fact]
    public async Task Resting_limit_order_fills_at_its_price_at_the_first_simulated_second_the_ask_reaches_it()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        using var client = Sim.Client(sim);
        var option = SimTest.AtmOption(sim);
        var start = sim.Clock.Now;
        decimal ask0 = SimTest.Px(sim.Market.Snapshot(option).BestAsk);

        // Lowest ask of the next 30 simulated minutes, and when it is first reached.
        var asks = Enumerable.Range(1, 1800).Select(s => (At: start.AddSeconds(s), Ask: SimTest.Px(sim.Market.Snapshot(option, start.AddSeconds(s)).BestAsk))).ToList();
        decimal limit = asks.Min(a => a.Ask);
        Assert.True(limit < ask0, "the path should dip below the opening ask within 30 minutes");
        var firstFill = asks.First(a => a.Ask <= limit).At;

        var id = await client.PlaceOrderAsync(Order(option.Tradingsymbol, "BUY", "LIMIT", 65, limit));
        Assert.Equal("OPEN", Assert.Single(await client.GetOrdersAsync()).Status);

        sim.Clock.Advance(TimeSpan.FromMinutes(30));
        var done = Assert.Single(await client.GetOrdersAsync());
        Assert.Equal(("COMPLETE", limit, 65L), (done.Status, done.AveragePrice, done.FilledQuantity));
        var trade = Assert.Single(await client.GetOrderTradesAsync(id));
        Assert.Equal((limit, firstFill), (trade.AveragePrice, trade.FillTimestamp));
    }

    [Fact]
    public async Task Bad_orders_are_refused_with_InputException_and_modifications_stop_at_25()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        // 26 order requests in a row cross the server's one-second windows; on a loaded machine a request
        // can land one window late and be refused 429. The client retries that (the order never reached
        // the book), as it does in the product; the cap's 400 is never retried.
        using var client = Sim.Client(sim, retries: 3);
        var option = SimTest.AtmOption(sim);

        var unknown = await Assert.ThrowsAsync<InputException>(() => client.PlaceOrderAsync(Order("NIFTY99JAN1CE", "BUY", "MARKET", 65)));
        Assert.Contains("does not exist", unknown.Message);
        var lot = await Assert.ThrowsAsync<InputException>(() => client.PlaceOrderAsync(Order(option.Tradingsymbol, "BUY", "MARKET", 50)));
        Assert.Contains("lot size", lot.Message);
        var type = await Assert.ThrowsAsync<InputException>(() => client.PlaceOrderAsync(Order(option.Tradingsymbol, "BUY", "STOP", 65)));
        Assert.Contains("order_type", type.Message);
        await Assert.ThrowsAsync<InputException>(() => client.PlaceOrderAsync(Order(option.Tradingsymbol, "BUY", "LIMIT", 65)));  // no price
        await Assert.ThrowsAsync<InputException>(() => client.PlaceOrderAsync(Order(option.Tradingsymbol, "BUY", "LIMIT", 65, 1.03m)));  // off tick
        Assert.Empty(await client.GetOrdersAsync());

        decimal far = SimTest.FarBelow(sim, option);
        var id = await client.PlaceOrderAsync(Order(option.Tradingsymbol, "BUY", "LIMIT", 65, far));
        for (int i = 0; i < 25; i++)
            await client.ModifyOrderAsync("regular", id, new KiteOrderModification { Price = far + (i % 2) * 0.05m });
        var tooMany = await Assert.ThrowsAsync<NetworkException>(() => client.ModifyOrderAsync("regular", id, new KiteOrderModification { Price = far + 1 }));
        Assert.Equal("Maximum allowed order modifications exceeded.", tooMany.Message);
        Assert.Equal("OPEN", Assert.Single(await client.GetOrdersAsync()).Status);
    }
}
