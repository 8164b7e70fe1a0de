using System.Globalization;
using CsvHelper;
using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;

namespace LiveTrader.Engine.Reports;

/// <summary>The trade log's columns: the spec's 7.1 list in its order, then DECISIONS.md's additions.
/// One row per completed trade; times are IST wall clock.</summary>
public static class TradeLogCsv
{
    public static readonly string[] Columns =
    [
        "trade_id", "mode", "segment", "index_symbol", "index_entry_spot", "time_interval", "rsi_period", "signal_type",
        "option_symbol", "option_type", "strike_price", "expiry", "lots", "entry_time", "entry_price", "stop_loss_points",
        "initial_sl_price", "trailing_stop_points", "exit_time", "exit_price", "exit_reason", "pnl_points", "pnl_value",
        "return_pct", "index_exit_spot", "charges", "net_pnl", "max_quantity", "pyramid_adds",
        "max_favorable_excursion", "max_adverse_excursion",
    ];

    public static void WriteHeader(CsvWriter csv)
    {
        foreach (var c in Columns) csv.WriteField(c);
        csv.NextRecord();
    }

    public static void WriteRow(CsvWriter csv, TradeRecord t, string mode)
    {
        foreach (var value in Values(t, mode)) csv.WriteField(value);
        csv.NextRecord();
    }

    /// <summary>The row as text, in column order (shared by CSV and the parity comparison).</summary>
    public static IEnumerable<string> Values(TradeRecord t, string mode)
    {
        yield return t.TradeId;
        yield return mode;
        yield return t.Segment.ToString();
        yield return t.IndexSymbol;
        yield return Number(t.IndexEntrySpot);
        yield return t.TimeInterval;
        yield return t.RsiPeriod.ToString(CultureInfo.InvariantCulture);
        yield return t.SignalType;
        yield return t.OptionSymbol;
        yield return t.OptionType.ToString();
        yield return Number(t.StrikePrice);
        yield return t.Expiry.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        yield return t.Lots.ToString(CultureInfo.InvariantCulture);
        yield return Ist.Format(t.EntryTime);
        yield return Number(t.EntryPrice);
        yield return Number(t.StopLossPoints);
        yield return Number(t.InitialSlPrice);
        yield return Number(t.TrailingStopPoints);
        yield return Ist.Format(t.ExitTime);
        yield return Number(t.ExitPrice);
        yield return t.ExitReason;
        yield return Number(t.PnlPoints);
        yield return Number(t.PnlValue);
        yield return Number(t.ReturnPct);
        yield return Number(t.IndexExitSpot);
        yield return Number(t.Charges);
        yield return Number(t.NetPnl);
        yield return t.MaxQuantity.ToString(CultureInfo.InvariantCulture);
        yield return t.PyramidAdds.ToString(CultureInfo.InvariantCulture);
        yield return Number(t.MaxFavorableExcursion);
        yield return Number(t.MaxAdverseExcursion);
    }

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
