using System.Globalization;
using CsvHelper;
using LiveTrader.Engine.Backtest;

namespace LiveTrader.Engine.Reports;

/// <summary>Writes a backtest's files for each segment into the output folder: trades CSV, events
/// CSV and the workbook. Everything is written to a staging folder first and moved in only when
/// every file is complete, so a failed run leaves nothing half-written.</summary>
public static class BacktestFiles
{
    public const string Mode = "BACKTEST";

    public static IReadOnlyList<string> Write(string folder, IReadOnlyList<BacktestResult> results, string premiumNote)
    {
        Directory.CreateDirectory(folder);
        var staging = Path.Combine(folder, $".staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var names = new List<string>();
            foreach (var result in results)
            {
                var segment = result.Segment.ToString();
                var trades = $"backtest_trades_{segment}.csv";
                var events = $"backtest_events_{segment}.csv";
                var workbook = $"backtest_{segment}.xlsx";
                WriteCsv(Path.Combine(staging, trades), csv =>
                {
                    TradeLogCsv.WriteHeader(csv);
                    foreach (var t in result.Trades) TradeLogCsv.WriteRow(csv, t, Mode);
                });
                WriteCsv(Path.Combine(staging, events), csv =>
                {
                    EventLogCsv.WriteHeader(csv);
                    foreach (var e in result.Events) EventLogCsv.WriteRow(csv, e, Mode);
                });
                using (var stream = File.Create(Path.Combine(staging, workbook)))
                    BacktestWorkbook.Write(stream, result, Mode, premiumNote);
                names.AddRange([trades, events, workbook]);
            }
            foreach (var name in names)
                File.Move(Path.Combine(staging, name), Path.Combine(folder, name), overwrite: true);
            return names.Select(n => Path.Combine(folder, n)).ToList();
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private static void WriteCsv(string path, Action<CsvWriter> write)
    {
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        // CsvHelper ends records with "\r\n" unless told; every LiveTrader CSV uses "\n".
        using var csv = new CsvWriter(writer, new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" });
        write(csv);
    }
}
