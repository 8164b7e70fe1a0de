using System.Text.Json;
using LiveTrader.App.Commands;
using LiveTrader.Engine.Runs;
using static LiveTrader.App.Commands.BacktestCommand;

namespace LiveTrader.App.Tests;

/// <summary>Every backtest writes parameters.json (its effective settings, source, days and candle
/// files by content, and their hash), and <c>backtest --parameters FILE</c> runs it again to the same trades.</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class RunParametersTests
{
    private static (int Exit, string Out, string Err) Cli(Func<int> command) => ConsoleCapture.Run(() => CliErrors.Run(command));

    private static BacktestRequest Rerun(string parameters, string output) =>
        new([], [], null, [], null, null, null, output) { Parameters = parameters };

    [Fact]
    public void A_backtest_records_its_full_parameters_and_runs_again_from_them_to_the_same_trades()
    {
        using var dir = new TempDir();
        var config = dir.File("config.json");
        File.WriteAllText(config, """{ "LiveTrader": { "Segments": { "NIFTY": { "StopLossPoints": 33 } }, "Strategy": { "RsiPeriod": 11 } } }""");
        var first = dir.File("first");
        Assert.Equal(0, Cli(() => BacktestCommand.Run(new BacktestRequest(["NIFTY"], [Repo.Nifty1], "5minute", [], "2024-08-01", "2024-08-14", config, first))).Exit);

        var file = Path.Combine(first, RunParameters.FileName);
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        var root = doc.RootElement;
        Assert.Equal(64, root.GetProperty("hash").GetString()!.Length);
        Assert.Equal("backtest", root.GetProperty("kind").GetString());
        Assert.Equal("2024-08-01", root.GetProperty("from").GetString());
        var settings = root.GetProperty("settings");
        Assert.Equal(33, settings.GetProperty("Segments").GetProperty("NIFTY").GetProperty("StopLossPoints").GetDecimal());
        Assert.Equal(11, settings.GetProperty("Strategy").GetProperty("RsiPeriod").GetInt32());
        // The command line's --interval is what the trades were made on.
        Assert.Equal("5minute", settings.GetProperty("Strategy").GetProperty("Timeframe").GetString());
        // Where the run lived and how it logs in are not parameters (and keep secrets out).
        Assert.False(settings.TryGetProperty("Kite", out _));
        Assert.False(settings.TryGetProperty("Web", out _));
        var candles = root.GetProperty("candles")[0];
        Assert.Equal(new FileInfo(Repo.Nifty1).Length, candles.GetProperty("bytes").GetInt64());
        Assert.Equal(InputFileFact.Of("NIFTY", Repo.Nifty1).Sha256, candles.GetProperty("sha256").GetString());

        var again = dir.File("again");
        var (exit, _, err) = Cli(() => BacktestCommand.Run(Rerun(file, again)));
        Assert.True(exit == 0, err);
        var trades = File.ReadAllBytes(Path.Combine(first, "backtest_trades_NIFTY.csv"));
        Assert.True(File.ReadAllLines(Path.Combine(first, "backtest_trades_NIFTY.csv")).Length > 1, "the two weeks should trade");
        Assert.Equal(trades, File.ReadAllBytes(Path.Combine(again, "backtest_trades_NIFTY.csv")));
        Assert.Equal(root.GetProperty("hash").GetString(), RunParameters.Read(Path.Combine(again, RunParameters.FileName)).Hash);

        // The same settings without the configuration file are another run: another hash.
        var plain = dir.File("plain");
        Assert.Equal(0, Cli(() => BacktestCommand.Run(new BacktestRequest(["NIFTY"], [Repo.Nifty1], "5minute", [], "2024-08-01", "2024-08-14", null, plain))).Exit);
        Assert.NotEqual(root.GetProperty("hash").GetString(), RunParameters.Read(Path.Combine(plain, RunParameters.FileName)).Hash);
    }

    [Fact]
    public void A_simulator_backtest_runs_again_from_its_parameters_with_its_seed()
    {
        using var dir = new TempDir();
        var first = dir.File("first");
        Assert.Equal(0, Cli(() => BacktestCommand.Run(new BacktestRequest(["NIFTY"], [], null, [], "2026-11-02", "2026-11-06", null, first) { Source = "sim", Seed = 7 })).Exit);
        var recorded = RunParameters.Read(Path.Combine(first, RunParameters.FileName));
        Assert.Equal(("sim", 7UL), (recorded.Source, recorded.Seed!.Value));

        var again = dir.File("again");
        var (exit, _, err) = Cli(() => BacktestCommand.Run(Rerun(Path.Combine(first, RunParameters.FileName), again)));
        Assert.True(exit == 0, err);
        Assert.Equal(File.ReadAllBytes(Path.Combine(first, "backtest_trades_NIFTY.csv")), File.ReadAllBytes(Path.Combine(again, "backtest_trades_NIFTY.csv")));
    }

    [Fact]
    public void A_changed_candle_file_an_edited_file_or_other_options_are_refused_by_name()
    {
        using var dir = new TempDir();
        var candles = dir.File("NIFTY_5minute.csv");
        File.Copy(Repo.NiftyYear5, candles);
        var first = dir.File("first");
        Assert.Equal(0, Cli(() => BacktestCommand.Run(new BacktestRequest(["NIFTY"], [candles], null, [], "2025-03-03", "2025-03-07", null, first))).Exit);
        var file = Path.Combine(first, RunParameters.FileName);

        var (exit, _, err) = Cli(() => BacktestCommand.Run(Rerun(file, dir.File("x")) with { Segments = ["NIFTY"] }));
        Assert.Equal(CliErrors.BadInput, exit);
        Assert.Contains("--parameters", err);

        var edited = dir.File("edited.json");
        File.WriteAllText(edited, File.ReadAllText(file).Replace("\"RsiPeriod\": 9", "\"RsiPeriod\": 10", StringComparison.Ordinal));
        (exit, _, err) = Cli(() => BacktestCommand.Run(Rerun(edited, dir.File("y"))));
        Assert.Equal(CliErrors.BadInput, exit);
        Assert.Contains("edited after the run", err);

        File.AppendAllText(candles, "2025-07-28 09:15:00+05:30,1,2,0.5,1.5,0\n");
        (exit, _, err) = Cli(() => BacktestCommand.Run(Rerun(file, dir.File("z"))));
        Assert.Equal(CliErrors.BadInput, exit);
        Assert.StartsWith("error: ", err);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Contains("NIFTY_5minute.csv changed since the run", err);
        Assert.False(Directory.Exists(dir.File("z")));
    }

    [Fact]
    public void A_replay_of_recordings_records_them_by_content_and_a_changed_recording_is_refused_by_name()
    {
        using var dir = new TempDir();
        var recording = Hostile.BrokenSessionFiles.Recording(dir.Path, Hostile.BrokenSessionFiles.Day);
        var first = dir.File("first");
        var (exit, _, err) = Cli(() => BacktestCommand.Run(new BacktestRequest([], [], null, [], null, null, null, first) { Ticks = [recording] }));
        Assert.True(exit == 0, err);
        var file = Path.Combine(first, RunParameters.FileName);
        var recorded = RunParameters.Read(file);
        Assert.Equal((BacktestSources.Ticks, "NIFTY"), (recorded.Source, Assert.Single(recorded.Recordings).Segment));
        Assert.Equal(InputFileFact.Of("NIFTY", recording), recorded.Recordings[0]);

        var again = dir.File("again");
        (exit, _, err) = Cli(() => BacktestCommand.Run(Rerun(file, again)));
        Assert.True(exit == 0, err);
        Assert.Equal(File.ReadAllBytes(Path.Combine(first, "backtest_events_NIFTY.csv")), File.ReadAllBytes(Path.Combine(again, "backtest_events_NIFTY.csv")));
        Assert.Equal(recorded.Hash, RunParameters.Read(Path.Combine(again, RunParameters.FileName)).Hash);

        File.AppendAllText(recording, File.ReadLines(recording).Last() + "\n");
        (exit, _, err) = Cli(() => BacktestCommand.Run(Rerun(file, dir.File("z"))));
        Assert.Equal(CliErrors.BadInput, exit);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Contains($"{recording} changed since the run", err);
        Assert.Contains("recordings", err);
        Assert.False(Directory.Exists(dir.File("z")));
    }
}
