using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;
using LiveTrader.Engine.Execution;
using LiveTrader.Engine.Journal;

namespace LiveTrader.Engine.Tests.Execution;

/// <summary>The ledger holds what the venue holds: a modification the venue did not carry out leaves
/// the order's row with its earlier terms, and says why.</summary>
public class LedgerRefusalTests
{
    private static readonly DateOnly Day = new(2025, 1, 6);
    private static readonly OptionContract Call = new(Segment.NIFTY, Day.AddDays(3), 20000m, OptionType.CE, "NIFTY25JAN20000CE") { LotSize = 75 };

    /// <summary>Accepts placements; refuses every modification, as Kite does to a lapsed token.</summary>
    private sealed class RefusingVenue : IOrderVenue
    {
        public IReadOnlyList<OrderUpdate> Submit(OrderRequest request) => request.Action == OrderAction.Modify
            ? [OrderUpdate.RefusalOf(request, request.Time, "refused by Kite: Incorrect `api_key` or `access_token`.")]
            : [new OrderUpdate(request.ClientId, OrderState.TriggerPending, 0, 0m, request.Time, BrokerOrderId: "250106000000001")];
    }

    [Fact]
    public void A_refused_modification_leaves_the_orders_row_at_its_earlier_terms_with_the_reason()
    {
        var rows = new List<OrderLedgerRow>();
        var ledger = new LedgerVenue(new RefusingVenue(), rows.Add);
        var t = Ist.At(Day, new TimeOnly(10, 0));
        var stop = new OrderRequest(OrderAction.Place, "N25010601S002", Segment.NIFTY, "NIFTY-20250106-01", OrderPurpose.ProtectiveStop,
            OrderSide.Sell, OrderType.StopLimit, Call, 75, t, 20000m, 45m, 50m);
        ledger.Submit(stop);
        var answers = ledger.Submit(stop with { Action = OrderAction.Modify, Quantity = 450, TriggerPrice = 60m, LimitPrice = 54m, Revision = 1, Time = t.AddSeconds(5) });

        Assert.Equal(OrderAction.Modify, Assert.Single(answers).Refused);
        var last = rows[^1];
        Assert.Equal((75, 50m, 45m, 0, OrderState.TriggerPending), (last.Quantity, last.TriggerPrice, last.LimitPrice, last.Revision, last.State));
        Assert.StartsWith("modify refused: refused by Kite", last.Message);
        // The modification itself was in the ledger before the venue saw it.
        Assert.Contains(rows, r => r.Action == OrderAction.Modify && r.State == OrderState.Sent && r.Quantity == 450);
    }
}
