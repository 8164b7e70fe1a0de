using System.Globalization;
using LiveTrader.Engine.Data;
using MiniExcelLibs;

namespace LiveTrader.App.Commands;

/// <summary><c>DIR/sweep_results.xlsx</c>: the results CSV as a sheet of real numbers, so a trader can
/// sort and filter it in Excel without importing text.</summary>
public static class SweepWorkbook
{
    public const string FileName = "sweep_results.xlsx";

    public static string Write(string dir, IReadOnlyList<string> axes, IEnumerable<SweepCommand.SweepRow> rows)
    {
        var sheet = rows.Select(r =>
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < axes.Count; i++) row[axes[i]] = Cell(r.Point.Values[i]);
            var m = r.Metrics;
            row["trades"] = m.Trades;
            row["win_rate"] = m.WinRate;
            row["net_pnl"] = m.NetPnl;
            row["max_drawdown"] = m.MaxDrawdown;
            row["profit_factor"] = m.ProfitFactor;
            row["return_pct"] = m.ReturnPct;
            row["daily_sharpe"] = m.DailySharpe;
            row["param_hash"] = r.Point.Hash;
            row["run_hash"] = r.RunHash;
            return row;
        }).ToList();
        var path = Path.Combine(dir, FileName);
        AtomicFile.Write(path, stream => stream.SaveAs(sheet, sheetName: "Results", excelType: ExcelType.XLSX));
        return path;
    }

    /// <summary>A varied value is a number when it reads as one (stops, periods), else text (a timeframe, a source).</summary>
    private static object Cell(string value) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number : value;
}
