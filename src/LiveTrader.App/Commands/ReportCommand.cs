using System.CommandLine;
using System.Globalization;
using LiveTrader.App.Configuration;
using LiveTrader.Core.Market;
using LiveTrader.Engine.Journal;
using LiveTrader.Engine.Performance;

namespace LiveTrader.App.Commands;

/// <summary><c>report --from DAY --to DAY [--out DIR]</c>: paper against backtest over a period
/// (<see cref="PerformanceReport"/>), from the session folder's journal, written into that folder.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var from = new Option<string?>("--from") { Description = "First day of the period (YYYY-MM-DD); default the journal's first day" };
        var to = new Option<string?>("--to") { Description = "Last day of the period (YYYY-MM-DD); default the journal's last day" };
        var output = new Option<string?>("--out") { Description = "The paper session's folder, where the report is written (default: the configuration's OutputFolder)" };
        var config = new Option<string?>("--config") { Description = "Configuration JSON overriding the defaults (the parameters the backtests run with)" };
        var command = new Command("report", "Write performance_<from>_<to>.xlsx and .csv: every paper day of the period beside its backtest, trade by trade, each difference explained")
            { from, to, output, config };
        command.SetAction(parse => CliErrors.Run(() => Run(parse.GetValue(from), parse.GetValue(to), parse.GetValue(output), parse.GetValue(config))));
        return command;
    }

    public static int Run(string? fromText, string? toText, string? folder, string? config)
    {
        var settings = SettingsLoader.Load(config);
        folder ??= settings.OutputFolder;
        var from = Day("--from", fromText);
        var to = Day("--to", toText);
        if (from is DateOnly f && to is DateOnly t && t < f) throw new UsageError($"--to: {t:yyyy-MM-dd} is before --from {f:yyyy-MM-dd}");
        if (!File.Exists(SessionJournal.PathIn(folder))) throw new UsageError($"--out: {folder} holds no paper session (no {SessionJournal.FileName})");
        IReadOnlyList<DateOnly> days;
        using (var journal = SessionJournal.Open(SessionJournal.PathIn(folder))) days = journal.Days();
        if (days.Count == 0) throw new UsageError($"--out: the journal in {folder} has no trading day yet");
        var report = PerformanceReport.Build(folder, from ?? days[0], to ?? days[^1], settings, new BacktestCache(folder));
        foreach (var leftOut in report.LeftOut) Console.Error.WriteLine($"warning: {leftOut}");
        foreach (var path in PerformanceFiles.Write(report, folder)) Console.WriteLine($"Wrote {path}");
        var account = report.AccountScope;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.Days.Count} paper day(s) {report.From:yyyy-MM-dd} to {report.To:yyyy-MM-dd}: paper {account.Paper.Trades} trades net {account.Paper.NetPnl:0.00}, backtest {account.Backtest.Trades} trades net {account.Backtest.NetPnl:0.00}, agreement {account.AgreementPct:0.##} %"));
        return CliErrors.Ok;
    }

    private static DateOnly? Day(string option, string? text)
    {
        if (text is null) return null;
        return Ist.TryParseDay(text, out var day) ? day : throw new UsageError($"{option}: '{text}' is not a date like 2026-01-07");
    }
}
