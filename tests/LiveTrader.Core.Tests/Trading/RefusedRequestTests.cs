using LiveTrader.Core.Orders;
using LiveTrader.Core.Trading;
using static LiveTrader.Core.Tests.Trading.AgentHarness;

namespace LiveTrader.Core.Tests.Trading;

/// <summary>A modification or cancel that is not carried out (a lapsed login, the order rate, the
/// broker's refusal) leaves the order as it was at the venue. The agent must neither believe the stop
/// moved or grew nor wait forever for a cancel: it asks again, on a wait that doubles, never on every tick.</summary>
public class RefusedRequestTests
{
    private static AgentParameters WithStops(AgentParameters p) => p with { ProtectiveStop = new ProtectiveStopRule(10m, 5m) };

    private static void Enter(AgentHarness h)
    {
        var c = Move(Day1, 0, 19990, 20000);
        h.Agent.OnIndexTick(At(Day1, 9, 19, 59), 20000m);
        h.Agent.OnCandleClosed(c, BuyCe(c));
        Assert.NotNull(h.Agent.Position);
    }

    private static List<OrderRequest> StopRequests(AgentHarness h) => h.Execution.Requests.Where(r => r.Purpose == OrderPurpose.ProtectiveStop).ToList();

    [Fact]
    public void A_refused_quantity_change_of_the_stop_is_asked_again_with_the_quantity_held_and_the_waits_double()
    {
        var h = new AgentHarness(WithStops(Params(pyramid: new PyramidRule(5m, 5, 1500), trail: 500, sl: 50)));
        Enter(h);
        var stop = StopRequests(h)[0];
        h.Execution.Answering = false;
        h.Agent.OnIndexTick(At(Day1, 9, 21), 20010m);
        h.Agent.OnOptionTick(At(Day1, 9, 21, 1));                     // an add of 5 lots fills ...
        h.Agent.OnOrderUpdate(new OrderUpdate(h.Execution.Requests[^1].ClientId, OrderState.Complete, 375, 105m, At(Day1, 9, 21, 1)));
        Assert.Equal(450, h.Agent.Position!.Quantity);
        var grow = StopRequests(h)[^1];
        Assert.Equal((OrderAction.Modify, 450), (grow.Action, grow.Quantity));

        // ... and the stop's modification to 450 is refused: the venue still holds a stop for 75.
        h.Agent.OnOrderUpdate(OrderUpdate.RefusalOf(grow, At(Day1, 9, 21, 2), "Incorrect `api_key` or `access_token`."));
        var refusedAt = At(Day1, 9, 21, 2);
        var asked = new List<DateTimeOffset>();
        for (var s = 1; s <= 40; s++)
        {
            var before = StopRequests(h).Count;
            var t = refusedAt.AddSeconds(s * 0.5);
            h.Agent.OnIndexTick(t, 20010m);
            if (StopRequests(h).Count == before) continue;
            var again = StopRequests(h)[^1];
            Assert.Equal((OrderAction.Modify, 450, stop.ClientId), (again.Action, again.Quantity, again.ClientId));
            asked.Add(t);
            h.Agent.OnOrderUpdate(OrderUpdate.RefusalOf(again, t, "still logged out"));
        }
        // 1 s, then 2, 4, 8 after each refusal: not on every tick.
        Assert.Equal([refusedAt.AddSeconds(1), refusedAt.AddSeconds(3), refusedAt.AddSeconds(7), refusedAt.AddSeconds(15)], asked);
        // Said once, not on every refusal.
        Assert.Single(h.Events, e => e.Message.Contains("not carried out", StringComparison.Ordinal));
    }

    [Fact]
    public void A_refused_cancel_before_the_agents_exit_is_asked_again_and_the_exit_sells_once_the_cancel_is_confirmed()
    {
        var h = new AgentHarness(WithStops(Params()));
        Enter(h);
        var stop = StopRequests(h)[0];
        h.Execution.Answering = false;
        h.Agent.OnIndexTick(At(Day1, 9, 25), 19940m);                 // the index stop: the protective one is cancelled first
        var cancel = h.Execution.Requests[^1];
        Assert.Equal((OrderAction.Cancel, stop.ClientId), (cancel.Action, cancel.ClientId));

        h.Agent.OnOrderUpdate(OrderUpdate.RefusalOf(cancel, At(Day1, 9, 25, 0), "risk: order rate: 10 orders in the last second already"));
        h.Agent.OnIndexTick(At(Day1, 9, 25).AddMilliseconds(500), 19935m);
        Assert.Equal(cancel, h.Execution.Requests[^1]);               // not yet: the wait is a second
        h.Agent.OnIndexTick(At(Day1, 9, 25, 1), 19930m);
        var again = h.Execution.Requests[^1];
        Assert.Equal((OrderAction.Cancel, stop.ClientId), (again.Action, again.ClientId));
        Assert.DoesNotContain(h.Execution.Requests, r => r.Purpose == OrderPurpose.Exit);

        h.Agent.OnOrderUpdate(new OrderUpdate(stop.ClientId, OrderState.Cancelled, 0, 0m, At(Day1, 9, 25, 2)));
        var exit = Assert.Single(h.Execution.Requests, r => r.Purpose == OrderPurpose.Exit);
        Assert.Equal(75, exit.Quantity);
    }

    [Fact]
    public void A_stop_that_the_venue_filled_for_less_than_the_agent_wanted_is_complete_and_a_new_stop_covers_the_rest()
    {
        var h = new AgentHarness(WithStops(Params(pyramid: new PyramidRule(5m, 5, 1500), trail: 500, sl: 50)));
        Enter(h);
        var stop = StopRequests(h)[0];
        h.Execution.Answering = false;
        h.Agent.OnIndexTick(At(Day1, 9, 21), 20010m);
        h.Agent.OnOptionTick(At(Day1, 9, 21, 1));
        h.Agent.OnOrderUpdate(new OrderUpdate(h.Execution.Requests[^1].ClientId, OrderState.Complete, 375, 105m, At(Day1, 9, 21, 1)));
        h.Agent.OnOrderUpdate(OrderUpdate.RefusalOf(StopRequests(h)[^1], At(Day1, 9, 21, 2), "logged out"));

        // The venue's stop, still for 75, triggers and fills: 75 sold, 375 still held.
        h.Agent.OnOrderUpdate(new OrderUpdate(stop.ClientId, OrderState.Complete, 75, 60m, At(Day1, 9, 22)));
        Assert.Equal(375, h.Agent.Position!.Quantity);
        Assert.DoesNotContain(h.Agent.WorkingOrders, o => o.ClientId == stop.ClientId);
        h.Agent.OnIndexTick(At(Day1, 9, 22, 1), 20005m);
        var fresh = StopRequests(h)[^1];
        Assert.Equal((OrderAction.Place, 375), (fresh.Action, fresh.Quantity));
        Assert.NotEqual(stop.ClientId, fresh.ClientId);
    }
}
