using System.Globalization;
using CsvHelper;
using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;

namespace LiveTrader.Engine.Reports;

/// <summary>The event log: one row per agent decision (spec 7.2), times in IST wall clock.</summary>
public static class EventLogCsv
{
    public static readonly string[] Columns =
        ["time", "mode", "segment", "event_type", "message", "trade_id", "option_symbol", "spot", "price", "quantity"];

    public static void WriteHeader(CsvWriter csv)
    {
        foreach (var c in Columns) csv.WriteField(c);
        csv.NextRecord();
    }

    public static void WriteRow(CsvWriter csv, AgentEvent e, string mode)
    {
        foreach (var value in Values(e, mode)) csv.WriteField(value);
        csv.NextRecord();
    }

    /// <summary>The row as text, in column order.</summary>
    public static IEnumerable<string> Values(AgentEvent e, string mode)
    {
        yield return Ist.Format(e.Time);
        yield return mode;
        yield return e.Segment.ToString();
        yield return e.Type;
        yield return e.Message;
        yield return e.TradeId ?? "";
        yield return e.OptionSymbol ?? "";
        yield return e.Spot?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";
        yield return e.Price?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";
        yield return e.Quantity?.ToString(CultureInfo.InvariantCulture) ?? "";
    }
}
