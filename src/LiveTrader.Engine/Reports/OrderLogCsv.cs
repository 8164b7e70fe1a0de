using System.Globalization;
using LiveTrader.Core.Market;
using LiveTrader.Engine.Journal;

namespace LiveTrader.Engine.Reports;

/// <summary><c>live_orders_&lt;date&gt;.csv</c>: every order with each of its states, in ledger order.</summary>
public static class OrderLogCsv
{
    public static readonly string[] Columns =
    [
        "time", "mode", "segment", "client_order_id", "trade_id", "purpose", "action", "side", "order_type", "quantity",
        "limit_price", "trigger_price", "state", "filled_quantity", "average_price", "broker_order_id", "message",
    ];

    /// <summary>The row as text, in column order.</summary>
    public static IEnumerable<string> Values(OrderLedgerRow r, string mode)
    {
        yield return Ist.Format(r.Time);
        yield return mode;
        yield return r.Segment.ToString();
        yield return r.ClientId;
        yield return r.TradeId;
        yield return Upper(r.Purpose.ToString());
        yield return Upper(r.Action.ToString());
        yield return Upper(r.Side.ToString());
        yield return Upper(r.Type.ToString());
        yield return r.Quantity.ToString(CultureInfo.InvariantCulture);
        yield return Price(r.LimitPrice);
        yield return Price(r.TriggerPrice);
        yield return Upper(r.State.ToString());
        yield return r.FilledQuantity.ToString(CultureInfo.InvariantCulture);
        yield return r.FilledQuantity > 0 ? Price(r.AveragePrice) : "";
        yield return r.BrokerOrderId ?? "";
        yield return r.Message ?? "";
    }

    private static string Price(decimal? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";

    private static string Upper(string name) => name switch
    {
        "ProtectiveStop" => "PROTECTIVE_STOP",
        "StopLimit" => "SL",
        "TriggerPending" => "TRIGGER_PENDING",
        _ => name.ToUpperInvariant(),
    };
}
