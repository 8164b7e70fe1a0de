using System.Collections.Concurrent;
using LiveTrader.Kite.Orders;
using LiveTrader.Kite.Rest;
using LiveTrader.Kite.Ticker;

namespace LiveTrader.Sim.Tests;

/// <summary>Faults of order flows (issue 11, item 4): order updates dropped, repeated and reordered, a placement
/// whose answer is lost, token expiry with working orders, and an order from another platform.</summary>
public class OrderFaultTests
{
    private static async Task<(KiteTicker Ticker, ConcurrentQueue<KiteOrderUpdate> Updates)> Listen(SimServer sim, string token)
    {
        var updates = new ConcurrentQueue<KiteOrderUpdate>();
        var ticker = SimTest.Ticker(sim, token);
        ticker.OrderUpdate += (_, json) => updates.Enqueue(KiteOrderUpdate.Parse(json));
        ticker.Start();
        await SimTest.Until(() => ticker.State == KiteTickerState.Connected, "ticker connected");
        return (ticker, updates);
    }

    private static Task Arrived(ConcurrentQueue<KiteOrderUpdate> updates, string orderId, string status) =>
        SimTest.Until(() => updates.Any(u => u.Order.OrderId == orderId && u.Order.Status == status), $"{status} of {orderId}");

    [Fact]
    public async Task A_dropped_update_is_missing_on_the_ticker_and_found_by_polling_the_orders()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        var token = sim.Sessions.CreateSession().AccessToken;
        using var client = Sim.Client(sim, token);
        var (ticker, updates) = await Listen(sim, token);
        await using var _ = ticker;
        var symbol = SimTest.AtmOption(sim).Tradingsymbol;

        sim.Faults.DropOrderUpdates(1);
        var lost = await client.PlaceOrderAsync(SimTest.Order(symbol, "BUY", "MARKET", 65));
        var seen = await client.PlaceOrderAsync(SimTest.Order(symbol, "BUY", "MARKET", 65));
        await Arrived(updates, seen, "COMPLETE");
        Assert.DoesNotContain(updates, u => u.Order.OrderId == lost);   // updates keep their order: the first would be in by now
        Assert.Equal("COMPLETE", (await client.GetOrdersAsync()).Single(o => o.OrderId == lost).Status);
    }

    [Fact]
    public async Task A_repeated_update_arrives_twice_and_a_reordered_one_after_its_successor()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        var token = sim.Sessions.CreateSession().AccessToken;
        using var client = Sim.Client(sim, token);
        var (ticker, updates) = await Listen(sim, token);
        await using var _ = ticker;
        var option = SimTest.AtmOption(sim);

        sim.Faults.DuplicateOrderUpdates(1);
        var twice = await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "BUY", "MARKET", 65));
        await SimTest.Until(() => updates.Count(u => u.Order.OrderId == twice) == 2, "the repeated COMPLETE");
        Assert.All(updates.Where(u => u.Order.OrderId == twice), u => Assert.Equal("COMPLETE", u.Order.Status));

        sim.Faults.ReorderOrderUpdates(1);
        decimal far = SimTest.FarBelow(sim, option);
        var id = await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "BUY", "LIMIT", 65, far));
        await client.ModifyOrderAsync("regular", id, new KiteOrderModification { Price = far + 1 });
        await client.CancelOrderAsync("regular", id);
        await SimTest.Until(() => updates.Count(u => u.Order.OrderId == id) == 2, "both updates of the modified order");
        Assert.Equal(["CANCELLED", "UPDATE"], updates.Where(u => u.Order.OrderId == id).Select(u => u.Order.Status));
    }

    [Fact]
    public async Task A_placement_whose_answer_is_lost_is_found_by_its_tag()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        using var client = Sim.Client(sim);
        sim.Faults.LoseOrderAnswers(1);

        var result = await client.PlaceAndFindAsync(SimTest.Order(SimTest.AtmOption(sim).Tradingsymbol, "BUY", "MARKET", 65) with { Tag = "entry-0001" });
        Assert.Equal(PlacementOutcome.Placed, result.Outcome);
        Assert.IsType<HttpRequestException>(result.Error);
        var order = Assert.Single(await client.GetOrdersAsync());
        Assert.Equal((order.OrderId, "entry-0001"), (Assert.Single(result.OrderIds), order.Tag));
    }

    [Fact]
    public async Task Working_orders_outlive_an_expired_token_and_a_dropped_ticker_and_the_new_session_sees_them_fill()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        var token = sim.Sessions.CreateSession().AccessToken;
        using var client = Sim.Client(sim, token);
        var option = SimTest.AtmOption(sim);
        var start = sim.Clock.Now;
        decimal limit = Enumerable.Range(1, 600).Min(s => SimTest.Px(sim.Market.Snapshot(option, start.AddSeconds(s)).BestAsk));
        var id = await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "BUY", "LIMIT", 65, limit));

        sim.Faults.ExpireTokens(dropTicker: true);
        await Assert.ThrowsAsync<TokenException>(() => client.GetOrdersAsync());
        sim.Clock.Advance(TimeSpan.FromMinutes(10));

        using var again = Sim.Client(sim);
        var order = Assert.Single(await again.GetOrdersAsync());
        Assert.Equal((id, "COMPLETE"), (order.OrderId, order.Status));
    }

    [Fact]
    public async Task An_order_from_another_platform_shows_in_the_book_and_on_the_ticker_but_not_under_our_tag()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        var token = sim.Sessions.CreateSession().AccessToken;
        using var client = Sim.Client(sim, token);
        var (ticker, updates) = await Listen(sim, token);
        await using var _ = ticker;
        var symbol = SimTest.AtmOption(sim).Tradingsymbol;
        var fields = new Dictionary<string, string>
        {
            ["exchange"] = "NFO", ["tradingsymbol"] = symbol, ["transaction_type"] = "BUY", ["order_type"] = "MARKET",
            ["quantity"] = "65", ["product"] = "MIS", ["market_protection"] = "-1", ["tag"] = "simtest",
        };

        var foreign = sim.Orders.PlaceFromAnotherPlatform(k => fields.GetValueOrDefault(k));
        await Arrived(updates, foreign, "COMPLETE");
        var ours = await client.PlaceOrderAsync(SimTest.Order(symbol, "BUY", "MARKET", 65));
        Assert.Equal([foreign, ours], (await client.GetOrdersAsync()).Select(o => o.OrderId));
        Assert.Equal([ours], (await client.FindOrdersByTagAsync("simtest")).Select(o => o.OrderId));
        Assert.Equal(130, Assert.Single((await client.GetPositionsAsync()).Net).Quantity);
    }

    [Fact]
    public async Task Order_faults_can_be_set_over_HTTP()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        var token = sim.Sessions.CreateSession().AccessToken;
        using var http = new HttpClient { BaseAddress = sim.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Post, "sim/faults")
        {
            Content = new FormUrlEncodedContent([new("reject_orders", "1"), new("reject_message", "RMS:Blocked for testing"), new("drop_order_updates", "1")]),
        };
        request.Headers.Add("Authorization", "token sim:" + token);
        using (var answer = await http.SendAsync(request))
            Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);

        using var client = Sim.Client(sim, token);
        var id = await client.PlaceOrderAsync(SimTest.Order(SimTest.AtmOption(sim).Tradingsymbol, "BUY", "MARKET", 65));
        var order = Assert.Single(await client.GetOrdersAsync());
        Assert.Equal((id, "REJECTED", "RMS:Blocked for testing"), (order.OrderId, order.Status, order.StatusMessageRaw));
    }
}
