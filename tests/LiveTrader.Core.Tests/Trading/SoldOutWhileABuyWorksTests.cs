using LiveTrader.Core.Instruments;
using LiveTrader.Core.Orders;
using LiveTrader.Core.Trading;
using static LiveTrader.Core.Tests.Trading.AgentHarness;

namespace LiveTrader.Core.Tests.Trading;

/// <summary>A position sold out, by the protective stop at the venue or by the agent's own exit, while a
/// pyramid add or an entry remainder is still working: the buy is cancelled, and the trade closes only
/// once no buy works any more. A buy that fills first is sold, so nothing is left held at the broker
/// in no trade, and no trade is left open at quantity 0.</summary>
public class SoldOutWhileABuyWorksTests
{
    private static AgentParameters WithStops(int lotsAtEntry = 1) =>
        Params(pyramid: new PyramidRule(5m, 2, 1500), trail: 500) with
        {
            LotsAtEntry = lotsAtEntry,
            ProtectiveStop = new ProtectiveStopRule(10m, 5m),
        };

    private static OrderUpdate Filled(OrderRequest r, int cumulative, decimal average, DateTimeOffset time) =>
        new(r.ClientId, cumulative == r.Quantity ? OrderState.Complete : OrderState.Open, cumulative, average, time, PriceSource: "venue");

    private static OrderUpdate Cancelled(OrderRequest r, int cumulative, decimal average, DateTimeOffset time) =>
        new(r.ClientId, OrderState.Cancelled, cumulative, average, time, "cancelled by the user");

    /// <summary>BUY_CE at the 09:20 close (index 20000, 25 at 100, a stop resting for index 19950),
    /// then at 20010 an add of 50 asked and left unanswered, and the index back at 19951.</summary>
    private static (OrderRequest Stop, OrderRequest Add) EnterAndAskAnAdd(AgentHarness h)
    {
        var c = Move(Day1, 0, 19990, 20000);
        h.Agent.OnIndexTick(At(Day1, 9, 19, 59), 20000m);
        h.Agent.OnCandleClosed(c, BuyCe(c));
        h.Execution.Answering = false;
        h.Agent.OnIndexTick(At(Day1, 9, 21), 20010m);
        h.Agent.OnOptionTick(At(Day1, 9, 21, 1));
        h.Agent.OnIndexTick(At(Day1, 9, 23), 19951m);
        var stop = Assert.Single(h.Execution.Requests, r => r.Purpose == OrderPurpose.ProtectiveStop);
        var add = Assert.Single(h.Execution.Requests, r => r.Purpose == OrderPurpose.Add);
        Assert.Equal((25, 50), (stop.Quantity, add.Quantity));
        return (stop, add);
    }

    /// <summary>The venue's stop sold the 25 held at 49.5 (the process saw the index at 19951 last).</summary>
    private static void StopFills(AgentHarness h, OrderRequest stop) =>
        h.Agent.OnOrderUpdate(new OrderUpdate(stop.ClientId, OrderState.Complete, 25, 49.5m, At(Day1, 9, 23, 1), PriceSource: "exchange"));

    private static List<OrderRequest> After(AgentHarness h, int seen) => h.Execution.Requests.Skip(seen).ToList();

    /// <summary>What the broker holds after every trade row: what was bought less what was sold.</summary>
    private static int HeldAtTheBroker(AgentHarness h) =>
        h.Trades.Sum(t => t.Buys.Sum(b => b.Quantity) - t.Sells.Sum(s => s.Quantity));

