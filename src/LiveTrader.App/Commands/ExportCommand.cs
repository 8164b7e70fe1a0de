using System.CommandLine;
using LiveTrader.Core.Market;
using LiveTrader.App.Configuration;
using LiveTrader.Engine.Journal;
using LiveTrader.Engine.Session;

namespace LiveTrader.App.Commands;

/// <summary><c>export [--day DATE] [--out DIR]</c>: the Excel workbook of a paper day, from its journal.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var day = new Option<string?>("--day") { Description = "Trading day to export (YYYY-MM-DD); default the latest day in the journal" };
        var output = new Option<string?>("--out") { Description = "The paper session's folder (default: the configuration's OutputFolder)" };
        var config = new Option<string?>("--config") { Description = "Configuration JSON overriding the defaults" };
        var command = new Command("export", "Write the Excel workbook (Trades, Events, Daily, Summary) of a paper day") { day, output, config };
        command.SetAction(parse => CliErrors.Run(() => Run(parse.GetValue(day), parse.GetValue(output), parse.GetValue(config))));
        return command;
    }

    public static int Run(string? dayText, string? folder, string? config)
    {
        var settings = SettingsLoader.Load(config);
        folder ??= settings.OutputFolder;
        var journalPath = SessionJournal.PathIn(folder);
        if (!File.Exists(journalPath)) throw new UsageError($"--out: {folder} holds no paper session (no {SessionJournal.FileName})");
        DateOnly? day = null;
        if (dayText is not null)
        {
            if (!Ist.TryParseDay(dayText, out var d))
                throw new UsageError($"--day: '{dayText}' is not a date like 2026-01-07");
            day = d;
        }
        using var journal = SessionJournal.Open(journalPath);
        day ??= DayWorkbook.LatestDay(journal) ?? throw new UsageError($"--out: the journal in {folder} has no trading day yet");
        if (!journal.Days().Contains(day.Value)) throw new UsageError($"--day: the journal in {folder} has nothing for {day:yyyy-MM-dd}");
        OutputGuard.File("--out", Path.Combine(folder, DayWorkbook.FileName(day.Value)), [new("--config", config)]);
        var path = DayWorkbook.Write(journal, day.Value, folder, settings.InitialCapital, PaperSession.PaperMode);
        Console.WriteLine($"Wrote {path}");
        return CliErrors.Ok;
    }
}
