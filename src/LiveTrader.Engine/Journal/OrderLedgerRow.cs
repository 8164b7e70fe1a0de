using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;

namespace LiveTrader.Engine.Journal;

/// <summary>One state of one order in the ledger: what was asked (client id, trade, purpose, side,
/// type, quantity, prices) and where it stands (state, cumulative fill, average price, the broker's
/// id and word). A request is written as <see cref="OrderState.Sent"/> before any venue sees it.</summary>
public sealed record OrderLedgerRow(
    DateTimeOffset Time,
    string ClientId,
    Segment Segment,
    string TradeId,
    OrderPurpose Purpose,
    OrderAction Action,
    OrderSide Side,
    OrderType Type,
    int Quantity,
    decimal? LimitPrice,
    decimal? TriggerPrice,
    OrderState State,
    int FilledQuantity,
    decimal AveragePrice,
    string? BrokerOrderId,
    string? Message,
    int Revision = 0)
{
    /// <summary>The request as the ledger first holds it.</summary>
    public static OrderLedgerRow Sent(OrderRequest r) => new(r.Time, r.ClientId, r.Segment, r.TradeId, r.Purpose, r.Action, r.Side, r.Type,
        r.Quantity, r.LimitPrice, r.TriggerPrice, OrderState.Sent, 0, 0m, null, r.Reason, r.Revision);

    /// <summary>The same order after a venue's update.</summary>
    public OrderLedgerRow After(OrderUpdate u) => this with
    {
        Time = u.Time, Action = OrderAction.Place, State = u.State, FilledQuantity = u.FilledQuantity, AveragePrice = u.AveragePrice,
        BrokerOrderId = u.BrokerOrderId ?? BrokerOrderId, Message = u.Message,
    };

    /// <summary>Each order of a ledger as it last booked it. A modification's or cancel's own row is
    /// a request, not a state (it says Sent): the order stands where its last update left it.</summary>
    public static IReadOnlyDictionary<string, BookedOrder> Booked(IEnumerable<OrderLedgerRow> log)
    {
        var booked = new Dictionary<string, BookedOrder>();
        foreach (var row in log)
            if (row.Action == OrderAction.Place) booked[row.ClientId] = new BookedOrder(row.ClientId, row.Quantity, row.State, row.FilledQuantity, row.AveragePrice);
        return booked;
    }
}
