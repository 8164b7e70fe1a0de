using System.Collections.Concurrent;
using LiveTrader.Kite.Orders;
using LiveTrader.Kite.Rest;
using LiveTrader.Kite.Ticker;

namespace LiveTrader.Sim.Tests;

/// <summary>Order updates on the ticker when Kite sends them (kite-orders.md §3): on fills, triggers, modifications,
/// cancels and rejections, never on placement; read with the typed <see cref="KiteOrderUpdate"/> and its checksum.
/// Updates of one connection arrive in order, so once an order's last update is in, every earlier one is too.</summary>
public class OrderUpdateTests
{
    private sealed class Updates(SimServer sim, string token) : IAsyncDisposable
    {
        private readonly ConcurrentQueue<KiteOrderUpdate> _all = new();
        private readonly KiteTicker _ticker = SimTest.Ticker(sim, token);

        public async Task StartAsync()
        {
            _ticker.OrderUpdate += (_, json) => _all.Enqueue(KiteOrderUpdate.Parse(json));
            _ticker.Start();
            await SimTest.Until(() => _ticker.State == KiteTickerState.Connected, "ticker connected");
        }

        public List<KiteOrderUpdate> Of(string orderId) => _all.Where(u => u.Order.OrderId == orderId).ToList();

        /// <summary>Waits for the order's update with <paramref name="status"/>, then returns all of its updates.</summary>
        public async Task<List<KiteOrderUpdate>> UntilAsync(string orderId, string status)
        {
            await SimTest.Until(() => Of(orderId).Any(u => u.Order.Status == status), $"{status} update of {orderId}");
            return Of(orderId);
        }

        public ValueTask DisposeAsync() => _ticker.DisposeAsync();
    }

    [Fact]
    public async Task A_market_fill_sends_one_COMPLETE_and_a_resting_order_nothing_until_it_is_modified_and_cancelled()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        var token = sim.Sessions.CreateSession().AccessToken;
        using var client = Sim.Client(sim, token);
        await using var updates = new Updates(sim, token);
        await updates.StartAsync();
        var option = SimTest.AtmOption(sim);

        var id = await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "BUY", "MARKET", 65));
        var complete = Assert.Single(await updates.UntilAsync(id, "COMPLETE"));
        Assert.Equal(("SIM001", 65L, 0L), (complete.UserId, complete.Order.FilledQuantity, complete.UnfilledQuantity));
        Assert.True(complete.HasValidChecksum(sim.Options.ApiSecret));
        Assert.False(complete.HasValidChecksum("another-secret"));

        decimal far = SimTest.FarBelow(sim, option);
        var resting = await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "BUY", "LIMIT", 65, far));
        await client.ModifyOrderAsync("regular", resting, new KiteOrderModification { Price = far + 1 });
        await client.CancelOrderAsync("regular", resting);
        var mine = await updates.UntilAsync(resting, "CANCELLED");
        Assert.Equal(["UPDATE", "CANCELLED"], mine.Select(u => u.Order.Status));
        Assert.Equal((far + 1, true), (mine[0].Order.Price, mine[0].Order.Modified));
        Assert.All(mine, u => Assert.True(u.HasValidChecksum(sim.Options.ApiSecret)));
    }

    [Fact]
    public async Task A_partial_fill_sends_UPDATE_with_the_quantities_and_a_rejection_sends_REJECTED()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        var token = sim.Sessions.CreateSession().AccessToken;
        using var client = Sim.Client(sim, token);
        await using var updates = new Updates(sim, token);
        await updates.StartAsync();
        var option = SimTest.NearMoney(sim, b => b.LastPrice > 60 && b.Offers[0].Quantity + 65 <= 1755);
        var s = sim.Market.Snapshot(option);
        decimal limit = SimTest.Px(s.Offers[0].Price);
        long atTop = s.Offers[0].Quantity;

        // A limit at the best offer for one lot more than it holds: one trade, the rest open; cancelling ends it.
        var id = await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "BUY", "LIMIT", atTop + 65, limit));
        await client.CancelOrderAsync("regular", id);
        var mine = await updates.UntilAsync(id, "CANCELLED");
        Assert.Equal("UPDATE", mine[0].Order.Status);
        Assert.Equal((atTop, 65L, 65L, limit), (mine[0].Order.FilledQuantity, mine[0].Order.PendingQuantity, mine[0].UnfilledQuantity, mine[0].Order.AveragePrice));

        sim.Faults.RejectOrders(1, "17070 : The price is out of the current execution range");
        var rejected = await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "BUY", "MARKET", 65));
        var r = Assert.Single(await updates.UntilAsync(rejected, "REJECTED"));
        Assert.Equal("17070 : The price is out of the current execution range", r.Order.StatusMessageRaw);
    }

    [Fact]
    public async Task A_stop_limit_sends_UPDATE_when_it_triggers_then_COMPLETE()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        var token = sim.Sessions.CreateSession().AccessToken;
        using var client = Sim.Client(sim, token);
        await using var updates = new Updates(sim, token);
        await updates.StartAsync();
        var option = SimTest.AtmOption(sim);
        var start = sim.Clock.Now;
        decimal trigger = Enumerable.Range(1, 1800).Min(s => SimTest.Px(sim.Market.Snapshot(option, start.AddSeconds(s)).LastPrice)) + 0.05m;

        var id = await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "SELL", "SL", 65, price: trigger - 10, trigger: trigger));
        sim.Clock.Advance(TimeSpan.FromMinutes(30));
        var mine = await updates.UntilAsync(id, "COMPLETE");
        Assert.Equal(["UPDATE", "COMPLETE"], mine.Select(u => u.Order.Status));
        Assert.Equal(0, mine[0].Order.FilledQuantity);
    }
}
