using System.Globalization;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Data;

namespace LiveTrader.App.Commands;

/// <summary><c>--walk-forward IN:OUT</c>: the trading days are cut into windows of IN in-sample days
/// followed by OUT out-of-sample days, stepping by OUT. In each window every set is backtested on the
/// in-sample days, the one with the best net P&amp;L (ties: the first in grid order) wins, and its
/// result on the following out-of-sample days is reported, so a setting that only fits the past shows
/// as a good in-sample and a poor out-of-sample number.</summary>
public static class SweepWalkForward
{
    public const string FileName = "walk_forward.csv";

    public sealed record Window(int Number, DateOnly InFrom, DateOnly InTo, DateOnly OutFrom, DateOnly OutTo);

    public sealed record Result(Window Window, int Winner, SweepMetrics InSample, SweepMetrics OutOfSample);

    public static (int In, int Out) Parse(string text)
    {
        var parts = text.Split(':');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i > 0
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var o) && o > 0)
            return (i, o);
        throw new UsageError($"--walk-forward: '{text}' is not IN_DAYS:OUT_DAYS, two whole numbers of trading days above 0 (e.g. 60:20)");
    }

    /// <summary>Windows over the candle file's trading days in [from, to]; a last window without a full
    /// out-of-sample span is left out.</summary>
    public static IReadOnlyList<Window> Windows(CandleSeries series, DateOnly? from, DateOnly? to, int inDays, int outDays)
    {
        var days = series.Candles.Select(c => Ist.DayOf(c.Start)).Distinct()
            .Where(d => (from is not DateOnly f || d >= f) && (to is not DateOnly t || d <= t)).ToList();
        var windows = new List<Window>();
        for (var k = 0; k + inDays + outDays <= days.Count; k += outDays)
            windows.Add(new Window(windows.Count + 1, days[k], days[k + inDays - 1], days[k + inDays], days[k + inDays + outDays - 1]));
        if (windows.Count == 0)
            throw new UsageError($"--walk-forward {inDays}:{outDays}: the candles have {days.Count} trading day(s) in the range, fewer than one window of {inDays + outDays}");
        return windows;
    }

    public static IReadOnlyList<Result> Run(SweepInputs shared, IReadOnlyList<LiveTraderSettings> settings, IReadOnlyList<Window> windows)
    {
        var results = new List<Result>();
        foreach (var w in windows)
        {
            var inSample = new SweepMetrics[settings.Count];
            Parallel.For(0, settings.Count, i => inSample[i] = Metrics(shared, settings[i], w.InFrom, w.InTo));
            var winner = 0;
            for (var i = 1; i < inSample.Length; i++)
                if (inSample[i].NetPnl > inSample[winner].NetPnl) winner = i;
            results.Add(new Result(w, winner, inSample[winner], Metrics(shared, settings[winner], w.OutFrom, w.OutTo)));
        }
        return results;
    }

    private static SweepMetrics Metrics(SweepInputs shared, LiveTraderSettings settings, DateOnly from, DateOnly to)
    {
        var inputs = shared.For(settings).Select(i => i with { From = from, To = to }).ToList();
        return SweepMetrics.From(BacktestSession.RunAll(inputs, settings), settings.InitialCapital);
    }

    public static string Write(string dir, IReadOnlyList<SweepAxis> axes, IReadOnlyList<SweepPoint> points, IReadOnlyList<Result> results)
    {
        var path = Path.Combine(dir, FileName);
        AtomicFile.WriteText(path, w =>
        {
            w.WriteLine(string.Join(",", new[] { "window", "in_from", "in_to", "out_from", "out_to" }.Concat(axes.Select(a => a.Name))
                .Concat(["param_hash", "in_trades", "in_net_pnl", "in_return_pct"]).Concat(SweepMetrics.Columns.Select(c => "out_" + c))));
            foreach (var r in results)
                w.WriteLine(string.Join(",", new[] { r.Window.Number.ToString(CultureInfo.InvariantCulture), Day(r.Window.InFrom), Day(r.Window.InTo), Day(r.Window.OutFrom), Day(r.Window.OutTo) }
                    .Concat(points[r.Winner].Values).Append(points[r.Winner].Hash)
                    .Concat([r.InSample.Trades.ToString(CultureInfo.InvariantCulture), r.InSample.NetPnl.ToString(CultureInfo.InvariantCulture), r.InSample.ReturnPct.ToString(CultureInfo.InvariantCulture)])
                    .Concat(r.OutOfSample.Cells())));
        });
        return path;
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