    [Fact]
    public void A_stop_filled_while_an_add_works_cancels_the_add_and_closes_the_trade_once_the_cancel_is_confirmed()
    {
        var h = new AgentHarness(WithStops(), lotSize: 25);
        var (stop, add) = EnterAndAskAnAdd(h);
        var seen = h.Execution.Requests.Count;

        StopFills(h, stop);
        Assert.Equal([(OrderAction.Cancel, add.ClientId)], After(h, seen).Select(r => (r.Action, r.ClientId)));
        Assert.Empty(h.Trades);
        Assert.Equal(0, h.Agent.Position!.Quantity);
        Assert.Equal(AgentStatus.ExitPending, h.Agent.Status);

        // The index falls through the agent's own stop meanwhile: nothing is left to sell, no stop to rest.
        h.Agent.OnIndexTick(At(Day1, 9, 23, 2), 19940m);
        h.Agent.OnOptionTick(At(Day1, 9, 23, 2));
        Assert.Single(After(h, seen));

        h.Agent.OnOrderUpdate(Cancelled(add, 0, 0m, At(Day1, 9, 23, 3)));
        var trade = Assert.Single(h.Trades);
        Assert.Equal((ExitReason.StopLoss, At(Day1, 9, 23, 1), 19951m), (trade.ExitReason, trade.ExitTime, trade.IndexExitSpot));
        Assert.Equal((49.5m, 25, 0), (trade.ExitPrice, trade.MaxQuantity, trade.PyramidAdds));
        Assert.Equal(25 * 49.5m - 25 * 100m, trade.PnlValue);
        Assert.Single(After(h, seen));
        Assert.Equal(0, HeldAtTheBroker(h));
        Assert.Null(h.Agent.Position);
        Assert.Empty(h.Agent.WorkingOrders);
        Assert.Equal(AgentStatus.WaitingForSignal, h.Agent.Status);
    }

    [Fact]
    public void An_add_that_fills_while_being_cancelled_after_the_stop_is_sold_and_the_trade_row_holds_both_sells()
    {
        var h = new AgentHarness(WithStops(), lotSize: 25);
        var (stop, add) = EnterAndAskAnAdd(h);
        var seen = h.Execution.Requests.Count;
        StopFills(h, stop);

        // The add filled before its cancel reached the exchange: the 50 are sold for the stop's reason.
        h.Agent.OnOrderUpdate(Filled(add, 50, 111m, At(Day1, 9, 23, 2)));
        Assert.Empty(h.Trades);
        var exit = After(h, seen)[^1];
        Assert.Equal([(OrderAction.Cancel, OrderPurpose.Add), (OrderAction.Place, OrderPurpose.Exit)],
            After(h, seen).Select(r => (r.Action, r.Purpose)));
        Assert.Equal((50, ExitReason.StopLoss, OrderSide.Sell), (exit.Quantity, exit.Reason, exit.Side));

        h.Agent.OnOrderUpdate(Filled(exit, 50, 47m, At(Day1, 9, 23, 3)));
        var trade = Assert.Single(h.Trades);
        Assert.Equal(ExitReason.StopLoss, trade.ExitReason);
        Assert.Equal([(25, 100m), (50, 111m)], trade.Buys.Select(b => (b.Quantity, b.Price)));
        Assert.Equal([(25, 49.5m), (50, 47m)], trade.Sells.Select(s => (s.Quantity, s.Price)));
        Assert.Equal((75, 1), (trade.MaxQuantity, trade.PyramidAdds));
        Assert.Equal(25 * 49.5m + 50 * 47m - 25 * 100m - 50 * 111m, trade.PnlValue);
        Assert.Equal(2, After(h, seen).Count);                       // no new protective stop for what was being sold
        Assert.Equal(0, HeldAtTheBroker(h));
        Assert.Null(h.Agent.Position);
    }

