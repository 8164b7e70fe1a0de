using LiveTrader.Core.Orders;
using LiveTrader.Core.Trading;
using static LiveTrader.Core.Tests.Trading.AgentHarness;

namespace LiveTrader.Core.Tests.Trading;

/// <summary>DECISIONS.md "Stops at the broker": a protective stop-limit sell rests for every open
/// position, its quantity the open quantity after every fill, its trigger moved with the trail in
/// steps, replaced after 25 modifications, cancelled before the agent's own exit, and a fill of it
/// at the venue closes the trade.</summary>
public class ProtectiveStopTests
{
    private static AgentParameters WithStops(AgentParameters p, decimal step = 5m) => p with { ProtectiveStop = new ProtectiveStopRule(10m, step) };

    /// <summary>BUY_CE at the 09:20 close, index 20000, premium 100, SL 19950.</summary>
    private static void Enter(AgentHarness h)
    {
        var c = Move(Day1, 0, 19990, 20000);
        h.Agent.OnIndexTick(At(Day1, 9, 19, 59), 20000m);
        h.Agent.OnCandleClosed(c, BuyCe(c));
        Assert.NotNull(h.Agent.Position);
    }

    private static List<OrderRequest> Stops(AgentHarness h) => h.Execution.Requests.Where(r => r.Purpose == OrderPurpose.ProtectiveStop).ToList();

    [Fact]
    public void The_entry_fill_places_a_stop_limit_sell_whose_trigger_is_the_premium_at_the_index_stop()
    {
        var h = new AgentHarness(WithStops(Params()));
        Enter(h);

        var stop = Assert.Single(Stops(h));
        Assert.Equal((OrderAction.Place, OrderType.StopLimit, OrderSide.Sell, 75), (stop.Action, stop.Type, stop.Side, stop.Quantity));
        Assert.Equal((50m, 45m, 19950m), (stop.TriggerPrice, stop.LimitPrice, stop.TriggerSpot));  // premium at 19950; 10 % below
        Assert.True(ClientOrderId.IsValid(stop.ClientId));
        Assert.Equal(AgentStatus.InPosition, h.Agent.Status);
    }

    [Fact]
    public void The_stops_quantity_follows_every_pyramid_add_and_the_resting_stop_does_not_hold_adds_back()
    {
        // Spec 4.2's rule on a 75-lot: 5 points of profit per unit held adds 5 lots, up to 1500.
        var h = new AgentHarness(WithStops(Params(pyramid: new PyramidRule(5m, 5, 1500), trail: 500, sl: 50)));
        Enter(h);
        var expected = new List<int> { 75 };
        for (var i = 1; i <= 4; i++)
        {
            h.Agent.OnIndexTick(At(Day1, 9, 20 + i), 20000m + 10 * i * i);
            h.Agent.OnOptionTick(At(Day1, 9, 20 + i, 1));
            expected.Add(h.Agent.Position!.Quantity);
        }
        Assert.Equal([75, 450, 825, 1200, 1500], expected);
        var stops = Stops(h);
        Assert.Equal(OrderAction.Place, stops[0].Action);
        Assert.All(stops.Skip(1), s => Assert.Equal(OrderAction.Modify, s.Action));
        Assert.Equal([450, 825, 1200, 1500], stops.Skip(1).Select(s => s.Quantity));
        Assert.Equal([1, 2, 3, 4], stops.Skip(1).Select(s => s.Revision));
        Assert.Single(stops.Select(s => s.ClientId).Distinct());
    }

    [Fact]
    public void Trail_moves_modify_the_trigger_only_in_steps_and_the_26th_move_replaces_the_stop()
    {
        var h = new AgentHarness(WithStops(Params(trail: 50), step: 5m));
        Enter(h);
        // The trail moves one point a tick: 5 ticks a step, the trigger following on the tick after; 26 steps.
        for (var k = 1; k <= 135; k++) h.Agent.OnIndexTick(At(Day1, 9, 21).AddSeconds(k), 20000m + k);

        var stops = Stops(h);
        var modifies = stops.Where(s => s.Action == OrderAction.Modify).ToList();
        Assert.Equal(25, modifies.Count);
        Assert.Equal(Enumerable.Range(1, 25), modifies.Select(m => m.Revision));
        Assert.All(modifies.Zip(modifies.Skip(1)), p => Assert.Equal(5m, p.Second.TriggerSpot - p.First.TriggerSpot));
        // At the cap: cancelled, then a new stop at the current level under a new id.
        var cancel = Assert.Single(stops, s => s.Action == OrderAction.Cancel);
        var replacement = stops[^1];
        Assert.Equal(OrderAction.Place, replacement.Action);
        Assert.NotEqual(stops[0].ClientId, replacement.ClientId);
        Assert.Equal(stops[0].ClientId, cancel.ClientId);
        Assert.Equal(20080m, replacement.TriggerSpot);                     // the effective stop when the 26th step came
    }

