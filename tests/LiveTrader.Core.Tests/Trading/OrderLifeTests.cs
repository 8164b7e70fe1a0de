using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;
using LiveTrader.Core.Trading;
using static LiveTrader.Core.Tests.Trading.AgentHarness;

namespace LiveTrader.Core.Tests.Trading;

/// <summary>The order life (DECISIONS.md "Orders"): the agent asks for orders and learns their fate
/// from updates, which may come at once, later, in parts, twice or out of order.</summary>
public class OrderLifeTests
{
    /// <summary>A BUY_CE at the 09:20 close with the index at 20000 (premium 100, SL 19950).</summary>
    private static void SignalCe(AgentHarness h, decimal spot = 20000m)
    {
        var c = Move(Day1, 0, spot - 10, spot);
        h.Agent.OnIndexTick(At(Day1, 9, 19, 59), spot);
        h.Agent.OnCandleClosed(c, BuyCe(c));
    }

    private static OrderUpdate Filled(OrderRequest r, int cumulative, decimal average, DateTimeOffset time) =>
        new(r.ClientId, cumulative == r.Quantity ? OrderState.Complete : OrderState.Open, cumulative, average, time, PriceSource: "venue");

    [Fact]
    public void Every_order_has_its_own_client_id_of_at_most_20_letters_and_digits_usable_as_a_kite_tag()
    {
        var h = new AgentHarness(Params(segment: Segment.BANKNIFTY));
        SignalCe(h);
        h.Agent.OnIndexTick(At(Day1, 9, 21), 19940m);

        var ids = h.Execution.Requests.Select(r => r.ClientId).ToList();
        Assert.Equal(2, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(ClientOrderId.IsValid(id), id));
        Assert.Equal(["B25010601E001", "B25010601X002"], ids);
        Assert.Equal("BANKNIFTY-20250106-01", Assert.Single(h.Trades).TradeId);
        Assert.Equal([OrderPurpose.Entry, OrderPurpose.Exit], h.Execution.Requests.Select(r => r.Purpose));
    }

    [Fact]
    public void A_pending_entry_is_sent_once_and_a_rejection_leaves_the_agent_flat_saying_why()
    {
        var h = new AgentHarness();
        h.Execution.Answering = false;
        SignalCe(h);
        Assert.Equal(AgentStatus.EntryPending, h.Agent.Status);
        Assert.Null(h.Agent.Position);

        // Another signal while the entry works: no second order.
        var next = Move(Day1, 1, 20000, 20010);
        h.Agent.OnCandleClosed(next, BuyCe(next));
        var entry = Assert.Single(h.Execution.Requests);
        Assert.Contains(h.OfType(AgentEventType.EntrySkipped), e => e.Message.Contains("entry order is still working", StringComparison.Ordinal));

        h.Agent.OnOrderUpdate(new OrderUpdate(entry.ClientId, OrderState.Rejected, 0, 0m, At(Day1, 9, 25, 1), "RMS:Margin Exceeds"));
        Assert.Equal(AgentStatus.WaitingForSignal, h.Agent.Status);
        Assert.Equal(0, h.Agent.TradesToday);
        Assert.Contains(h.OfType(AgentEventType.EntrySkipped), e => e.Message.Contains("RMS:Margin Exceeds", StringComparison.Ordinal));

        // The next signal trades as trade 01 again, under a new order id.
        var later = Move(Day1, 2, 20010, 20020);
        h.Execution.Answering = true;
        h.Agent.OnCandleClosed(later, BuyCe(later));
        Assert.Equal("NIFTY-20250106-01", h.Agent.Position!.TradeId);
        Assert.NotEqual(entry.ClientId, h.Execution.Requests[^1].ClientId);
    }