    [Fact]
    public void An_add_filling_in_parts_after_the_stop_is_sold_part_by_part_until_nothing_is_held()
    {
        var h = new AgentHarness(WithStops(), lotSize: 25);
        var (stop, add) = EnterAndAskAnAdd(h);
        var seen = h.Execution.Requests.Count;
        StopFills(h, stop);

        h.Agent.OnOrderUpdate(Filled(add, 25, 111m, At(Day1, 9, 23, 2)));
        var first = After(h, seen)[^1];
        Assert.Equal((OrderPurpose.Exit, 25), (first.Purpose, first.Quantity));
        // The rest of the add fills while that exit works: no second exit alongside it.
        h.Agent.OnOrderUpdate(Filled(add, 50, 111.5m, At(Day1, 9, 23, 3)));
        Assert.Equal(first, After(h, seen)[^1]);

        h.Agent.OnOrderUpdate(Filled(first, 25, 47m, At(Day1, 9, 23, 4)));
        Assert.Empty(h.Trades);
        var second = After(h, seen)[^1];
        Assert.Equal((OrderPurpose.Exit, 25, ExitReason.StopLoss), (second.Purpose, second.Quantity, second.Reason));
        h.Agent.OnOrderUpdate(Filled(second, 25, 46m, At(Day1, 9, 23, 5)));

        var trade = Assert.Single(h.Trades);
        Assert.Equal([(25, 100m), (25, 111m), (25, 112m)], trade.Buys.Select(b => (b.Quantity, b.Price)));
        Assert.Equal([(25, 49.5m), (25, 47m), (25, 46m)], trade.Sells.Select(s => (s.Quantity, s.Price)));
        Assert.Equal((ExitReason.StopLoss, 1), (trade.ExitReason, trade.PyramidAdds));
        Assert.Equal(0, HeldAtTheBroker(h));
        Assert.DoesNotContain(After(h, seen), r => r.Purpose is OrderPurpose.ProtectiveStop or OrderPurpose.Add && r.Action == OrderAction.Place);
        Assert.Null(h.Agent.Position);
    }

    [Fact]
    public void A_stop_filled_after_the_agents_own_exit_asked_the_adds_cancel_asks_it_no_second_time()
    {
        var h = new AgentHarness(WithStops(), lotSize: 25);
        var (stop, add) = EnterAndAskAnAdd(h);
        var seen = h.Execution.Requests.Count;
        h.Agent.OnIndexTick(At(Day1, 9, 23, 0, 500), 19945m);         // the agent's stop: cancel the add and the resting stop
        Assert.Equal([(OrderAction.Cancel, OrderPurpose.Add), (OrderAction.Cancel, OrderPurpose.ProtectiveStop)],
            After(h, seen).Select(r => (r.Action, r.Purpose)));

        // The venue's stop filled before its cancel arrived: the position is sold; the exit has nothing to do.
        StopFills(h, stop);
        h.Agent.OnIndexTick(At(Day1, 9, 23, 2), 19940m);
        Assert.Equal(2, After(h, seen).Count);
        Assert.Empty(h.Trades);                                         // the add may yet fill

        h.Agent.OnOrderUpdate(Cancelled(add, 0, 0m, At(Day1, 9, 23, 3)));
        var trade = Assert.Single(h.Trades);
        Assert.Equal((ExitReason.StopLoss, 49.5m, At(Day1, 9, 23, 1)), (trade.ExitReason, trade.ExitPrice, trade.ExitTime));
        Assert.Equal(2, After(h, seen).Count);
        Assert.Equal(0, HeldAtTheBroker(h));
    }

    [Fact]
    public void A_restart_between_the_stops_fill_and_the_adds_cancel_closes_the_trade_as_it_would_have()
    {
        var h = new AgentHarness(WithStops(), lotSize: 25);
        var (stop, add) = EnterAndAskAnAdd(h);
        StopFills(h, stop);

        var restarted = new AgentHarness(WithStops(), lotSize: 25);
        restarted.Agent.Restore(h.Agent.Snapshot());
        Assert.Equal((AgentStatus.ExitPending, 0), (restarted.Agent.Status, restarted.Agent.Position!.Quantity));
        // The cancel is known to be asked, the position is sold: nothing is sent again.
        restarted.Agent.OnIndexTick(At(Day1, 9, 23, 2), 19940m);
        Assert.Empty(restarted.Execution.Requests);

        restarted.Agent.OnOrderUpdate(Cancelled(add, 0, 0m, At(Day1, 9, 23, 3)));
        var trade = Assert.Single(restarted.Trades);
        Assert.Equal((ExitReason.StopLoss, At(Day1, 9, 23, 1), 19951m, 49.5m), (trade.ExitReason, trade.ExitTime, trade.IndexExitSpot, trade.ExitPrice));
        Assert.Empty(restarted.Execution.Requests);
        Assert.Null(restarted.Agent.Position);
    }

