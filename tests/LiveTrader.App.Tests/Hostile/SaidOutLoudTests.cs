using System.Net.Http.Json;
using System.Text.Json;
using LiveTrader.App.Tests.Web;

namespace LiveTrader.App.Tests.Hostile;

/// <summary>Class 9 of issue 12: a file whose name says another segment, or whose candles sit off the
/// timeframe's grid, is run but said out loud (<see cref="LiveTrader.Engine.Data.CandleSeries.Warnings"/>)
/// on the console and in the Backtest page's list of files.</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class SaidOutLoudTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A 5-minute day whose last candle starts at 14:13 instead of 14:10.</summary>
    private static string OffGridDay() => HostileFiles.Candles().Replace("T14:10:00+05:30", "T14:13:00+05:30", StringComparison.Ordinal);

    [Fact]
    public void The_backtest_command_warns_of_a_file_named_for_another_segment_and_of_candles_off_the_grid()
    {
        var candles = _temp.File("BANKNIFTY_5minute_day.csv", OffGridDay());
        var outFolder = _temp.Combine("out");

        var (exit, _, err) = AppProcess.Run(_temp.Path, null, "backtest", "--segment", "NIFTY", "--candles", candles, "--out", outFolder);

        Assert.Equal(0, exit);
        var warnings = err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("warning: ", StringComparison.Ordinal)).ToList();
        Assert.Contains($"warning: {candles}: 1 candles start off the 5minute grid from 09:15 IST", warnings);
        Assert.Contains($"warning: {candles}: the file's name says BANKNIFTY, but it is run as NIFTY", warnings);
        Assert.DoesNotContain("error:", err);
    }

    [Fact]
    public void A_file_in_years_the_expiry_calendar_does_not_know_is_run_with_a_warning_that_says_so()
    {
        var candles = _temp.File("NIFTY_5minute_2023.csv", HostileFiles.Candles("2023-07-26"));
        var (exit, _, err) = AppProcess.Run(_temp.Path, null, "backtest", "--segment", "NIFTY", "--candles", candles, "--out", _temp.Combine("out"));

        Assert.Equal(0, exit);
        var warning = Assert.Single(err.Split('\n'), l => l.StartsWith("warning: ", StringComparison.Ordinal));
        Assert.Equal($"warning: {candles}: candles in 2023, outside the expiry calendar's known years (2024-2026): "
            + "their exchange holidays are not known, so option expiries and trading days there count only weekends as closed", warning);
    }

    [Fact]
    public void The_signals_and_sweep_commands_warn_as_the_backtest_does()
    {
        var candles = _temp.File("BANKNIFTY_5minute_day.csv", OffGridDay());
        var offGrid = $"warning: {candles}: 1 candles start off the 5minute grid from 09:15 IST";

        var signals = AppProcess.Run(_temp.Path, null, "signals", "--candles", candles, "--out", _temp.Combine("signals.csv"));
        var sweep = AppProcess.Run(_temp.Path, null, "sweep", "--segment", "NIFTY", "--candles", candles,
            "--vary", "Strategy.RsiPeriod=9,14", "--out", _temp.Combine("sweep"));

        Assert.True(signals.Exit == 0, signals.Err);
        Assert.Contains(offGrid, signals.Err.Split('\n'));
        Assert.True(sweep.Exit == 0, sweep.Err);
        Assert.Contains(offGrid, sweep.Err.Split('\n'));
        Assert.Contains($"warning: {candles}: the file's name says BANKNIFTY, but it is run as NIFTY", sweep.Err.Split('\n'));
    }

    [Fact]
    public void The_simulator_warns_of_a_replayed_file_in_years_the_expiry_calendar_does_not_know()
    {
        var text = new System.Text.StringBuilder(HostileFiles.Header).Append('\n');
        for (var m = 15; m < 45; m++) text.Append(System.Globalization.CultureInfo.InvariantCulture, $"2023-07-26T09:{m}:00+05:30,100,101,99,100.5,10\n");
        var candles = _temp.File("NIFTY_minute_2023.csv", text.ToString());

        var (_, _, err) = ConsoleCapture.Run(() => { LiveTrader.App.Commands.SimCommand.Options(0, [candles], 60, 1, "2023-07-26"); return 0; });

        Assert.StartsWith($"warning: {candles}: candles in 2023, outside the expiry calendar's known years", err);
    }

    [Fact]
    public async Task A_backtest_run_from_the_page_carries_its_files_warnings_in_its_note()
    {
        var data = _temp.Combine("data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "NIFTY_5minute_offgrid.csv"), OffGridDay());
        await using var host = BacktestApiTests.Host(data);

        var id = await BacktestApiTests.Start(host, new { segments = new[] { "NIFTY" }, files = new { NIFTY = "NIFTY_5minute_offgrid.csv" } });
        var run = await BacktestApiTests.WaitForEnd(host, id);

        Assert.True(run.GetProperty("state").GetString() == "done", run.ToString());
        Assert.EndsWith(" Warning: NIFTY_5minute_offgrid.csv: 1 candles start off the 5minute grid from 09:15 IST", run.GetProperty("note").GetString());
    }

    [Fact]
    public async Task The_backtest_pages_list_carries_the_files_warnings()
    {
        var data = _temp.Combine("data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "NIFTY_5minute_offgrid.csv"), OffGridDay());
        File.WriteAllText(Path.Combine(data, "NIFTY_5minute_clean.csv"), HostileFiles.Candles());
        await using var host = BacktestApiTests.Host(data);

        var sources = await host.Client.GetFromJsonAsync<JsonElement>("/api/backtest/sources");
        var files = sources.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("warnings"));

        Assert.Equal(["NIFTY_5minute_offgrid.csv: 1 candles start off the 5minute grid from 09:15 IST"], files["NIFTY_5minute_offgrid.csv"].EnumerateArray().Select(w => w.GetString()));
        Assert.Empty(files["NIFTY_5minute_clean.csv"].EnumerateArray());
    }
}

