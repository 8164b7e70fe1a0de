using LiveTrader.App.Commands;
using LiveTrader.App.Configuration;
using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Archive;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Data;
using LiveTrader.Engine.Feeds;
using LiveTrader.Kite.Auth;
using LiveTrader.Kite.Historical;
using LiveTrader.Kite.Rest;
using LiveTrader.Sim;

namespace LiveTrader.App.Tests;

/// <summary>The candle archive against the simulator: two years in one run, a stopped run resumed to
/// the same bytes, and the archive trading as the simulator's own history does.</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class HistoryCommandTests
{
    private static readonly DateOnly SimDay = new(2026, 12, 1);
    private const uint NiftyToken = 256265, BankNiftyToken = 260105;

    [Fact]
    public async Task A_two_year_minute_archive_in_one_run_passes_backtest_and_trades_as_the_simulators_own_history()
    {
        using var dir = new TempDir();
        var from = SimDay.AddDays(-730);
        var code = await HistoryCommand.RunAsync(new HistoryCommand.HistoryRequest("sim", "NIFTY", "minute",
            $"{from:yyyy-MM-dd}", null, dir.Path, 1, $"{SimDay:yyyy-MM-dd}", null), CancellationToken.None);
        Assert.Equal(CliErrors.Ok, code);

        var file = dir.File("NIFTY_minute.csv");
        var series = CandleCsvReader.Read(file);
        Assert.Equal(Timeframe.OneMinute, series.Timeframe);
        Assert.Equal(0, series.DroppedOutsideHours);
        var days = series.Candles.Select(c => Ist.DayOf(c.Start)).Distinct().ToList();
        Assert.True(days.Count > 480, $"two years of sessions expected, got {days.Count}");
        Assert.Equal(days.Count * 375, series.Candles.Count);
        Assert.Equal(SimDay.AddDays(-1), days[^1]);
        Assert.True(File.Exists(Path.Combine(dir.Path, "instruments", $"instruments_{SimDay:yyyy-MM-dd}.csv")));

        // The archive through the backtest command, and beside it the same months served by the simulator.
        var tradeFrom = SimDay.AddDays(-90);
        var tradeTo = SimDay.AddDays(-1);
        using var outDir = new TempDir();
        Assert.Equal(CliErrors.Ok, BacktestCommand.Run(new BacktestCommand.BacktestRequest(["NIFTY"], [file], null, [],
            $"{tradeFrom:yyyy-MM-dd}", $"{tradeTo:yyyy-MM-dd}", null, outDir.Path)));
        Assert.True(File.Exists(outDir.File("backtest_trades_NIFTY.csv")));

        var settings = SettingsLoader.Load(null);
        var warmFrom = Ist.At(tradeFrom.AddDays(-30), TimeOnly.MinValue);
        var (archived, _) = CandleInput.ToTimeframe(series, Timeframe.FiveMinutes);
        var fromArchive = BacktestSession.Run(BacktestInputs.FromCandles(Segment.NIFTY, file,
            archived.Where(c => c.Start >= warmFrom).ToList(), null, tradeFrom, tradeTo), settings);

        await using var sim = await SimServer.StartAsync(new SimOptions { Port = 0, Seed = 1, Date = SimDay });
        using var rest = Client(sim);
        var served = await KiteCandles.FetchAsync(rest, NiftyToken, Timeframe.FiveMinutes, warmFrom, Ist.At(tradeTo, new TimeOnly(23, 59)), CancellationToken.None);
        var direct = BacktestSession.Run(BacktestInputs.FromCandles(Segment.NIFTY, "simulator", served, null, tradeFrom, tradeTo), settings);

        Assert.NotEmpty(direct.Trades);
        Assert.Equal(direct.Trades.Select(Key), fromArchive.Trades.Select(Key));
        Assert.Equal(direct.Summary.NetPnl, fromArchive.Summary.NetPnl);
    }

    [Fact]
    public async Task A_run_cancelled_midway_resumes_to_the_bytes_of_a_run_that_never_stopped()
    {
        using var whole = new TempDir();
        using var stopped = new TempDir();
        await using var sim = await FastSim();
        using var rest = Client(sim);

        await HistoryDownload.RunAsync(rest, Plan(whole.Path), null, CancellationToken.None);

        using var cancel = new CancellationTokenSource();
        var steps = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => HistoryDownload.RunAsync(rest, Plan(stopped.Path),
            step => { if (++steps == 2) cancel.Cancel(); }, cancel.Token));
        var partial = CandleCsvReader.Read(Path.Combine(stopped.Path, "NIFTY_minute.csv"));
        Assert.True(partial.Candles.Count < CandleCsvReader.Read(Path.Combine(whole.Path, "NIFTY_minute.csv")).Candles.Count);
        Assert.False(File.Exists(Path.Combine(stopped.Path, "BANKNIFTY_minute.csv")));

        var resumed = await HistoryDownload.RunAsync(rest, Plan(stopped.Path), null, CancellationToken.None);
        Assert.All(resumed, o => Assert.True(o.Added > 0));
        AssertSameArchives(whole.Path, stopped.Path);

        // A third run finds nothing missing and asks for nothing.
        var again = await HistoryDownload.RunAsync(rest, Plan(stopped.Path), null, CancellationToken.None);
        Assert.All(again, o => Assert.Equal((0, 0), (o.Added, o.Requests)));
        AssertSameArchives(whole.Path, stopped.Path);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task A_burst_of_failures_beyond_the_retries_stops_the_run_and_the_resume_matches_an_uninterrupted_one(int status)
    {
        using var whole = new TempDir();
        using var failed = new TempDir();
        await using var sim = await FastSim();
        using var rest = Client(sim);
        await HistoryDownload.RunAsync(rest, Plan(whole.Path), null, CancellationToken.None);

        // After the first answer every request fails, more times than the client retries.
        var steps = 0;
        var error = await Assert.ThrowsAnyAsync<KiteException>(() => HistoryDownload.RunAsync(rest, Plan(failed.Path),
            step => { if (++steps == 1) sim.Faults.FailRequests(50, status); }, CancellationToken.None));
        Assert.Equal(status, (int)error.StatusCode);
        var kept = File.ReadAllBytes(Path.Combine(failed.Path, "NIFTY_minute.csv"));
        Assert.True(kept.Length < File.ReadAllBytes(Path.Combine(whole.Path, "NIFTY_minute.csv")).Length);
        Assert.Empty(Directory.EnumerateFiles(failed.Path, "*.tmp"));

        // A burst the retries absorb does not stop the resumed run.
        sim.Faults.FailRequests(2, status);
        await HistoryDownload.RunAsync(rest, Plan(failed.Path), null, CancellationToken.None);
        Assert.Equal(0, sim.Faults.PendingRequestFailures);
        AssertSameArchives(whole.Path, failed.Path);
    }

    [Fact]
    public async Task An_archive_from_another_simulator_day_or_a_range_reaching_its_day_is_refused_with_nothing_written()
    {
        using var dir = new TempDir();
        var past = SimDay.AddDays(-10);
        var reaching = await Assert.ThrowsAsync<UsageError>(() => HistoryCommand.RunAsync(new HistoryCommand.HistoryRequest("sim", "NIFTY", "5minute",
            $"{past:yyyy-MM-dd}", $"{SimDay:yyyy-MM-dd}", dir.Path, 1, $"{SimDay:yyyy-MM-dd}", null), CancellationToken.None));
        Assert.Contains("--to", reaching.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));

        Assert.Equal(CliErrors.Ok, await HistoryCommand.RunAsync(new HistoryCommand.HistoryRequest("sim", "NIFTY", "5minute",
            $"{past:yyyy-MM-dd}", null, dir.Path, 1, $"{SimDay:yyyy-MM-dd}", null), CancellationToken.None));
        var before = File.ReadAllBytes(dir.File("NIFTY_5minute.csv"));
        var other = await Assert.ThrowsAsync<UsageError>(() => HistoryCommand.RunAsync(new HistoryCommand.HistoryRequest("sim", "NIFTY", "5minute",
            $"{past:yyyy-MM-dd}", null, dir.Path, 2, $"{SimDay:yyyy-MM-dd}", null), CancellationToken.None));
        Assert.Contains("seed 1", other.Message);
        Assert.Equal(before, File.ReadAllBytes(dir.File("NIFTY_5minute.csv")));

        var (exit, _, stderr) = Repo.RunApp("history", "--source", "sim", "--segments", "NIFTY,FINNIFTY", "--from", "2026-11-01", "--data", dir.Path);
        Assert.Equal(2, exit);
        Assert.Equal("error: --segments: unknown segment 'FINNIFTY' (known: NIFTY, BANKNIFTY, SENSEX)", stderr.Trim());
    }

    /// <summary>Six months of minute candles: four requests per index. No rate limit on either side,
    /// so the test is quick; the command keeps Kite's 3 a second.</summary>
    private static HistoryPlan Plan(string folder) =>
        new([new HistoryIndex(Segment.NIFTY, NiftyToken), new HistoryIndex(Segment.BANKNIFTY, BankNiftyToken)],
            KiteInterval.Minute, SimDay.AddDays(-180), SimDay.AddDays(-1), folder);

    private static Task<SimServer> FastSim()
    {
        var options = new SimOptions { Port = 0, Seed = 1, Date = SimDay, HistoricalRatePerSecond = 0, OtherRatePerSecond = 0 };
        return SimServer.StartAsync(options);
    }

    private static KiteRestClient Client(SimServer sim)
    {
        var login = sim.Sessions.CreateSession();
        return new KiteRestClient(new KiteCredentials(login.ApiKey, login.AccessToken), new KiteRestOptions
        {
            BaseUri = sim.BaseUri, HistoricalRequestsPerWindow = 0, OtherRequestsPerWindow = 0,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(5),
        });
    }

    private static void AssertSameArchives(string expected, string actual)
    {
        foreach (var name in new[] { "NIFTY_minute.csv", "BANKNIFTY_minute.csv" })
            Assert.True(File.ReadAllBytes(Path.Combine(expected, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, name))), $"{name} differs");
    }

    private static (DateTimeOffset, DateTimeOffset, string, decimal, decimal, decimal) Key(TradeRecord t) =>
        (t.EntryTime, t.ExitTime, t.OptionSymbol, t.EntryPrice, t.ExitPrice, t.NetPnl);
}