    [Fact]
    public void A_restart_after_the_stops_fill_still_sells_an_add_that_then_fills()
    {
        var h = new AgentHarness(WithStops(), lotSize: 25);
        var (stop, add) = EnterAndAskAnAdd(h);
        StopFills(h, stop);

        var restarted = new AgentHarness(WithStops(), lotSize: 25);
        restarted.Agent.Restore(h.Agent.Snapshot());
        restarted.Execution.Answering = false;
        restarted.Agent.OnOrderUpdate(Filled(add, 50, 111m, At(Day1, 9, 23, 2)));
        var exit = Assert.Single(restarted.Execution.Requests);
        Assert.Equal((OrderAction.Place, OrderPurpose.Exit, 50, ExitReason.StopLoss), (exit.Action, exit.Purpose, exit.Quantity, exit.Reason));
        restarted.Agent.OnOrderUpdate(Filled(exit, 50, 47m, At(Day1, 9, 23, 3)));
        Assert.Equal(ExitReason.StopLoss, Assert.Single(restarted.Trades).ExitReason);
        Assert.Equal(0, HeldAtTheBroker(restarted));
    }

    [Fact]
    public void A_sold_out_trade_whose_adds_cancel_never_answers_closes_on_its_own_day_when_the_next_begins()
    {
        var h = new AgentHarness(WithStops(), lotSize: 25);
        var (stop, _) = EnterAndAskAnAdd(h);
        StopFills(h, stop);
        h.Agent.OnClock(At(Day1, 15, 30));
        Assert.Empty(h.Trades);

        h.Agent.OnIndexTick(At(Day2, 9, 15), 19900m);
        var trade = Assert.Single(h.Trades);
        Assert.Equal((ExitReason.StopLoss, At(Day1, 9, 23, 1), 19951m), (trade.ExitReason, trade.ExitTime, trade.IndexExitSpot));
        Assert.Null(h.Agent.Position);
        Assert.Empty(h.Agent.WorkingOrders);
        Assert.Equal((0, 0m, AgentStatus.WaitingForSignal), (h.Agent.TradesToday, h.Agent.NetPnlToday, h.Agent.Status));
        Assert.DoesNotContain(h.Execution.Requests, r => r.Time >= At(Day2, 0, 0));
    }

    /// <summary>BUY_CE at 09:20 for <paramref name="lots"/> lots of 25, unanswered; 25 fill at 100 and
    /// a stop rests for them; at 09:22 the index stop (19940) cancels the remainder and the stop, and
    /// once the stop's cancel is confirmed the 25 are sold at 40.</summary>
    private static (OrderRequest Entry, OrderRequest Exit) SoldOutWhileTheRemainderIsCancelled(AgentHarness h)
    {
        h.Execution.Answering = false;
        var c = Move(Day1, 0, 19990, 20000);
        h.Agent.OnIndexTick(At(Day1, 9, 19, 59), 20000m);
        h.Agent.OnCandleClosed(c, BuyCe(c));
        var entry = h.Execution.Requests[0];
        h.Agent.OnOrderUpdate(Filled(entry, 25, 100m, At(Day1, 9, 20, 1)));
        var stop = Assert.Single(h.Execution.Requests, r => r.Purpose == OrderPurpose.ProtectiveStop);

        h.Agent.OnIndexTick(At(Day1, 9, 22), 19940m);
        Assert.Equal([(OrderAction.Cancel, OrderPurpose.Entry), (OrderAction.Cancel, OrderPurpose.ProtectiveStop)],
            h.Execution.Requests.Skip(2).Select(r => (r.Action, r.Purpose)));
        h.Agent.OnOrderUpdate(new OrderUpdate(stop.ClientId, OrderState.Cancelled, 0, 0m, At(Day1, 9, 22, 1)));
        var exit = h.Execution.Requests[^1];
        Assert.Equal((OrderPurpose.Exit, 25), (exit.Purpose, exit.Quantity));
        h.Agent.OnOrderUpdate(Filled(exit, 25, 40m, At(Day1, 9, 22, 2)));
        return (entry, exit);
    }

