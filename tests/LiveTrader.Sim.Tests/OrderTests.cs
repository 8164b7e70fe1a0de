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
    private static KiteOrderRequest Order(string symbol, string side, string type, long qty, decimal? price = null, decimal? trigger = null) => new()
    {
        Exchange = "NFO", Tradingsymbol = symbol, TransactionType = side, OrderType = type, Quantity = qty, Product = "MIS",
        Price = price, TriggerPrice = trigger, Tag = "simtest",
    };

    [Fact]
    public async Task Market_buy_completes_at_the_ask_and_shows_in_trades_and_positions()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        using var client = Sim.Client(sim);
        var option = SimTest.AtmOption(sim);
        var snap = sim.Market.Snapshot(option);
        decimal ask = SimTest.Px(snap.BestAsk);

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

        var trade = Assert.Single(await client.GetTradesAsync());
        Assert.Equal((id, ask, 130L, "BUY"), (trade.OrderId, trade.AveragePrice, trade.Quantity, trade.TransactionType));
        Assert.Equal("10:00:00", trade.OrderTimestamp);       // Kite's time-only quirk
        Assert.Equal(trade.TradeId, Assert.Single(await client.GetOrderTradesAsync(id)).TradeId);

        // Later the position is marked to the new last price.
        sim.Clock.Advance(TimeSpan.FromMinutes(10));
        decimal last = SimTest.Px(sim.Market.Snapshot(option).LastPrice);
        var positions = await client.GetPositionsAsync();
        var p = Assert.Single(positions.Net);
        Assert.Equal((option.Tradingsymbol, "MIS", 130L, ask, last), (p.Tradingsymbol, p.Product, p.Quantity, p.AveragePrice, p.LastPrice));
        Assert.Equal((130L, 130 * ask, 0L, 0m), (p.BuyQuantity, p.BuyValue, p.SellQuantity, p.SellValue));
        Assert.Equal(130 * (last - ask), p.Pnl);
        Assert.Equal(p.Pnl, p.M2m);
        Assert.Equal(p.Quantity, Assert.Single(positions.Day).Quantity);

        // Selling it back at the bid flattens the position and realises the P&L.
        decimal bid = SimTest.Px(sim.Market.Snapshot(option).BestBid);
        var sellId = await client.PlaceOrderAsync(Order(option.Tradingsymbol, "SELL", "MARKET", 130));
        Assert.Equal(bid, (await client.GetOrderHistoryAsync(sellId))[^1].AveragePrice);
        p = Assert.Single((await client.GetPositionsAsync()).Net);
        Assert.Equal((0L, 0m, 130L, 130 * bid), (p.Quantity, p.AveragePrice, p.SellQuantity, p.SellValue));
        Assert.Equal(130 * (bid - ask), p.Pnl);
        Assert.Equal(2, (await client.GetTradesAsync()).Count);
    }

    [Fact]
    public async Task Limit_order_rests_open_is_modified_and_cancelled_with_the_full_status_walk()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        using var client = Sim.Client(sim);
        var option = SimTest.AtmOption(sim, "PE");
        decimal bid = SimTest.Px(sim.Market.Snapshot(option).BestBid);
        decimal far = Math.Round(bid / 2 / 0.05m) * 0.05m;

        var id = await client.PlaceOrderAsync(Order(option.Tradingsymbol, "BUY", "LIMIT", 65, far));
        var open = Assert.Single(await client.GetOrdersAsync());
        Assert.Equal(("OPEN", far, 65L, 0L), (open.Status, open.Price, open.PendingQuantity, open.FilledQuantity));

        sim.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(id, await client.ModifyOrderAsync("regular", id, new KiteOrderModification { Price = far - 1, Quantity = 130 }));
        var modified = Assert.Single(await client.GetOrdersAsync());
        Assert.Equal(("OPEN", far - 1, 130L, true), (modified.Status, modified.Price, modified.Quantity, modified.Modified));

        Assert.Equal(id, await client.CancelOrderAsync("regular", id));
        var cancelled = Assert.Single(await client.GetOrdersAsync());
        Assert.Equal(("CANCELLED", 130L, 0L, 0L), (cancelled.Status, cancelled.CancelledQuantity, cancelled.PendingQuantity, cancelled.FilledQuantity));

        var history = await client.GetOrderHistoryAsync(id);
        Assert.Equal(["PUT ORDER REQ RECEIVED", "VALIDATION PENDING", "OPEN PENDING", "OPEN",
                      "MODIFY VALIDATION PENDING", "MODIFY PENDING", "MODIFIED", "OPEN", "CANCEL PENDING", "CANCELLED"],
            history.Select(h => h.Status));
        Assert.Equal(far, history[3].Price);
        Assert.Equal(far - 1, history[7].Price);
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
    public async Task Stop_loss_market_sell_triggers_when_the_last_price_falls_to_the_trigger()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        using var client = Sim.Client(sim);
        var option = SimTest.AtmOption(sim);
        var start = sim.Clock.Now;
        var lasts = Enumerable.Range(1, 1800).Select(s => SimTest.Px(sim.Market.Snapshot(option, start.AddSeconds(s)).LastPrice)).ToList();
        decimal trigger = lasts.Min() + 0.05m;
        Assert.True(trigger < SimTest.Px(sim.Market.Snapshot(option).LastPrice));

        var id = await client.PlaceOrderAsync(Order(option.Tradingsymbol, "SELL", "SL-M", 65, trigger: trigger));
        Assert.Equal("TRIGGER PENDING", Assert.Single(await client.GetOrdersAsync()).Status);
        sim.Clock.Advance(TimeSpan.FromMinutes(30));
        var history = await client.GetOrderHistoryAsync(id);
        Assert.Equal(["TRIGGER PENDING", "OPEN", "COMPLETE"], history.Skip(3).Select(h => h.Status));
        Assert.Equal(-65, Assert.Single((await client.GetPositionsAsync()).Net).Quantity);
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

        var id = await client.PlaceOrderAsync(Order(option.Tradingsymbol, "BUY", "LIMIT", 65, 1m));
        for (int i = 0; i < 25; i++)
            await client.ModifyOrderAsync("regular", id, new KiteOrderModification { Price = 1m + (i % 2) * 0.05m });
        var tooMany = await Assert.ThrowsAsync<NetworkException>(() => client.ModifyOrderAsync("regular", id, new KiteOrderModification { Price = 2m }));
        Assert.Equal("Maximum allowed order modifications exceeded.", tooMany.Message);
        Assert.Equal("OPEN", Assert.Single(await client.GetOrdersAsync()).Status);
    }

    [Fact]
    public async Task Every_status_change_arrives_as_an_order_text_frame_on_KiteTicker_with_a_valid_checksum()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        var token = sim.Sessions.CreateSession().AccessToken;
        using var client = Sim.Client(sim, token);
        var updates = new ConcurrentQueue<JsonElement>();
        await using var ticker = SimTest.Ticker(sim, token);
        ticker.OrderUpdate += (_, json) => updates.Enqueue(JsonDocument.Parse(json).RootElement.Clone());
        ticker.Start();
        await SimTest.Until(() => ticker.State == KiteTickerState.Connected, "ticker connected");

        var option = SimTest.AtmOption(sim);
        var id = await client.PlaceOrderAsync(Order(option.Tradingsymbol, "BUY", "MARKET", 65));
        await SimTest.Until(() => updates.Any(u => u.GetProperty("order_id").GetString() == id && u.GetProperty("status").GetString() == "COMPLETE"), "COMPLETE update");

        var mine = updates.Where(u => u.GetProperty("order_id").GetString() == id).ToList();
        Assert.Equal(["PUT ORDER REQ RECEIVED", "VALIDATION PENDING", "OPEN PENDING", "OPEN", "COMPLETE"], mine.Select(u => u.GetProperty("status").GetString()));
        var complete = mine[^1];
        Assert.Equal(("SIM001", 65, 0), (complete.GetProperty("user_id").GetString(), complete.GetProperty("filled_quantity").GetInt32(), complete.GetProperty("unfilled_quantity").GetInt32()));
        var stamp = complete.GetProperty("order_timestamp").GetString()!;
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id + stamp + sim.Options.ApiSecret)));
        Assert.Equal(expected, complete.GetProperty("checksum").GetString());

        // A resting order that fills when the clock moves is reported by the ticker's own sweep, without any REST call.
        var from = sim.Clock.Now;
        decimal limit = Enumerable.Range(1, 600).Min(s => SimTest.Px(sim.Market.Snapshot(option, from.AddSeconds(s)).BestAsk));
        var buy = await client.PlaceOrderAsync(Order(option.Tradingsymbol, "BUY", "LIMIT", 65, limit));
        await SimTest.Until(() => updates.Any(u => u.GetProperty("order_id").GetString() == buy && u.GetProperty("status").GetString() == "OPEN"), "OPEN update");
        Assert.DoesNotContain(updates, u => u.GetProperty("order_id").GetString() == buy && u.GetProperty("status").GetString() == "COMPLETE");
        sim.Clock.Advance(TimeSpan.FromMinutes(10));
        await SimTest.Until(() => updates.Any(u => u.GetProperty("order_id").GetString() == buy && u.GetProperty("status").GetString() == "COMPLETE"), "COMPLETE update of the resting order");
    }
}