    [Fact]
    public void The_agents_own_exit_cancels_the_stop_first_and_sells_only_once_the_cancel_is_confirmed()
    {
        var h = new AgentHarness(WithStops(Params()));
        Enter(h);
        var stop = Stops(h)[0];
        h.Execution.Answering = false;

        h.Agent.OnIndexTick(At(Day1, 9, 25), 19940m);                 // the index stop: cancel the protective one first
        h.Agent.OnIndexTick(At(Day1, 9, 25, 1), 19930m);
        var after = h.Execution.Requests.SkipWhile(r => r != stop).Skip(1).ToList();
        Assert.Equal([(OrderAction.Cancel, OrderPurpose.ProtectiveStop)], after.Select(r => (r.Action, r.Purpose)));

        h.Execution.Answering = true;
        h.Agent.OnOrderUpdate(new OrderUpdate(stop.ClientId, OrderState.Cancelled, 0, 0m, At(Day1, 9, 25, 2)));
        var exit = h.Execution.Requests[^1];
        Assert.Equal((OrderPurpose.Exit, 75, 19940m), (exit.Purpose, exit.Quantity, exit.Spot));
        var trade = Assert.Single(h.Trades);
        Assert.Equal((ExitReason.StopLoss, 19940m, At(Day1, 9, 25)), (trade.ExitReason, trade.IndexExitSpot, trade.ExitTime));
    }

    [Fact]
    public void A_stop_filled_at_the_venue_closes_the_trade_at_its_own_price_with_the_stops_reason()
    {
        var h = new AgentHarness(WithStops(Params(trail: 20)));
        Enter(h);
        h.Agent.OnIndexTick(At(Day1, 9, 22), 20040m);                 // the trail passes the initial stop: Trailing SL
        h.Agent.OnIndexTick(At(Day1, 9, 22, 1), 20039m);              // the trigger follows on the next move
        var stop = Stops(h)[^1];
        Assert.Equal(20020m, stop.TriggerSpot);

        // The process could not see the fall (a lost connection): the venue sold at 118.5.
        h.Agent.OnOrderUpdate(new OrderUpdate(stop.ClientId, OrderState.Complete, 75, 118.5m, At(Day1, 9, 40), PriceSource: "exchange"));

        var trade = Assert.Single(h.Trades);
        Assert.Equal((ExitReason.TrailingStop, 118.5m, 75), (trade.ExitReason, trade.ExitPrice, trade.MaxQuantity));
        Assert.Equal(75 * 118.5m - 75 * 100m, trade.PnlValue);
        Assert.Null(h.Agent.Position);
        Assert.DoesNotContain(h.Execution.Requests, r => r.Purpose == OrderPurpose.Exit);
    }

    [Fact]
    public void A_buy_remainder_that_fills_after_the_exit_is_sold_by_one_exit_and_gets_no_new_stop()
    {
        var h = new AgentHarness(WithStops(Params() with { LotsAtEntry = 2 }));
        h.Execution.FillAtMost = 75;
        Enter(h);
        var entry = h.Execution.Requests[0];
        h.Execution.FillAtMost = null;
        h.Agent.CloseNow(At(Day1, 9, 22), ExitReason.Manual);              // cancels the stop and the remainder, sells 75
        Assert.Empty(h.Trades);
        Assert.Equal(75, h.Agent.Position!.SoldQuantity);

        // The remainder filled before its cancel reached the exchange.
        h.Agent.OnOrderUpdate(new OrderUpdate(entry.ClientId, OrderState.Complete, 150, 100m, At(Day1, 9, 22, 1)));
        var after = h.Execution.Requests.SkipWhile(r => r.Purpose != OrderPurpose.Exit).Skip(1).Where(r => r.Action == OrderAction.Place).ToList();
        Assert.Equal([(OrderPurpose.Exit, 75)], after.Select(r => (r.Purpose, r.Quantity)));
        Assert.Equal((150, ExitReason.Manual), (Assert.Single(h.Trades).MaxQuantity, h.Trades[0].ExitReason));
    }

    [Fact]
    public void A_stop_replacement_cut_short_by_the_exit_leaves_the_next_trade_its_own_stop()
    {
        var h = new AgentHarness(Params(trail: 50) with { ProtectiveStop = new ProtectiveStopRule(10m, 5m, MaxModifications: 1) });
        Enter(h);
        h.Agent.OnIndexTick(At(Day1, 9, 21), 20005m);
        h.Agent.OnIndexTick(At(Day1, 9, 21, 1), 20006m);               // the one modification: trigger for 19955
        h.Execution.Answering = false;
        h.Agent.OnIndexTick(At(Day1, 9, 21, 2), 20011m);
        h.Agent.OnIndexTick(At(Day1, 9, 21, 3), 20012m);               // at the cap: cancelled, to be replaced
        h.Agent.OnIndexTick(At(Day1, 9, 21, 4), 19950m);               // the trail is hit before the cancel is confirmed
        var stop = Stops(h)[0];
        Assert.Equal([OrderAction.Place, OrderAction.Modify, OrderAction.Cancel], Stops(h).Select(s => s.Action));

        h.Execution.Answering = true;
        h.Agent.OnOrderUpdate(new OrderUpdate(stop.ClientId, OrderState.Cancelled, 0, 0m, At(Day1, 9, 21, 5)));
        Assert.Equal(ExitReason.TrailingStop, Assert.Single(h.Trades).ExitReason);
        Assert.Equal(3, Stops(h).Count);                                  // the sold position's stop is not replaced

        var c = Move(Day1, 2, 19950, 19970);
        h.Agent.OnCandleClosed(c, BuyCe(c));
        var next = Stops(h)[^1];
        Assert.Equal((OrderAction.Place, "NIFTY-20250106-02", 75), (next.Action, next.TradeId, next.Quantity));
    }
}
