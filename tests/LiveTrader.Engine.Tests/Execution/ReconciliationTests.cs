using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;
using LiveTrader.Engine.Execution;
using LiveTrader.Kite.Rest;

namespace LiveTrader.Engine.Tests.Execution;

/// <summary>The ledger against Kite's book before the first live order: what is adopted, what is
/// counted as never placed, and what refuses the segment.</summary>
public sealed class ReconciliationTests
{
    private static readonly DateOnly Day = new(2026, 1, 7);
    private static readonly DateTimeOffset Now = Ist.At(Day, new TimeOnly(12, 0));
    private const uint Call = 1001, Other = 2002;
    private static readonly string Entry = ClientOrderId.For(Segment.NIFTY, Day, 1, OrderPurpose.Entry, 1);
    private static readonly string Stop = ClientOrderId.For(Segment.NIFTY, Day, 1, OrderPurpose.ProtectiveStop, 2);

    private static bool IsNifty(uint token) => token == Call;

    private static KiteOrder Order(string? tag, string status, long quantity, long filled, string side = "BUY", uint token = Call, string id = "") => new()
    {
        OrderId = id.Length > 0 ? id : $"K{tag ?? "x"}", Tag = tag, Status = status, Quantity = quantity, FilledQuantity = filled,
        AveragePrice = filled > 0 ? 101.5m : 0m, TransactionType = side, InstrumentToken = token, Tradingsymbol = "NIFTY26JAN23500CE",
    };

    private static KitePosition Position(long quantity, uint token = Call) => new() { InstrumentToken = token, Quantity = quantity, Tradingsymbol = "NIFTY26JAN23500CE", Product = "MIS" };

    private static WorkingOrderSnapshot Working(string id, OrderPurpose purpose, OrderState state, int quantity = 75) =>
        new(id, purpose, purpose == OrderPurpose.Entry ? OrderSide.Buy : OrderSide.Sell, quantity, Now.AddMinutes(-5), 23500m, null, state, 0, 0m);

    /// <summary>One order as the ledger last booked it.</summary>
    private static BookedOrder Booked(string id, OrderState state, int quantity = 75, int filled = 0) => new(id, quantity, state, filled, filled > 0 ? 101.5m : 0m);

    private static Dictionary<string, BookedOrder> Ledger(params BookedOrder[] orders) => orders.ToDictionary(o => o.ClientId);

    [Fact]
    public void A_consistent_book_is_adopted_and_brings_the_agents_orders_to_Kites_state()
    {
        var result = Reconciliation.Check(Segment.NIFTY, Day,
            [Working(Stop, OrderPurpose.ProtectiveStop, OrderState.TriggerPending)], Ledger(Booked(Entry, OrderState.Complete, filled: 75), Booked(Stop, OrderState.TriggerPending)),
            [Order(Entry, "COMPLETE", 75, 75), Order(Stop, "TRIGGER PENDING", 75, 0, "SELL")], [Position(75)], IsNifty, Now);

        Assert.Null(result.Refusal);
        var update = Assert.Single(result.Updates);
        Assert.Equal((Stop, OrderState.TriggerPending, 0, $"K{Stop}"), (update.ClientId, update.State, update.FilledQuantity, update.BrokerOrderId));
        Assert.Equal((Stop, $"K{Stop}"), (Assert.Single(result.Adopted).ClientId, result.Adopted[0].BrokerOrderId));
    }

    [Fact]
    public void An_order_filled_while_the_process_was_down_reaches_the_agent_as_its_fill()
    {
        var result = Reconciliation.Check(Segment.NIFTY, Day,
            [Working(Stop, OrderPurpose.ProtectiveStop, OrderState.TriggerPending)], Ledger(Booked(Entry, OrderState.Complete, filled: 75), Booked(Stop, OrderState.TriggerPending)),
            [Order(Entry, "COMPLETE", 75, 75), Order(Stop, "COMPLETE", 75, 75, "SELL")], [Position(0)], IsNifty, Now);

        Assert.Null(result.Refusal);
        var update = Assert.Single(result.Updates);
        Assert.Equal((OrderState.Complete, 75, 101.5m), (update.State, update.FilledQuantity, update.AveragePrice));
    }