    [Fact]
    public void A_partial_entry_fill_opens_a_smaller_position_and_repeated_or_late_updates_never_count_twice()
    {
        var h = new AgentHarness(lotSize: 25, parameters: Params() with { LotsAtEntry = 3 });
        h.Execution.Answering = false;
        SignalCe(h);
        var entry = Assert.Single(h.Execution.Requests);
        Assert.Equal(75, entry.Quantity);

        h.Agent.OnOrderUpdate(Filled(entry, 25, 100m, At(Day1, 9, 20, 1)));
        Assert.Equal(25, h.Agent.Position!.Quantity);
        Assert.Equal(AgentStatus.InPosition, h.Agent.Status);
        Assert.Single(h.Agent.WorkingOrders);

        h.Agent.OnOrderUpdate(Filled(entry, 25, 100m, At(Day1, 9, 20, 1)));   // a repeat
        Assert.Equal(25, h.Agent.Position!.Quantity);
        h.Agent.OnOrderUpdate(Filled(entry, 75, 101m, At(Day1, 9, 20, 3)));   // the rest: 50 at 101.50
        h.Agent.OnOrderUpdate(Filled(entry, 50, 101m, At(Day1, 9, 20, 2)));   // late, out of order
        var position = h.Agent.Position!;
        Assert.Equal(75, position.Quantity);
        Assert.Equal([25, 50], position.Buys.Select(b => b.Quantity));
        Assert.Equal([100m, 101.5m], position.Buys.Select(b => b.Price));
        Assert.Empty(h.Agent.WorkingOrders);
        Assert.Equal(0, position.PyramidAdds);
    }

    [Fact]
    public void While_an_exit_works_no_second_exit_is_sent_and_a_partial_exit_leaves_the_rest_open()
    {
        var h = new AgentHarness(lotSize: 25, parameters: Params() with { LotsAtEntry = 2 });
        SignalCe(h);
        h.Execution.Answering = false;
        h.Agent.OnIndexTick(At(Day1, 9, 21), 19940m);
        h.Agent.OnIndexTick(At(Day1, 9, 21, 1), 19930m);
        h.Agent.OnIndexTick(At(Day1, 9, 21, 2), 19920m);
        var exit = Assert.Single(h.Execution.Requests, r => r.Purpose == OrderPurpose.Exit);
        Assert.Equal(AgentStatus.ExitPending, h.Agent.Status);

        h.Agent.OnOrderUpdate(Filled(exit, 25, 40m, At(Day1, 9, 21, 3)));
        h.Agent.OnOrderUpdate(new OrderUpdate(exit.ClientId, OrderState.Cancelled, 25, 40m, At(Day1, 9, 21, 4), "cancelled by the exchange"));
        Assert.Equal(25, h.Agent.Position!.Quantity);
        Assert.Empty(h.Trades);
        Assert.Contains(h.OfType(AgentEventType.ExitDelayed), e => e.Message.Contains("(25 sold)", StringComparison.Ordinal));

        // The stop is still hit: the rest is sold, but only once the refusal is a second old.
        h.Agent.OnIndexTick(At(Day1, 9, 21, 4, 500), 19920m);
        Assert.Single(h.Execution.Requests, r => r.Purpose == OrderPurpose.Exit);
        h.Agent.OnIndexTick(At(Day1, 9, 21, 5), 19910m);
        var rest = h.Execution.Requests[^1];
        Assert.Equal((OrderPurpose.Exit, 25), (rest.Purpose, rest.Quantity));
        h.Agent.OnOrderUpdate(Filled(rest, 25, 30m, At(Day1, 9, 21, 6)));

        var trade = Assert.Single(h.Trades);
        Assert.Equal(50, trade.MaxQuantity);
        Assert.Equal(35m, trade.ExitPrice);                        // the average of both exit fills
        Assert.Equal(25 * 40m + 25 * 30m - 50 * 100m, trade.PnlValue);
        Assert.Equal(2, trade.Sells.Count);
        Assert.Equal(ExitReason.StopLoss, trade.ExitReason);
        Assert.Null(h.Agent.Position);
    }

    [Fact]
    public void A_refused_exit_is_retried_on_the_first_price_a_second_later_not_on_every_tick()
    {
        var h = new AgentHarness();
        SignalCe(h);
        h.Execution.RefuseSells = 1;
        h.Agent.OnIndexTick(At(Day1, 9, 21), 19940m);
        h.Agent.OnIndexTick(At(Day1, 9, 21, 0, 250), 19939m);
        h.Agent.OnIndexTick(At(Day1, 9, 21, 0, 500), 19938m);
        Assert.Single(h.Execution.Requests, r => r.Purpose == OrderPurpose.Exit);

        h.Agent.OnIndexTick(At(Day1, 9, 21, 1), 19937m);
        Assert.Equal(2, h.Execution.Requests.Count(r => r.Purpose == OrderPurpose.Exit));
        Assert.Equal(19937m, Assert.Single(h.Trades).IndexExitSpot);
        Assert.Single(h.OfType(AgentEventType.ExitDelayed));
    }

