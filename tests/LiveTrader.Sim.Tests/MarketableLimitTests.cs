using LiveTrader.Core.Orders;
using LiveTrader.Kite.Rest;

namespace LiveTrader.Sim.Tests;

/// <summary>The simulator treats LIMIT orders as Kite does, which the engine's marketable limits rely on: one
/// through the touch trades at once at the book's better prices, not at its limit; one short of the touch
/// rests OPEN untouched; priced again through the touch it trades at once.</summary>
public class MarketableLimitTests
{
    [Fact]
    public async Task A_marketable_limit_fills_at_the_better_prices_of_the_book_and_one_short_of_the_touch_rests_until_priced_again()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        using var client = Sim.Client(sim);
        var option = SimTest.NearMoney(sim, s => s.LastPrice > 60 && s.Offers[0].Quantity >= 65 && s.Bids[0].Quantity >= 65);
        var s = sim.Market.Snapshot(option);
        decimal ask = SimTest.Px(s.Offers[0].Price), bid = SimTest.Px(s.Bids[0].Price);

        // Through the ask by 2 %: it takes the best offer at the offer's price.
        var limit = MarketableLimit.Price(OrderSide.Buy, ask, 2m, option.TickSize);
        Assert.True(limit > ask);
        var bought = await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "BUY", "LIMIT", 65, limit));
        var order = (await client.GetOrdersAsync()).Single(o => o.OrderId == bought);
        Assert.Equal(("COMPLETE", "LIMIT", limit, 65L, ask), (order.Status, order.OrderType, order.Price, order.FilledQuantity, order.AveragePrice));

        // Through the bid by 2 %: it sells at the best bid, not at its lower limit.
        var floor = MarketableLimit.Price(OrderSide.Sell, bid, 2m, option.TickSize);
        Assert.True(floor < bid);
        var sold = await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "SELL", "LIMIT", 65, floor));
        order = (await client.GetOrdersAsync()).Single(o => o.OrderId == sold);
        Assert.Equal(("COMPLETE", bid), (order.Status, order.AveragePrice));
        Assert.Equal(0, Assert.Single((await client.GetPositionsAsync()).Net).Quantity);

        // Five ticks under the bid: nothing to take, it rests OPEN with no trade.
        var under = bid - 5 * option.TickSize;
        var resting = await client.PlaceOrderAsync(SimTest.Order(option.Tradingsymbol, "BUY", "LIMIT", 65, under));
        order = (await client.GetOrdersAsync()).Single(o => o.OrderId == resting);
        Assert.Equal(("OPEN", 0L), (order.Status, order.FilledQuantity));
        Assert.Empty(await client.GetOrderTradesAsync(resting));

        // Priced again through the touch (the engine's rule for a LIMIT that did not fill): it trades at once, at the offer.
        var now = sim.Market.Snapshot(option);
        var again = MarketableLimit.Price(OrderSide.Buy, SimTest.Px(now.Offers[0].Price), 2m, option.TickSize);
        await client.ModifyOrderAsync("regular", resting, new KiteOrderModification { OrderType = "LIMIT", Quantity = 65, Price = again });
        order = (await client.GetOrdersAsync()).Single(o => o.OrderId == resting);
        Assert.Equal(("COMPLETE", again, SimTest.Px(now.Offers[0].Price)), (order.Status, order.Price, order.AveragePrice));
    }
}