    [Fact]
    public void An_order_the_ledger_holds_as_sent_and_Kite_never_had_is_counted_as_not_placed_never_sent_again()
    {
        var result = Reconciliation.Check(Segment.NIFTY, Day,
            [Working(Entry, OrderPurpose.Entry, OrderState.Sent)], Ledger(Booked(Entry, OrderState.Sent)), [], [], IsNifty, Now);

        Assert.Null(result.Refusal);
        var update = Assert.Single(result.Updates);
        Assert.Equal(OrderState.Rejected, update.State);
        Assert.Contains("never placed", update.Message);
        Assert.Contains(result.Warnings, w => w.Contains(Entry, StringComparison.Ordinal));
    }

    [Fact]
    public void A_working_order_Kite_does_not_list_refuses_the_segment()
    {
        var result = Reconciliation.Check(Segment.NIFTY, Day,
            [Working(Stop, OrderPurpose.ProtectiveStop, OrderState.TriggerPending)], Ledger(Booked(Entry, OrderState.Complete, filled: 75), Booked(Stop, OrderState.TriggerPending)),
            [Order(Entry, "COMPLETE", 75, 75)], [Position(75)], IsNifty, Now);

        Assert.Contains($"order {Stop}", result.Refusal);
        Assert.Contains("Kite does not list it", result.Refusal);
    }

    [Fact]
    public void A_tag_of_ours_the_ledger_does_not_know_refuses_the_segment()
    {
        var stranger = ClientOrderId.For(Segment.NIFTY, Day, 7, OrderPurpose.Entry, 9);
        var result = Reconciliation.Check(Segment.NIFTY, Day, [], Ledger(),
            [Order(stranger, "COMPLETE", 75, 75)], [Position(75)], IsNifty, Now);

        Assert.Contains($"tagged {stranger}", result.Refusal);
        Assert.Contains("our ledger does not know", result.Refusal);
    }

    [Fact]
    public void A_position_in_the_segments_options_that_our_fills_do_not_explain_refuses_the_segment()
    {
        var result = Reconciliation.Check(Segment.NIFTY, Day, [], Ledger(),
            [Order(null, "COMPLETE", 75, 75)], [Position(75)], IsNifty, Now);

        Assert.Contains("Kite holds 75 NIFTY26JAN23500CE (MIS) but our orders explain 0", result.Refusal);
        Assert.Contains("then restart", result.Refusal);
    }

