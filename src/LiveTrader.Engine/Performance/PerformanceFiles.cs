using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using LiveTrader.Core.Market;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace LiveTrader.Engine.Performance;

/// <summary>The report's files: <c>performance_&lt;from&gt;_&lt;to&gt;.xlsx</c> (sheets Summary, Days,
/// Trades, Causes, Equity, with real date and number cells), <c>performance_&lt;from&gt;_&lt;to&gt;.csv</c>
/// (the per-day table) and <c>performance_&lt;from&gt;_&lt;to&gt;_trades.csv</c> (every pair with its
/// explanation). Each is written whole or not at all.</summary>
public static class PerformanceFiles
{
    public static IReadOnlyList<string> Write(PerformanceReport report, string folder)
    {
        Directory.CreateDirectory(folder);
        var stem = Path.Combine(folder, PerformanceReport.FileStem(report.From, report.To));
        var days = DayRows(report);
        var trades = TradeRows(report);
        var sheets = new Dictionary<string, object>
        {
            ["Summary"] = SummaryRows(report),
            ["Days"] = days,
            ["Trades"] = trades,
            ["Causes"] = report.Causes.Select(c => new Dictionary<string, object?> { ["cause"] = c.Cause, ["pairs"] = c.Pairs, ["amount"] = c.Amount }).ToList(),
            ["Equity"] = EquityRows(report),
        };
        Data.AtomicFile.Write(stem + ".xlsx", s => MiniExcel.SaveAs(s, sheets, excelType: ExcelType.XLSX, configuration: Excel));
        Data.AtomicFile.WriteText(stem + ".csv", w => Csv(w, days));
        Data.AtomicFile.WriteText(stem + "_trades.csv", w => Csv(w, trades));
        return [stem + ".xlsx", stem + ".csv", stem + "_trades.csv"];
    }

    private static readonly OpenXmlConfiguration Excel = new()
    {
        DynamicColumns =
        [
            new DynamicExcelColumn("date") { Format = "yyyy-mm-dd" },
            new DynamicExcelColumn("entry_candle") { Format = "yyyy-mm-dd hh:mm:ss" },
            new DynamicExcelColumn("time") { Format = "yyyy-mm-dd hh:mm:ss" },
        ],
    };

    private static DateTime Wall(DateTimeOffset time) => Ist.From(time).DateTime;

    public static List<Dictionary<string, object?>> DayRows(PerformanceReport r) => r.DayRows.Select(d => new Dictionary<string, object?>
    {
        ["date"] = d.Day.ToDateTime(TimeOnly.MinValue),
        ["scope"] = d.Scope,
        ["paper_trades"] = d.PaperTrades,
        ["paper_net"] = d.PaperNet,
        ["backtest_trades"] = d.BacktestTrades,
        ["backtest_net"] = d.BacktestNet,
        ["difference"] = d.Difference,
        ["agreed"] = d.Agreed,
        ["pairs"] = d.Pairs,
        ["agreement_pct"] = d.AgreementPct,
        ["main_cause"] = d.MainCause,
    }).ToList();

    public static List<Dictionary<string, object?>> TradeRows(PerformanceReport r) => r.Pairs.Select(p => new Dictionary<string, object?>
    {
        ["date"] = p.Day.ToDateTime(TimeOnly.MinValue),
        ["segment"] = p.Segment.ToString(),
        ["entry_candle"] = Wall(p.EntryCandleClose),
        ["direction"] = p.Direction.ToString(),
        ["paper_trade"] = p.Paper?.TradeId,
        ["paper_entry"] = p.Paper?.EntryPrice,
        ["paper_exit"] = p.Paper?.ExitPrice,
        ["paper_exit_reason"] = p.Paper?.ExitReason,
        ["paper_net"] = p.Paper?.NetPnl,
        ["backtest_trade"] = p.Backtest?.TradeId,
        ["backtest_entry"] = p.Backtest?.EntryPrice,
        ["backtest_exit"] = p.Backtest?.ExitPrice,
        ["backtest_exit_reason"] = p.Backtest?.ExitReason,
        ["backtest_net"] = p.Backtest?.NetPnl,
        ["difference"] = p.NetDifference,
        ["main_cause"] = p.MainCause,
        ["explanation"] = string.Join("; ", p.Differences.Select(d => $"{d.Cause} {d.Amount.ToString("0.00", CultureInfo.InvariantCulture)}: {d.Detail}")),
    }).ToList();

    private static List<Dictionary<string, object?>> SummaryRows(PerformanceReport r)
    {
        var rows = new List<Dictionary<string, object?>>();
        foreach (var s in r.Scopes)
        {
            foreach (var (metric, paper, backtest) in new (string, object?, object?)[]
            {
                ("trades", s.Paper.Trades, s.Backtest.Trades),
                ("win rate %", s.Paper.WinRatePct, s.Backtest.WinRatePct),
                ("net after charges", s.Paper.NetPnl, s.Backtest.NetPnl),
                ("charges", s.Paper.Charges, s.Backtest.Charges),
                ("max drawdown", s.Paper.MaxDrawdown, s.Backtest.MaxDrawdown),
                ("profit factor", s.Paper.ProfitFactor, s.Backtest.ProfitFactor),
                ("return on capital %", s.Paper.ReturnOnCapitalPct, s.Backtest.ReturnOnCapitalPct),
                ("agreement %", s.AgreementPct, s.AgreementPct),
            })
                rows.Add(new Dictionary<string, object?> { ["scope"] = s.Scope, ["metric"] = metric, ["paper"] = paper, ["backtest"] = backtest });
        }
        rows.Add(new Dictionary<string, object?> { ["scope"] = "", ["metric"] = "days", ["paper"] = r.Days.Count, ["backtest"] = r.Days.Count });
        rows.Add(new Dictionary<string, object?> { ["scope"] = "", ["metric"] = "note", ["paper"] = r.Note, ["backtest"] = null });
        return rows;
    }

    private static List<Dictionary<string, object?>> EquityRows(PerformanceReport r) =>
        r.Scopes.SelectMany(s =>
            s.PaperEquity.Select(p => (s.Scope, Side: "PAPER", p)).Concat(s.BacktestEquity.Select(p => (s.Scope, Side: "BACKTEST", p))))
        .Select(x => new Dictionary<string, object?>
        {
            ["scope"] = x.Scope, ["side"] = x.Side, ["time"] = Wall(x.p.Time), ["net"] = x.p.Net, ["drawdown"] = x.p.Drawdown,
        }).ToList();

    private static void Csv(TextWriter writer, List<Dictionary<string, object?>> rows)
    {
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }, leaveOpen: true);
        if (rows.Count == 0)
        {
            csv.WriteField("no paper day in the range");
            csv.NextRecord();
            return;
        }
        foreach (var key in rows[0].Keys) csv.WriteField(key);
        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var value in row.Values)
                csv.WriteField(value switch
                {
                    null => "",
                    DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    decimal d => d.ToString("0.####", CultureInfo.InvariantCulture),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => value.ToString(),
                });
            csv.NextRecord();
        }
    }
}
