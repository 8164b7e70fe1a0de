using LiveTrader.App.Commands;
using LiveTrader.App.Configuration;
using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Data;

namespace LiveTrader.App.Tests;

/// <summary>Sweep variants share the signals of their strategy lines, and trade exactly as if each
/// had read its own.</summary>
public sealed class SweepSignalsTests
{
    private static readonly DateOnly From = new(2024, 9, 2), To = new(2024, 10, 31);

    [Fact]
    public void Signals_are_read_once_per_distinct_lines_and_every_variant_trades_as_its_own_backtest()
    {
        var series = CandleCsvReader.Read(Repo.NiftyYear5);
        var shared = new SweepInputs([(Segment.NIFTY, series)], From, To);
        var variants = 0;
        var traded = 0;
        foreach (var rsi in new[] { "9", "14" })
        foreach (var stop in new[] { "20", "40" })
        foreach (var trail in new[] { "10", "25" })
        foreach (var pyramid in new[] { "10", "30" })
        {
            var settings = SettingsLoader.Load(null, [new("Strategy:RsiPeriod", rsi), new("Segments:NIFTY:StopLossPoints", stop),
                new("Segments:NIFTY:TrailingStopPoints", trail), new("Segments:NIFTY:PyramidPoints", pyramid)]);
            var sharing = BacktestSession.RunAll(shared.For(settings).Select(i => i with { KeepEvents = true }).ToList(), settings)[0];
            var alone = BacktestSession.Run(BacktestInputs.FromSeries(Segment.NIFTY, series, null, Timeframe.FiveMinutes, From, To), settings);

            Assert.Equal(alone.Trades.Select(Key), sharing.Trades.Select(Key));
            Assert.Equal(alone.Events, sharing.Events);
            Assert.Equal(alone.Summary.Days, sharing.Summary.Days);
            Assert.Equal(alone.Summary with { Days = [] }, sharing.Summary with { Days = [] });
            variants++;
            traded += alone.Trades.Count;
        }
        Assert.Equal(16, variants);
        Assert.True(traded > 0, "the months should trade");
        Assert.Equal(2, shared.TapesRead);
        // As the sweep runs them: the same trades, and no event list kept.
        var defaults = SettingsLoader.Load(null);
        var lean = BacktestSession.RunAll(shared.For(defaults), defaults)[0];
        var full = BacktestSession.Run(BacktestInputs.FromSeries(Segment.NIFTY, series, null, Timeframe.FiveMinutes, From, To), defaults);
        Assert.Empty(lean.Events);
        Assert.NotEmpty(full.Events);
        Assert.Equal(full.Trades.Select(Key), lean.Trades.Select(Key));
    }

    private static (DateTimeOffset, DateTimeOffset, string, int, decimal, decimal, decimal) Key(TradeRecord t) =>
        (t.EntryTime, t.ExitTime, t.OptionSymbol, t.MaxQuantity, t.EntryPrice, t.ExitPrice, t.NetPnl);
}

/// <summary><c>--sample N --seed S</c>: a seeded subset of the grid.</summary>
public sealed class SweepSampleTests
{
    private static readonly IReadOnlyList<SweepAxis> Axes =
        [SweepAxis.Parse("Segments.NIFTY.StopLossPoints=10,20,30,40,50"), SweepAxis.Parse("Segments.NIFTY.TrailingStopPoints=5,10,15,20")];

    [Fact]
    public void A_sample_is_the_same_for_the_same_seed_differs_for_another_and_keeps_grid_order()
    {
        var grid = SweepGrid.Expand(Axes);
        var a = SweepGrid.Sample(grid, 6, 7);
        var b = SweepGrid.Sample(SweepGrid.Expand(Axes), 6, 7);
        var c = SweepGrid.Sample(grid, 6, 8);
        Assert.Equal(6, a.Count);
        Assert.Equal(a.Select(p => p.Hash), b.Select(p => p.Hash));
        Assert.NotEqual(a.Select(p => p.Hash), c.Select(p => p.Hash));
        Assert.Equal(6, a.Select(p => p.Hash).Distinct().Count());
        var positions = a.Select(p => grid.ToList().FindIndex(g => g.Hash == p.Hash)).ToList();
        Assert.Equal(positions.Order(), positions);
        Assert.Same(grid, SweepGrid.Sample(grid, 50, 7));
        Assert.Throws<UsageError>(() => SweepGrid.Sample(grid, 0, 7));
    }