/// <summary>Class 9: a range inside the data that holds no trading day is said, not run to "0 trades".</summary>
public sealed class RangeWithoutTradingDayTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_weekend_between_two_trading_days_is_refused_by_the_command_and_the_page_and_nothing_is_written()
    {
        var data = _temp.Combine("data");
        Directory.CreateDirectory(data);
        // Friday 26 and Monday 29 July 2024: the 27th and 28th are a weekend.
        var candles = Path.Combine(data, "NIFTY_5minute_two_days.csv");
        File.WriteAllText(candles, HostileFiles.Candles("2024-07-26") + string.Join('\n', HostileFiles.Candles("2024-07-29").Split('\n').Skip(1)));
        var outFolder = _temp.Combine("out");
        const string problem = "no trading day from 2024-07-27 to 2024-07-28: the candles hold none in that range (a weekend, a holiday or a gap?)";

        var (exit, _, err) = AppProcess.Run(_temp.Path, null, "backtest", "--segment", "NIFTY", "--candles", candles, "--from", "2024-07-27", "--to", "2024-07-28", "--out", outFolder);
        await using var host = BacktestApiTests.Host(data);
        var response = await host.Post("/api/backtest/start", new { segments = new[] { "NIFTY" }, files = new { NIFTY = "NIFTY_5minute_two_days.csv" }, from = "2024-07-27", to = "2024-07-28" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(2, exit);
        Assert.Equal($"error: {candles}: {problem}", HostileFiles.OneErrorLine(err));
        Assert.False(Directory.Exists(outFolder));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"NIFTY_5minute_two_days.csv: {problem}", body.GetProperty("errors").GetProperty("files.NIFTY").GetString());
        Assert.False(Directory.Exists(Path.Combine(host.Settings.OutputFolder, "backtests")));
    }
}