    [Fact]
    public void An_exit_that_sold_out_while_the_entry_remainder_was_cancelled_closes_the_trade_when_the_cancel_is_confirmed()
    {
        var h = new AgentHarness(WithStops(lotsAtEntry: 2), lotSize: 25);
        var (entry, exit) = SoldOutWhileTheRemainderIsCancelled(h);
        var seen = h.Execution.Requests.Count;
        Assert.Empty(h.Trades);
        Assert.Equal(AgentStatus.ExitPending, h.Agent.Status);
        h.Agent.OnIndexTick(At(Day1, 9, 22, 3), 19930m);               // nothing held: no stop, no exit
        Assert.Equal(seen, h.Execution.Requests.Count);

        h.Agent.OnOrderUpdate(Cancelled(entry, 25, 100m, At(Day1, 9, 22, 4)));
        var trade = Assert.Single(h.Trades);
        // The exit's reason, time and index level, not the cancel's.
        Assert.Equal((ExitReason.StopLoss, exit.Time, exit.Spot), (trade.ExitReason, trade.ExitTime, trade.IndexExitSpot));
        Assert.Equal((At(Day1, 9, 22), 19940m), (trade.ExitTime, trade.IndexExitSpot));
        Assert.Equal((40m, 25, 25 * 40m - 25 * 100m), (trade.ExitPrice, trade.MaxQuantity, trade.PnlValue));
        Assert.Equal(seen, h.Execution.Requests.Count);
        Assert.Equal(0, HeldAtTheBroker(h));

        // Flat: the stop-out armed a CE re-entry, taken on the next green candle with the trend up.
        Assert.Null(h.Agent.Position);
        Assert.Empty(h.Agent.WorkingOrders);
        Assert.Equal(AgentStatus.WaitingForSignal, h.Agent.Status);
        Assert.Equal(OptionType.CE, h.Agent.ReentryArmedFor);
        h.Execution.Answering = true;
        var green = Move(Day1, 2, 19930, 19950);
        h.Agent.OnCandleClosed(green, Hold(green, trend: 1));
        var again = h.Agent.Position!;
        Assert.Equal(("NIFTY-20250106-02", true, 50), (again.TradeId, again.IsReentry, again.Quantity));
        var newStop = h.Execution.Requests[^1];
        Assert.Equal((OrderAction.Place, OrderPurpose.ProtectiveStop, 50), (newStop.Action, newStop.Purpose, newStop.Quantity));
        Assert.Equal(1, h.Execution.Requests.Skip(seen).Count(r => r.Purpose == OrderPurpose.ProtectiveStop));
    }

    [Fact]
    public void A_remainder_partly_filled_while_being_cancelled_is_sold_and_the_trade_closes_when_the_cancel_is_confirmed()
    {
        var h = new AgentHarness(WithStops(lotsAtEntry: 3), lotSize: 25);
        var (entry, _) = SoldOutWhileTheRemainderIsCancelled(h);

        // 25 more of the remainder filled before the cancel reached the exchange.
        h.Agent.OnOrderUpdate(Filled(entry, 50, 100.5m, At(Day1, 9, 22, 3)));
        var second = h.Execution.Requests[^1];
        Assert.Equal((OrderPurpose.Exit, 25, ExitReason.StopLoss), (second.Purpose, second.Quantity, second.Reason));
        h.Agent.OnOrderUpdate(Filled(second, 25, 39m, At(Day1, 9, 22, 4)));
        Assert.Empty(h.Trades);
        Assert.Equal(0, h.Agent.Position!.Quantity);
        var seen = h.Execution.Requests.Count;

        h.Agent.OnOrderUpdate(Cancelled(entry, 50, 100.5m, At(Day1, 9, 22, 5)));
        var trade = Assert.Single(h.Trades);
        Assert.Equal((ExitReason.StopLoss, second.Time, second.Spot), (trade.ExitReason, trade.ExitTime, trade.IndexExitSpot));
        Assert.Equal([(25, 100m), (25, 101m)], trade.Buys.Select(b => (b.Quantity, b.Price)));
        Assert.Equal([(25, 40m), (25, 39m)], trade.Sells.Select(s => (s.Quantity, s.Price)));
        Assert.Equal(25 * 40m + 25 * 39m - 25 * 100m - 25 * 101m, trade.PnlValue);
        Assert.Equal(seen, h.Execution.Requests.Count);
        Assert.Equal(0, HeldAtTheBroker(h));
        Assert.Null(h.Agent.Position);
        Assert.Equal(AgentStatus.WaitingForSignal, h.Agent.Status);
    }
}
