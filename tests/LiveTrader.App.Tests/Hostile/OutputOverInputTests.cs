using LiveTrader.App.Commands;
using static LiveTrader.App.Commands.BacktestCommand;

namespace LiveTrader.App.Tests.Hostile;

/// <summary>Class 1 of issue 12: an output that is, or is inside, an input is refused before
/// anything is written (<see cref="OutputGuard"/>, checked by every command that writes), and a
/// backtest folder never mixes two runs.</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class OutputOverInputTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static (int Exit, string Out, string Err) Cli(Func<int> command) => ConsoleCapture.Run(() => CliErrors.Run(command));

    [Fact]
    public void Signals_out_onto_its_own_candle_file_is_refused_and_the_file_is_untouched()
    {
        var candles = _temp.File("f.csv", HostileFiles.Candles());
        var before = HostileFiles.Snapshot(_temp.Path);

        var (exit, _, err) = Cli(() => SignalsCommand.Run(candles, null, null, candles));

        Assert.Equal(CliErrors.BadInput, exit);
        Assert.Contains("--out: " + candles + " is the --candles input", HostileFiles.OneErrorLine(err));
        HostileFiles.AssertUnchanged(before, _temp.Path);
    }

    [Fact]
    public void Signals_out_through_a_symbolic_link_to_the_candle_file_is_refused()
    {
        var candles = _temp.File("f.csv", HostileFiles.Candles());
        var link = _temp.Combine("link.csv");
        File.CreateSymbolicLink(link, candles);
        var before = File.ReadAllBytes(candles);

        var (exit, _, err) = Cli(() => SignalsCommand.Run(candles, null, null, link));

        Assert.Equal(CliErrors.BadInput, exit);
        Assert.Contains("is the --candles input", HostileFiles.OneErrorLine(err));
        Assert.Equal(before, File.ReadAllBytes(candles));
        Assert.NotNull(new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void Signals_out_onto_the_configuration_file_is_refused()
    {
        var candles = _temp.File("f.csv", HostileFiles.Candles());
        var config = _temp.File("c.json", "{ \"LiveTrader\": { \"InitialCapital\": 200000 } }");
        var before = HostileFiles.Snapshot(_temp.Path);

        var (exit, _, err) = Cli(() => SignalsCommand.Run(candles, null, config, config));

        Assert.Equal(CliErrors.BadInput, exit);
        Assert.Contains("is the --config input", HostileFiles.OneErrorLine(err));
        HostileFiles.AssertUnchanged(before, _temp.Path);
    }

    [Fact]
    public void Backtest_into_a_folder_holding_its_input_under_a_result_name_is_refused()
    {
        var folder = _temp.Combine("out");
        Directory.CreateDirectory(folder);
        var candles = Path.Combine(folder, "backtest_trades_NIFTY.csv");
        File.WriteAllText(candles, HostileFiles.Candles());
        var before = HostileFiles.Snapshot(_temp.Path);

        var (exit, _, err) = Cli(() => BacktestCommand.Run(new BacktestRequest(["NIFTY"], [candles], null, [], null, null, null, folder)));

        Assert.Equal(CliErrors.BadInput, exit);
        Assert.Contains("--out: the run would write over the --candles input", HostileFiles.OneErrorLine(err));
        HostileFiles.AssertUnchanged(before, _temp.Path);
    }

    [Fact]
    public void Backtest_out_naming_the_candle_file_itself_is_refused()
    {
        var candles = _temp.File("NIFTY.csv", HostileFiles.Candles());
        var before = HostileFiles.Snapshot(_temp.Path);

        var (exit, _, err) = Cli(() => BacktestCommand.Run(new BacktestRequest(["NIFTY"], [candles], null, [], null, null, null, candles)));

        Assert.Equal(CliErrors.BadInput, exit);
        Assert.Contains("is the --candles input", HostileFiles.OneErrorLine(err));
        HostileFiles.AssertUnchanged(before, _temp.Path);
    }

    [Fact]
    public void Paper_out_inside_the_recordings_it_replays_is_refused_before_any_journal_is_made()
    {
        var recordings = _temp.Combine("recordings");
        Directory.CreateDirectory(recordings);
        File.WriteAllText(Path.Combine(recordings, "ticks_NIFTY_2026-01-07.jsonl"), "{}\n");
        var before = HostileFiles.Snapshot(_temp.Path);
        var inside = Path.Combine(recordings, "rerun");

        var (exit, _, err) = ConsoleCapture.Run(() => CliErrors.RunAsync(() => PaperCommand.RunAsync(new PaperCommand.PaperRequest(
            "recording", null, [], null, 60, 1, null, inside, null, TimeSpan.FromSeconds(5)) { Recordings = recordings }, CancellationToken.None))
            .GetAwaiter().GetResult());

        Assert.Equal(CliErrors.BadInput, exit);
        Assert.Contains("lies inside the --recordings input", HostileFiles.OneErrorLine(err));
        Assert.False(Directory.Exists(inside));
        HostileFiles.AssertUnchanged(before, _temp.Path);
    }

    [Fact]
    public void Paper_replaying_a_file_the_session_would_write_in_its_folder_is_refused()
    {
        var folder = _temp.Combine("session");
        Directory.CreateDirectory(folder);
        var replay = Path.Combine(folder, "live_trades_2026-01-07.csv");
        File.WriteAllText(replay, HostileFiles.Candles());
        var before = HostileFiles.Snapshot(_temp.Path);

        var (exit, _, err) = ConsoleCapture.Run(() => CliErrors.RunAsync(() => PaperCommand.RunAsync(new PaperCommand.PaperRequest(
            "sim", null, [replay], null, 60, 1, null, folder, null, TimeSpan.FromSeconds(5)), CancellationToken.None))
            .GetAwaiter().GetResult());

        Assert.Equal(CliErrors.BadInput, exit);
        Assert.Contains("would write over the --replay input", HostileFiles.OneErrorLine(err));
        HostileFiles.AssertUnchanged(before, _temp.Path);
    }

    [Fact]
    public void A_backtest_folder_never_mixes_two_runs()
    {
        var nifty = _temp.File("NIFTY.csv", HostileFiles.Candles());
        var bank = _temp.File("BANKNIFTY.csv", HostileFiles.Candles(level: 51000m));
        var folder = _temp.Combine("out");
        Assert.Equal(0, Cli(() => BacktestCommand.Run(new BacktestRequest(["NIFTY", "BANKNIFTY"], [nifty, bank], null, [], null, null, null, folder))).Exit);
        Assert.True(File.Exists(Path.Combine(folder, "backtest_trades_BANKNIFTY.csv")));

        var (exit, _, err) = Cli(() => BacktestCommand.Run(new BacktestRequest(["NIFTY"], [nifty], null, [], null, null, null, folder)));

        Assert.Equal(0, exit);
        Assert.Equal(["backtest_NIFTY.xlsx", "backtest_events_NIFTY.csv", "backtest_trades_NIFTY.csv", "parameters.json"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("warning: removed", err);
        Assert.Contains("backtest_trades_BANKNIFTY.csv", err);
    }

    [Fact]
    public void End_to_end_signals_onto_its_input_exits_2_with_one_error_line()
    {
        var candles = _temp.File("f.csv", HostileFiles.Candles());
        var before = HostileFiles.Snapshot(_temp.Path);

        var (exit, _, err) = AppProcess.Run(_temp.Path, null, "signals", "--candles", "f.csv", "--out", "./f.csv");

        Assert.Equal(2, exit);
        Assert.Contains("is the --candles input", HostileFiles.OneErrorLine(err));
        HostileFiles.AssertUnchanged(before, _temp.Path);
    }
}
