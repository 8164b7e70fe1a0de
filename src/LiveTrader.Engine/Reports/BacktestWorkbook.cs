using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Backtest;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using MiniExcelLibs;

namespace LiveTrader.Engine.Reports;

/// <summary>The Excel workbook of a run: sheets Trades, Events, Daily and Summary, with real date
/// cells (IST wall clock) and real number cells, so a trader can sort, filter and chart at once.</summary>
public static class BacktestWorkbook
{
    public static void Write(Stream stream, BacktestResult result, string mode, string premiumNote) =>
        Write(stream, result.Segment.ToString(), result.Trades, result.Events, result.Summary, result.CandlesTraded, mode, premiumNote);

    /// <summary>Any set of trades and events, e.g. a paper day of every segment (<paramref name="label"/> names them).</summary>
    public static void Write(Stream stream, string label, IReadOnlyList<TradeRecord> trades, IReadOnlyList<AgentEvent> events,
        PerformanceSummary summary, int candles, string mode, string note, IReadOnlyList<Journal.OrderLedgerRow>? orders = null)
    {
        var sheets = new Dictionary<string, object>
        {
            ["Trades"] = trades.Select(t => TradeRow(t, mode)).ToList(),
            ["Events"] = events.Select(e => EventRow(e, mode)).ToList(),
        };
        // A paper or live day's order ledger: every order with each of its states.
        if (orders is not null) sheets["Orders"] = orders.Select(o => OrderRow(o, mode)).ToList();
        sheets["Daily"] = summary.Days.Select(DayRow).ToList();
        sheets["Summary"] = SummaryRows(label, summary, candles, note);
        MiniExcel.SaveAs(stream, sheets, excelType: ExcelType.XLSX, configuration: Configuration);
    }

    /// <summary>Time columns carry their time of day: left to itself MiniExcel gives every DateTime
    /// the built-in date-only format (m/d/yyyy), which hides entry, exit and event times.</summary>
    private static readonly OpenXmlConfiguration Configuration = new()
    {
        DynamicColumns =
        [
            new DynamicExcelColumn("entry_time") { Format = TimeFormat },
            new DynamicExcelColumn("exit_time") { Format = TimeFormat },
            new DynamicExcelColumn("time") { Format = TimeFormat },
            new DynamicExcelColumn("expiry") { Format = DayFormat },
            new DynamicExcelColumn("date") { Format = DayFormat },
        ],
    };

    private const string TimeFormat = "yyyy-mm-dd hh:mm:ss";
    private const string DayFormat = "yyyy-mm-dd";

    private static DateTime Wall(DateTimeOffset time) => Ist.From(time).DateTime;

    private static Dictionary<string, object?> TradeRow(TradeRecord t, string mode) => new()
    {
        ["trade_id"] = t.TradeId,
        ["mode"] = mode,
        ["segment"] = t.Segment.ToString(),
        ["index_symbol"] = t.IndexSymbol,
        ["index_entry_spot"] = t.IndexEntrySpot,
        ["time_interval"] = t.TimeInterval,
        ["rsi_period"] = t.RsiPeriod,
        ["signal_type"] = t.SignalType,
        ["option_symbol"] = t.OptionSymbol,
        ["option_type"] = t.OptionType.ToString(),
        ["strike_price"] = t.StrikePrice,
        ["expiry"] = t.Expiry.ToDateTime(TimeOnly.MinValue),
        ["lots"] = t.Lots,
        ["entry_time"] = Wall(t.EntryTime),
        ["entry_price"] = t.EntryPrice,
        ["stop_loss_points"] = t.StopLossPoints,
        ["initial_sl_price"] = t.InitialSlPrice,
        ["trailing_stop_points"] = t.TrailingStopPoints,
        ["exit_time"] = Wall(t.ExitTime),
        ["exit_price"] = t.ExitPrice,
        ["exit_reason"] = t.ExitReason,
        ["pnl_points"] = t.PnlPoints,
        ["pnl_value"] = t.PnlValue,
        ["return_pct"] = t.ReturnPct,
        ["index_exit_spot"] = t.IndexExitSpot,
        ["charges"] = t.Charges,
        ["net_pnl"] = t.NetPnl,
        ["max_quantity"] = t.MaxQuantity,
        ["pyramid_adds"] = t.PyramidAdds,
        ["max_favorable_excursion"] = t.MaxFavorableExcursion,
        ["max_adverse_excursion"] = t.MaxAdverseExcursion,
    };

    private static Dictionary<string, object?> EventRow(AgentEvent e, string mode) => new()
    {
        ["time"] = Wall(e.Time),
        ["mode"] = mode,
        ["segment"] = e.Segment.ToString(),
        ["event_type"] = e.Type,
        ["message"] = e.Message,
        ["trade_id"] = e.TradeId,
        ["option_symbol"] = e.OptionSymbol,
        ["spot"] = e.Spot,
        ["price"] = e.Price,
        ["quantity"] = e.Quantity,
    };

    private static Dictionary<string, object?> OrderRow(Journal.OrderLedgerRow o, string mode)
    {
        var text = OrderLogCsv.Values(o, mode).ToArray();
        var row = new Dictionary<string, object?>();
        for (var i = 0; i < OrderLogCsv.Columns.Length; i++) row[OrderLogCsv.Columns[i]] = text[i];
        // Real time and number cells where the CSV has text.
        row["time"] = Wall(o.Time);
        row["quantity"] = o.Quantity;
        row["limit_price"] = o.LimitPrice;
        row["trigger_price"] = o.TriggerPrice;
        row["filled_quantity"] = o.FilledQuantity;
        row["average_price"] = o.FilledQuantity > 0 ? o.AveragePrice : null;
        return row;
    }

    private static Dictionary<string, object?> DayRow(DailyResult d) => new()
    {
        ["date"] = d.Day.ToDateTime(TimeOnly.MinValue),
        ["trades"] = d.Trades,
        ["wins"] = d.Wins,
        ["gross_pnl"] = d.Gross,
        ["charges"] = d.Charges,
        ["net_pnl"] = d.Net,
        ["equity"] = d.Equity,
    };

    private static List<Dictionary<string, object?>> SummaryRows(string label, PerformanceSummary s, int candles, string premiumNote)
    {
        var rows = new List<(string, object?)>
        {
            ("segment", label),
            ("candles traded", candles),
            ("trades", s.Trades),
            ("wins", s.Wins),
            ("win rate %", s.WinRatePct),
            ("gross P&L", s.GrossPnl),
            ("charges", s.Charges),
            ("net P&L", s.NetPnl),
            ("max drawdown", s.MaxDrawdown),
            ("max drawdown %", s.MaxDrawdownPct),
            ("best day", s.BestDay?.Day.ToDateTime(TimeOnly.MinValue)),
            ("best day net P&L", s.BestDay?.Net),
            ("worst day", s.WorstDay?.Day.ToDateTime(TimeOnly.MinValue)),
            ("worst day net P&L", s.WorstDay?.Net),
            ("initial capital", s.InitialCapital),
            ("return on capital %", s.ReturnOnCapitalPct),
            ("option premiums", premiumNote),
        };
        return rows.Select(r => new Dictionary<string, object?> { ["metric"] = r.Item1, ["value"] = r.Item2 }).ToList();
    }
}