    [Fact]
    public void An_exit_while_the_entry_remainder_works_cancels_it_first_and_sells_a_late_fill_too()
    {
        var h = new AgentHarness(lotSize: 25, parameters: Params() with { LotsAtEntry = 2 });
        h.Execution.Answering = false;
        SignalCe(h);
        var entry = h.Execution.Requests[0];
        h.Agent.OnOrderUpdate(Filled(entry, 25, 100m, At(Day1, 9, 20, 1)));

        h.Agent.CloseNow(At(Day1, 9, 22), ExitReason.Manual);
        Assert.Equal([OrderAction.Place, OrderAction.Cancel, OrderAction.Place], h.Execution.Requests.Select(r => r.Action));
        var cancel = h.Execution.Requests[1];
        var exit = h.Execution.Requests[2];
        Assert.Equal(entry.ClientId, cancel.ClientId);
        Assert.Equal(25, exit.Quantity);

        // The remainder filled before the cancel reached the exchange: it is sold as well.
        h.Agent.OnOrderUpdate(Filled(exit, 25, 110m, At(Day1, 9, 22, 1)));
        Assert.Empty(h.Trades);
        h.Agent.OnOrderUpdate(Filled(entry, 50, 101m, At(Day1, 9, 22, 2)));
        var second = h.Execution.Requests[^1];
        Assert.Equal((OrderPurpose.Exit, 25), (second.Purpose, second.Quantity));
        h.Agent.OnOrderUpdate(Filled(second, 25, 109m, At(Day1, 9, 22, 3)));

        var trade = Assert.Single(h.Trades);
        Assert.Equal((50, ExitReason.Manual), (trade.MaxQuantity, trade.ExitReason));
        Assert.Equal(25 * 110m + 25 * 109m - 25 * 100m - 25 * 102m, trade.PnlValue);
    }

    [Fact]
    public void A_partial_pyramid_add_adds_what_filled_and_counts_as_one_add()
    {
        var h = new AgentHarness(lotSize: 25, parameters: Params(pyramid: new PyramidRule(5m, 2, 1500)));
        SignalCe(h);
        h.Execution.FillAtMost = 25;
        h.Agent.OnIndexTick(At(Day1, 9, 21), 20010m);
        h.Agent.OnOptionTick(At(Day1, 9, 21, 1));
        var add = Assert.Single(h.Execution.Requests, r => r.Purpose == OrderPurpose.Add);
        Assert.Equal(50, add.Quantity);
        Assert.Equal(AgentStatus.AddPending, h.Agent.Status);
        Assert.Equal(50, h.Agent.Position!.Quantity);

        // No second add while the first works, however far the profit runs.
        h.Agent.OnIndexTick(At(Day1, 9, 22), 20100m);
        h.Agent.OnOptionTick(At(Day1, 9, 22, 1));
        Assert.Single(h.Execution.Requests, r => r.Purpose == OrderPurpose.Add);

        h.Agent.OnOrderUpdate(Filled(add, 50, 110m, At(Day1, 9, 22, 2)));
        Assert.Equal(75, h.Agent.Position!.Quantity);
        Assert.Equal(1, h.Agent.Position.PyramidAdds);
        Assert.Equal(2, h.OfType(AgentEventType.PyramidAdded).Count());
    }

    [Fact]
    public void Working_orders_survive_a_restart_and_their_later_fill_closes_the_trade()
    {
        var h = new AgentHarness();
        SignalCe(h);
        h.Execution.Answering = false;
        h.Agent.OnIndexTick(At(Day1, 9, 21), 19940m);
        var exit = h.Execution.Requests[^1];

        var restarted = new AgentHarness();
        restarted.Agent.Restore(h.Agent.Snapshot());
        Assert.Equal(AgentStatus.ExitPending, restarted.Agent.Status);
        restarted.Agent.OnIndexTick(At(Day1, 9, 21, 5), 19930m);
        Assert.Empty(restarted.Execution.Requests);              // the exit is known to work: not sent again

        restarted.Agent.OnOrderUpdate(Filled(exit, 75, 39m, At(Day1, 9, 21, 6)));
        var trade = Assert.Single(restarted.Trades);
        Assert.Equal((39m, 19940m, ExitReason.StopLoss), (trade.ExitPrice, trade.IndexExitSpot, trade.ExitReason));

        // A client id is never reused after the restart.
        var c = Move(Day1, 3, 19930, 19950);
        restarted.Execution.Answering = true;
        restarted.Agent.OnCandleClosed(c, BuyCe(c));
        Assert.Equal("N25010602E003", restarted.Execution.Requests[^1].ClientId);
    }
}
