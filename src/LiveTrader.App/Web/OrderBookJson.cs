using LiveTrader.Core.Market;
using LiveTrader.Engine.Journal;

namespace LiveTrader.App.Web;

/// <summary>GET /api/orders: the day's orders as the ledger holds them now, one row per order in the
/// order they were asked for (a modification shows as the order's new terms), for the page's order
/// table: what was asked, its state, how much filled at what average price, Kite's id and why.</summary>
public static class OrderBookJson
{
    public static IResult Get(TraderService t)
    {
        using var journal = SessionJournal.OpenExisting(t.Folder);
        var log = journal?.OrderLog(t.Day) ?? [];
        var latest = new Dictionary<string, OrderLedgerRow>();
        var asked = new Dictionary<string, DateTimeOffset>();
        // The last word on the order: Kite's or the risk stage's refusal, else why it was asked.
        var reason = new Dictionary<string, string>();
        foreach (var row in log)
        {
            asked.TryAdd(row.ClientId, row.Time);
            if (row.Message is { Length: > 0 } said) reason[row.ClientId] = said;
            // A cancel or modify request is a row of its own; the order's state is the last update's.
            if (row.Action == Core.Orders.OrderAction.Place || !latest.ContainsKey(row.ClientId)) latest[row.ClientId] = row;
            else latest[row.ClientId] = latest[row.ClientId] with { Quantity = row.Quantity, LimitPrice = row.LimitPrice, TriggerPrice = row.TriggerPrice };
        }
        return Results.Ok(new
        {
            day = t.Day.ToString("yyyy-MM-dd"),
            orders = latest.Values.Select(o => new
            {
                asked = Ist.From(asked[o.ClientId]).ToString("HH:mm:ss"),
                updated = Ist.From(o.Time).ToString("HH:mm:ss"),
                clientId = o.ClientId,
                segment = o.Segment.ToString(),
                tradeId = o.TradeId,
                purpose = o.Purpose.ToString(),
                side = o.Side.ToString().ToUpperInvariant(),
                type = o.Type.ToString(),
                quantity = o.Quantity,
                limitPrice = o.LimitPrice,
                triggerPrice = o.TriggerPrice,
                state = o.State.ToString(),
                filled = o.FilledQuantity,
                averagePrice = o.AveragePrice,
                brokerOrderId = o.BrokerOrderId,
                reason = reason.GetValueOrDefault(o.ClientId),
            }),
        });
    }
}