    [Fact]
    public void A_sampled_sweep_writes_one_row_per_sampled_set()
    {
        using var dir = new TempDir();
        var code = SweepCommand.Run(new SweepCommand.SweepRequest(["NIFTY"], [Repo.NiftyYear5],
            ["Segments.NIFTY.StopLossPoints=10,20,30,40,50", "Segments.NIFTY.TrailingStopPoints=5,10,15,20"], "2024-08-01", "2024-08-09", null, dir.Path)
        { Sample = 3, Seed = 7 });
        Assert.Equal(CliErrors.Ok, code);
        var rows = File.ReadAllLines(dir.File(SweepCommand.ResultsFile)).Skip(1).Select(l => l.Split(',')[^2]).ToList();
        Assert.Equal(SweepGrid.Sample(SweepGrid.Expand(Axes), 3, 7).Select(p => p.Hash), rows);

        // The workbook holds the same rows, numbers as numbers.
        var csv = File.ReadAllLines(dir.File(SweepCommand.ResultsFile)).Skip(1).Select(l => l.Split(',')).ToList();
        var sheet = MiniExcelLibs.MiniExcel.Query(dir.File(SweepWorkbook.FileName), useHeaderRow: true)
            .Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(csv.Count, sheet.Count);
        for (var i = 0; i < csv.Count; i++)
        {
            Assert.Equal(decimal.Parse(csv[i][0], System.Globalization.CultureInfo.InvariantCulture), Convert.ToDecimal(sheet[i]["Segments.NIFTY.StopLossPoints"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(int.Parse(csv[i][2], System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt32(sheet[i]["trades"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(decimal.Parse(csv[i][4], System.Globalization.CultureInfo.InvariantCulture), Convert.ToDecimal(sheet[i]["net_pnl"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(csv[i][^2], sheet[i]["param_hash"]);
            Assert.Equal(csv[i][^1], sheet[i]["run_hash"]);
        }
    }
}

/// <summary><c>--walk-forward IN:OUT</c>: each window's in-sample winner and its out-of-sample result.</summary>
public sealed class SweepWalkForwardTests
{
    [Fact]
    public void Each_window_reports_the_in_sample_winner_and_its_result_on_the_days_after()
    {
        using var dir = new TempDir();
        string[] vary = ["Segments.NIFTY.StopLossPoints=20,40", "Strategy.RsiPeriod=9,14"];
        var code = SweepCommand.Run(new SweepCommand.SweepRequest(["NIFTY"], [Repo.NiftyYear5], vary, "2024-08-01", "2024-09-30", null, dir.Path)
        { WalkForward = "10:5" });
        Assert.Equal(CliErrors.Ok, code);

        var lines = File.ReadAllLines(dir.File(SweepWalkForward.FileName));
        Assert.StartsWith("window,in_from,in_to,out_from,out_to,Segments.NIFTY.StopLossPoints,Strategy.RsiPeriod,param_hash,in_trades,in_net_pnl,in_return_pct,out_trades,", lines[0]);
        var series = CandleCsvReader.Read(Repo.NiftyYear5);
        var sets = new[] { ("20", "9"), ("20", "14"), ("40", "9"), ("40", "14") };
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.True(rows.Count >= 5, $"two months (about 42 trading days) of 15-day windows stepping by 5, got {rows.Count}");
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        foreach (var cells in rows)
        {
            DateOnly D(int i) => DateOnly.ParseExact(cells[i], "yyyy-MM-dd", inv);
            SweepMetrics Metrics((string Stop, string Rsi) set, DateOnly from, DateOnly to)
            {
                var settings = SettingsLoader.Load(null, [new("Segments:NIFTY:StopLossPoints", set.Stop), new("Strategy:RsiPeriod", set.Rsi)]);
                var result = BacktestSession.Run(BacktestInputs.FromSeries(Segment.NIFTY, series, null, Timeframe.FiveMinutes, from, to), settings);
                return SweepMetrics.From([result], settings.InitialCapital);
            }
            var inSample = sets.Select(s => Metrics(s, D(1), D(2))).ToList();
            var best = inSample.IndexOf(inSample.First(m => m.NetPnl == inSample.Max(x => x.NetPnl)));
            Assert.Equal(sets[best], (cells[5], cells[6]));
            Assert.Equal(inSample[best].NetPnl.ToString(inv), cells[9]);
            var outOfSample = Metrics(sets[best], D(3), D(4));
            Assert.Equal(outOfSample.Trades.ToString(inv), cells[11]);
            Assert.Equal(outOfSample.NetPnl.ToString(inv), cells[13]);
            Assert.True(D(3) > D(2));
        }
        Assert.True(rows.Sum(c => int.Parse(c[11], inv)) > 0, "the out-of-sample days should trade");

        var (exit, _, stderr) = Repo.RunApp("sweep", "--segment", "NIFTY", "--candles", Repo.NiftyYear5, "--vary", vary[0], "--walk-forward", "10x5", "--out", dir.Path);
        Assert.Equal(2, exit);
        Assert.StartsWith("error: --walk-forward: '10x5'", stderr.Trim());
    }
}
