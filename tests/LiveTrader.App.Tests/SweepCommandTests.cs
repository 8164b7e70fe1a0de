using System.Globalization;
using LiveTrader.App.Commands;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Data;
using static LiveTrader.App.Commands.SweepCommand;

namespace LiveTrader.App.Tests;

public sealed class SweepCommandTests
{
    private const string From = "2024-08-01";
    private const string To = "2024-08-09";

    [Fact]
    public void Every_sweep_row_equals_the_same_parameters_run_through_backtest()
    {
        using var dir = new TempDir();
        var code = SweepCommand.Run(new SweepRequest(["NIFTY"], [Repo.NiftyYear5],
            ["Segments.NIFTY.StopLossPoints=20,40", "Strategy.RsiPeriod=9,14"], From, To, null, dir.Path));
        Assert.Equal(CliErrors.Ok, code);

        var lines = File.ReadAllLines(dir.File(ResultsFile));
        Assert.Equal("Segments.NIFTY.StopLossPoints,Strategy.RsiPeriod,trades,win_rate,net_pnl,max_drawdown,profit_factor,return_pct,daily_sharpe,param_hash,run_hash", lines[0]);
        Assert.Equal(5, lines.Length);
        var seenTrades = 0;
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            var settings = SettingsLoader_With(cells[0], cells[1]);
            var input = BacktestInputs.FromSeries(LiveTrader.Core.Market.Segment.NIFTY, CandleCsvReader.Read(Repo.NiftyYear5), null,
                SignalsCommand.ResolveTimeframe(null, settings), DateOnly.Parse(From, CultureInfo.InvariantCulture), DateOnly.Parse(To, CultureInfo.InvariantCulture));
            var single = BacktestSession.Run(input, settings);
            Assert.Equal(int.Parse(cells[0], CultureInfo.InvariantCulture), settings.Segments["NIFTY"].StopLossPoints);
            Assert.Equal(single.Summary.Trades.ToString(CultureInfo.InvariantCulture), cells[2]);
            Assert.Equal(single.Summary.WinRatePct.ToString(CultureInfo.InvariantCulture), cells[3]);
            Assert.Equal(single.Summary.NetPnl.ToString(CultureInfo.InvariantCulture), cells[4]);
            Assert.Equal(single.Summary.MaxDrawdown.ToString(CultureInfo.InvariantCulture), cells[5]);
            Assert.Equal(single.Summary.ReturnOnCapitalPct.ToString(CultureInfo.InvariantCulture), cells[7]);
            Assert.Equal(16, cells[9].Length);
            seenTrades += single.Summary.Trades;
        }
        Assert.True(seenTrades > 0, "the week should trade");
        Assert.Equal(4, lines.Skip(1).Select(l => l.Split(',')[9]).Distinct().Count());
    }

    [Fact]
    public void Each_row_keeps_the_hash_of_its_full_parameters_and_the_store_gives_them_back_to_run_again()
    {
        using var dir = new TempDir();
        Assert.Equal(CliErrors.Ok, SweepCommand.Run(new SweepRequest(["NIFTY"], [Repo.NiftyYear5],
            ["Segments.NIFTY.StopLossPoints=25,45"], From, To, null, dir.Path)));
        var row = File.ReadAllLines(dir.File(ResultsFile))[2].Split(',');
        Assert.Equal("45", row[0]);

        // A backtest of the same settings (a configuration file saying 45) records the same hash.
        var config = dir.File("sl45.json");
        File.WriteAllText(config, """{ "LiveTrader": { "Segments": { "NIFTY": { "StopLossPoints": 45 } } } }""");
        var single = dir.File("single");
        Assert.Equal(CliErrors.Ok, BacktestCommand.Run(new BacktestCommand.BacktestRequest(["NIFTY"], [Repo.NiftyYear5], null, [], From, To, config, single)));
        Assert.Equal(LiveTrader.Engine.Runs.RunParameters.Read(Path.Combine(single, "parameters.json")).Hash, row[^1]);

        // The store keeps the set's whole parameters.json: run again, it makes the row's trades.
        string recorded;
        using (var store = new SweepStore(dir.Path)) recorded = store.ParametersOf(row[^2]);
        var file = dir.File("row.json");
        File.WriteAllText(file, recorded);
        var again = dir.File("again");
        Assert.Equal(CliErrors.Ok, BacktestCommand.Run(new BacktestCommand.BacktestRequest([], [], null, [], null, null, null, again) { Parameters = file }));
        Assert.Equal(File.ReadAllBytes(Path.Combine(single, "backtest_trades_NIFTY.csv")), File.ReadAllBytes(Path.Combine(again, "backtest_trades_NIFTY.csv")));
        Assert.Equal(int.Parse(row[1], CultureInfo.InvariantCulture), File.ReadAllLines(Path.Combine(again, "backtest_trades_NIFTY.csv")).Length - 1);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static LiveTrader.Core.Settings.LiveTraderSettings SettingsLoader_With(string stop, string rsi) =>
        LiveTrader.App.Configuration.SettingsLoader.Load(null,
            [new("Segments:NIFTY:StopLossPoints", stop), new("Strategy:RsiPeriod", rsi)]);

    [Theory]
    [InlineData("Segments.NIFTY.NoSuchField=1")]
    [InlineData("Segments.NIFTY.StopLossPoints=-5")]
    [InlineData("Segments.NIFTY.StopLossPoints=abc")]
    [InlineData("StopLossPoints")]
    public void An_unknown_path_or_bad_value_is_an_error_line_and_exit_2(string vary)
    {
        using var dir = new TempDir();
        var (code, _, stderr) = Repo.RunApp("sweep", "--segment", "NIFTY", "--candles", Repo.NiftyYear5, "--vary", vary,
            "--from", From, "--to", To, "--out", dir.Path);
        Assert.Equal(2, code);
        Assert.StartsWith("error:", stderr.Trim());
        Assert.False(File.Exists(dir.File(ResultsFile)));
    }
}

