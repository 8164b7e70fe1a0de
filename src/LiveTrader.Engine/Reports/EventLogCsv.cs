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
        csv.WriteField(Ist.Format(e.Time));
        csv.WriteField(mode);
        csv.WriteField(e.Segment.ToString());
        csv.WriteField(e.Type);
        csv.WriteField(e.Message);
        csv.WriteField(e.TradeId ?? "");
        csv.WriteField(e.OptionSymbol ?? "");
        csv.WriteField(e.Spot?.ToString("0.####", CultureInfo.InvariantCulture) ?? "");
        csv.WriteField(e.Price?.ToString("0.####", CultureInfo.InvariantCulture) ?? "");
        csv.WriteField(e.Quantity?.ToString(CultureInfo.InvariantCulture) ?? "");
        csv.NextRecord();
    }
}
