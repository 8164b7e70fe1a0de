using LiveTrader.Core.Orders;
using LiveTrader.Engine.Journal;

namespace LiveTrader.Engine.Execution;

/// <summary>The outbox in front of every venue: a request is written to the order ledger (durably)
/// before the venue sees it, and every answer is written as it comes back, so a process killed
/// between the two restarts knowing what it asked for.</summary>
public sealed class LedgerVenue(IOrderVenue venue, Action<OrderLedgerRow> record) : IOrderVenue
{
    // The latest row of each order this session asked for, so an update's row carries the request's terms.
    private readonly Dictionary<string, OrderLedgerRow> _latest = [];
    // The terms before a modification, which are the order's again if the modification is refused.
    private readonly Dictionary<string, OrderLedgerRow> _beforeModify = [];

    public IReadOnlyList<OrderUpdate> Submit(OrderRequest request)
    {
        var sent = OrderLedgerRow.Sent(request);
        if (request.Action == OrderAction.Place) _latest[request.ClientId] = sent;
        // A modification's terms are the order's terms from now on (a LIMIT turned MARKET included).
        else if (request.Action == OrderAction.Modify && _latest.TryGetValue(request.ClientId, out var last))
        {
            _beforeModify[request.ClientId] = last;
            _latest[request.ClientId] = last with { Type = request.Type, Quantity = request.Quantity, LimitPrice = request.LimitPrice, TriggerPrice = request.TriggerPrice, Revision = request.Revision };
        }
        record(sent);
        var answers = venue.Submit(request);
        foreach (var update in answers) Book(update);
        return answers;
    }

    /// <summary>An update that came later, on its own (Kite's ticker, a delayed venue).</summary>
    public IReadOnlyList<OrderUpdate> Receive(OrderUpdate update)
    {
        var updates = venue.Receive(update);
        foreach (var u in updates) Book(u);
        return updates;
    }

    /// <summary>What triggered and filled at a venue resting our orders here.</summary>
    public IReadOnlyList<OrderUpdate> MarketMoved(MarketMove move)
    {
        var updates = venue.MarketMoved(move);
        foreach (var u in updates) Book(u);
        return updates;
    }

    private void Book(OrderUpdate update)
    {
        if (!_latest.TryGetValue(update.ClientId, out var last)) return;
        if (update.Refused is { } refused)
        {
            if (last.State.IsFinal()) return;
            // Refused: the order keeps the terms it had, and the row says why.
            if (refused == OrderAction.Modify && _beforeModify.Remove(update.ClientId, out var before))
                last = last with { Type = before.Type, Quantity = before.Quantity, LimitPrice = before.LimitPrice, TriggerPrice = before.TriggerPrice, Revision = before.Revision };
            _latest[update.ClientId] = last;
            record(last with { Time = update.Time, Message = $"{refused.ToString().ToLowerInvariant()} refused: {update.Message}" });
            return;
        }
        // Booked by cumulative quantity, as the agent books it: a repeat, a late update or one after the end adds no state.
        if (last.State.IsFinal() || update.FilledQuantity < last.FilledQuantity
            || (update.State == last.State && update.FilledQuantity == last.FilledQuantity)) return;
        var row = last.After(update);
        _latest[update.ClientId] = row;
        record(row);
    }

    /// <summary>Orders asked for before a restart: their updates are booked with their terms too.</summary>
    public void Remember(IEnumerable<OrderLedgerRow> rows)
    {
        foreach (var row in rows)
            if (row.Action == OrderAction.Place || _latest.ContainsKey(row.ClientId)) _latest[row.ClientId] = row;
    }
}