public sealed class SweepShardTests
{
    private static readonly string[] Grid = ["Segments.NIFTY.StopLossPoints=20,40,60", "Segments.NIFTY.TrailingStopPoints=20,30"];

    private static SweepCommand.SweepRequest Request(string dir, string? shard = null) =>
        new(["NIFTY"], [Repo.NiftyYear5], Grid, "2024-08-01", "2024-08-07", null, dir) { Shard = shard };

    [Fact]
    public void Three_shards_merged_equal_one_run_and_a_second_run_skips_every_set()
    {
        using var whole = new TempDir();
        Assert.Equal(CliErrors.Ok, SweepCommand.Run(Request(whole.Path)));
        var shardDirs = Enumerable.Range(0, 3).Select(_ => new TempDir()).ToList();
        try
        {
            for (var k = 0; k < 3; k++) Assert.Equal(CliErrors.Ok, SweepCommand.Run(Request(shardDirs[k].Path, $"{k}/3")));
            Assert.All(shardDirs, d => Assert.Equal(3, File.ReadAllLines(d.File(SweepCommand.ResultsFile)).Length));
            using var merged = new TempDir();
            var (code, _, err) = Repo.RunApp(["sweep", "merge", "--out", merged.Path, .. shardDirs.Select(d => d.Path)]);
            Assert.True(code == 0, err);
            Assert.Equal(File.ReadAllText(whole.File(SweepCommand.ResultsFile)), File.ReadAllText(merged.File(SweepCommand.ResultsFile)));
        }
        finally
        {
            foreach (var d in shardDirs) d.Dispose();
        }
        var before = File.ReadAllText(whole.File(SweepCommand.ResultsFile));
        var (again, stdout, _) = Repo.RunApp(["sweep", "--segment", "NIFTY", "--candles", Repo.NiftyYear5, "--vary", Grid[0], "--vary", Grid[1],
            "--from", "2024-08-01", "--to", "2024-08-07", "--out", whole.Path]);
        Assert.Equal(0, again);
        Assert.Contains("0 parameter set(s) swept, 6 already done", stdout);
        Assert.Equal(before, File.ReadAllText(whole.File(SweepCommand.ResultsFile)));
    }

    [Fact]
    public void The_shard_index_comes_from_the_cluster_environment()
    {
        Assert.Equal(new SweepShard(2, 4), SweepShard.Resolve(null, 4, n => n == "JOB_COMPLETION_INDEX" ? "2" : null));
        Assert.Equal(new SweepShard(1, 3), SweepShard.Resolve(null, 3, n => n == "SLURM_ARRAY_TASK_ID" ? "1" : null));
        Assert.Equal(SweepShard.Whole, SweepShard.Resolve(null, null, _ => "5"));
        Assert.Throws<UsageError>(() => SweepShard.Resolve("3/3", null, _ => null));
        Assert.Throws<UsageError>(() => SweepShard.Resolve(null, 2, n => n == "JOB_COMPLETION_INDEX" ? "2" : null));
    }
}