    [Fact]
    public void Positions_and_orders_outside_the_segment_are_flagged_and_left_alone()
    {
        var result = Reconciliation.Check(Segment.NIFTY, Day, [], Ledger(),
            [Order(null, "OPEN", 30, 0, token: Other), Order(null, "OPEN", 75, 0, id: "HAND1")], [Position(30, Other)], IsNifty, Now);

        Assert.Null(result.Refusal);
        Assert.Contains(result.Warnings, w => w.Contains("not one of NIFTY's options", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("HAND1", StringComparison.Ordinal) && w.Contains("not ours", StringComparison.Ordinal));
        Assert.Empty(result.Updates);
    }

    [Fact]
    public void The_same_tag_twice_at_Kite_is_an_order_sent_twice_and_refuses_the_segment()
    {
        var result = Reconciliation.Check(Segment.NIFTY, Day,
            [Working(Entry, OrderPurpose.Entry, OrderState.Open)], Ledger(Booked(Entry, OrderState.Open)),
            [Order(Entry, "COMPLETE", 75, 75, id: "A1"), Order(Entry, "COMPLETE", 75, 75, id: "A2")], [Position(150)], IsNifty, Now);

        Assert.Contains("sent twice", result.Refusal);
    }

    [Fact]
    public void A_sliced_order_still_working_at_Kite_is_brought_to_Kites_state_child_by_child_for_the_slicer_to_book_as_one()
    {
        var big = ClientOrderId.For(Segment.NIFTY, Day, 1, OrderPurpose.Entry, 1);
        var result = Reconciliation.Check(Segment.NIFTY, Day,
            [Working(big, OrderPurpose.Entry, OrderState.Open, 3600)], Ledger(Booked(big + "A", OrderState.Open, 1800), Booked(big + "B", OrderState.Open, 1800)),
            [Order(big + "A", "COMPLETE", 1800, 1800), Order(big + "B", "OPEN", 1800, 600)], [Position(2400)], IsNifty, Now);

        Assert.Null(result.Refusal);
        Assert.Equal([(big + "A", OrderState.Complete, 1800, $"K{big}A"), (big + "B", OrderState.Open, 600, $"K{big}B")],
            result.Updates.Select(u => (u.ClientId, u.State, u.FilledQuantity, u.BrokerOrderId)));
        // Both are Kite's to report on from here: the slice still working is adopted, so its later fills are ours.
        Assert.Equal([(big + "A", OrderState.Complete, 1800), (big + "B", OrderState.Open, 600)], result.Adopted.Select(a => (a.ClientId, a.State, a.Filled)));
        Assert.DoesNotContain(result.Warnings, w => w.Contains("not booked", StringComparison.Ordinal));
    }

    [Fact]
    public void The_slices_of_a_protective_stop_that_ended_at_Kite_while_the_process_was_down_are_each_booked_at_their_end()
    {
        var stop = ClientOrderId.For(Segment.NIFTY, Day, 1, OrderPurpose.ProtectiveStop, 2);
        var cancelled = Order(stop + "B", "CANCELLED", 75, 0, "SELL") with { StatusMessage = "cancelled by the exchange" };
        var result = Reconciliation.Check(Segment.NIFTY, Day,
            [Working(stop, OrderPurpose.ProtectiveStop, OrderState.TriggerPending, 150)],
            Ledger(Booked(Entry, OrderState.Complete, 150, 150), Booked(stop + "A", OrderState.TriggerPending), Booked(stop + "B", OrderState.TriggerPending)),
            [Order(Entry, "COMPLETE", 150, 150), Order(stop + "A", "COMPLETE", 75, 75, "SELL"), cancelled], [Position(75)], IsNifty, Now);

        Assert.Null(result.Refusal);
        Assert.Equal([(stop + "A", OrderState.Complete, 75, 101.5m, (string?)null), (stop + "B", OrderState.Cancelled, 0, 0m, "cancelled by the exchange")],
            result.Updates.Select(u => (u.ClientId, u.State, u.FilledQuantity, u.AveragePrice, u.Message)));
        Assert.All(result.Adopted, a => Assert.True(a.State.IsFinal()));
        Assert.Contains(result.Warnings, w => w.Contains($"order {stop}A (ProtectiveStop) ended at Kite while the process was down: COMPLETE, 75 of 75 filled", StringComparison.Ordinal));
    }

    [Fact]
    public void A_slice_the_ledger_holds_as_sent_and_Kite_never_had_is_not_placed_and_a_working_slice_Kite_lost_refuses_the_segment()
    {
        var big = ClientOrderId.For(Segment.NIFTY, Day, 1, OrderPurpose.Entry, 1);
        var neverSent = Reconciliation.Check(Segment.NIFTY, Day,
            [Working(big, OrderPurpose.Entry, OrderState.Open, 150)], Ledger(Booked(big + "A", OrderState.Open), Booked(big + "B", OrderState.Sent)),
            [Order(big + "A", "COMPLETE", 75, 75)], [Position(75)], IsNifty, Now);

        Assert.Null(neverSent.Refusal);
        Assert.Equal([(big + "A", OrderState.Complete, 75), (big + "B", OrderState.Rejected, 0)], neverSent.Updates.Select(u => (u.ClientId, u.State, u.FilledQuantity)));
        Assert.Contains("never placed", neverSent.Updates[1].Message);

        var lost = Reconciliation.Check(Segment.NIFTY, Day,
            [Working(big, OrderPurpose.Entry, OrderState.Open, 150)], Ledger(Booked(big + "A", OrderState.Open), Booked(big + "B", OrderState.Open)),
            [Order(big + "A", "COMPLETE", 75, 75)], [Position(75)], IsNifty, Now);

        Assert.Contains($"order {big}B (Entry, Open) is working in our ledger but Kite does not list it", lost.Refusal);
    }

    [Fact]
    public void An_order_the_ledger_saw_end_without_Kite_brings_the_agent_its_end_rather_than_halting()
    {
        // The cancel of an order Kite never had is booked at once; the process died before the agent's step was.
        var result = Reconciliation.Check(Segment.NIFTY, Day,
            [Working(Stop, OrderPurpose.ProtectiveStop, OrderState.Open)],
            Ledger(Booked(Entry, OrderState.Complete, filled: 75), Booked(Stop, OrderState.Cancelled)),
            [Order(Entry, "COMPLETE", 75, 75)], [Position(75)], IsNifty, Now);

        Assert.Null(result.Refusal);
        var update = Assert.Single(result.Updates);
        Assert.Equal((Stop, OrderState.Cancelled, 0), (update.ClientId, update.State, update.FilledQuantity));
    }
}
