using System.Globalization;
using CsvHelper;
using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Backtest;

namespace LiveTrader.Engine.Reports;

/// <summary>Writes a backtest's files for each segment into the output folder: trades CSV, events
/// CSV and the workbook. Everything is written to a staging folder first and moved in only when
/// every file is complete, so a failed run leaves nothing half-written.</summary>
public static class BacktestFiles
{
    public const string Mode = "BACKTEST";

    /// <summary>The files over all segments together (<see cref="WriteAllSegments"/>).</summary>
    public const string AllTrades = "backtest_trades.csv";
    public const string AllEvents = "backtest_events.csv";
    public const string AllWorkbook = "backtest.xlsx";

    public static IReadOnlyList<string> Write(string folder, IReadOnlyList<BacktestResult> results, string premiumNote) =>
        Staged(folder, staging => results.SelectMany(result =>
        {
            var segment = result.Segment.ToString();
            return WriteSet(staging, $"backtest_trades_{segment}.csv", $"backtest_events_{segment}.csv", $"backtest_{segment}.xlsx",
                result.Trades, result.Events, stream => BacktestWorkbook.Write(stream, result, Mode, premiumNote));
        }).ToList());

    /// <summary>The files a backtest writes (or stages) in its folder, by their path relative to it.</summary>
    public static bool IsRunFile(string relative) =>
        !relative.Contains('/') && (relative.StartsWith("backtest", StringComparison.Ordinal) || relative.StartsWith(".staging-", StringComparison.Ordinal)
            || relative == Runs.RunParameters.FileName);

    /// <summary>Removes an earlier run's files for the segments this run does not have, so a folder
    /// never mixes two runs' results; returns the files removed.</summary>
    public static IReadOnlyList<string> RemoveOtherSegments(string folder, IEnumerable<Segment> kept)
    {
        var keep = kept.ToHashSet();
        var removed = new List<string>();
        foreach (var segment in Segments.All.Where(s => !keep.Contains(s)))
        {
            foreach (var name in new[] { $"backtest_trades_{segment}.csv", $"backtest_events_{segment}.csv", $"backtest_{segment}.xlsx" })
            {
                var path = Path.Combine(folder, name);
                if (!File.Exists(path)) continue;
                File.Delete(path);
                removed.Add(path);
            }
        }
        return removed;
    }

    /// <summary>One trades CSV, one events CSV and one workbook over every segment of the run, rows in
    /// time order, by the same writers as the per-segment files: what the Backtest page downloads.</summary>
    public static IReadOnlyList<string> WriteAllSegments(string folder, AllSegments all, string premiumNote) =>
        Staged(folder, staging => WriteSet(staging, AllTrades, AllEvents, AllWorkbook, all.Trades, all.Events,
            stream => BacktestWorkbook.Write(stream, all.Label, all.Trades, all.Events, all.Summary, all.CandlesTraded, Mode, premiumNote)));

    private static IReadOnlyList<string> Staged(string folder, Func<string, IReadOnlyList<string>> write)
    {
        Directory.CreateDirectory(folder);
        var staging = Path.Combine(folder, $".staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var names = write(staging);
            foreach (var name in names)
                File.Move(Path.Combine(staging, name), Path.Combine(folder, name), overwrite: true);
            return names.Select(n => Path.Combine(folder, n)).ToList();
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private static string[] WriteSet(string staging, string trades, string events, string workbook,
        IReadOnlyList<TradeRecord> tradeRows, IReadOnlyList<AgentEvent> eventRows, Action<Stream> writeWorkbook)
    {
        WriteCsv(Path.Combine(staging, trades), csv =>
        {
            TradeLogCsv.WriteHeader(csv);
            foreach (var t in tradeRows) TradeLogCsv.WriteRow(csv, t, Mode);
        });
        WriteCsv(Path.Combine(staging, events), csv =>
        {
            EventLogCsv.WriteHeader(csv);
            foreach (var e in eventRows) EventLogCsv.WriteRow(csv, e, Mode);
        });
        using (var stream = File.Create(Path.Combine(staging, workbook)))
            writeWorkbook(stream);
        return [trades, events, workbook];
    }

    private static void WriteCsv(string path, Action<CsvWriter> write)
    {
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        // CsvHelper ends records with "\r\n" unless told; every LiveTrader CSV uses "\n".
        using var csv = new CsvWriter(writer, new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" });
        write(csv);
    }
}