/// <summary><c>backtest --source sim</c>: a first backtest with no candle file, equal to one on the
/// same simulator's archive.</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class SimulatedBacktestTests
{
    [Fact]
    public async Task A_backtest_on_the_simulators_history_needs_no_file_and_trades_as_its_archive_does()
    {
        var from = new DateOnly(2026, 10, 1);
        var to = new DateOnly(2026, 11, 30);
        using var noFiles = new TempDir();
        Assert.Equal(CliErrors.Ok, BacktestCommand.Run(new BacktestCommand.BacktestRequest(["NIFTY"], [], null, [],
            $"{from:yyyy-MM-dd}", $"{to:yyyy-MM-dd}", null, noFiles.Path) { Source = "sim" }));

        // The simulator's day is the trading day after --to: archive the same history and backtest its file.
        using var data = new TempDir();
        Assert.Equal(CliErrors.Ok, await HistoryCommand.RunAsync(new HistoryCommand.HistoryRequest("sim", "NIFTY", "5minute",
            "2026-08-01", $"{to:yyyy-MM-dd}", data.Path, 1, "2026-12-01", null), CancellationToken.None));
        using var fromFile = new TempDir();
        Assert.Equal(CliErrors.Ok, BacktestCommand.Run(new BacktestCommand.BacktestRequest(["NIFTY"], [data.File("NIFTY_5minute.csv")], null, [],
            $"{from:yyyy-MM-dd}", $"{to:yyyy-MM-dd}", null, fromFile.Path)));

        var simTrades = File.ReadAllLines(noFiles.File("backtest_trades_NIFTY.csv"));
        Assert.True(simTrades.Length > 1, "two months should trade");
        Assert.Equal(File.ReadAllLines(fromFile.File("backtest_trades_NIFTY.csv")), simTrades);

        var (exit, _, stderr) = Repo.RunApp("backtest", "--source", "sim", "--segment", "NIFTY", "--from", "2026-10-01", "--out", noFiles.Path);
        Assert.Equal(2, exit);
        Assert.Equal("error: --source sim: give --to, the last day to trade", stderr.Trim());
    }
}
