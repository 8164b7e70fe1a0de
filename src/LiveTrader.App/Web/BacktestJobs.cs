using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Feeds;
using LiveTrader.Engine.Reports;

namespace LiveTrader.App.Web;

/// <summary>Runs the page's backtests in the background, exactly as the <c>backtest</c> command does
/// (the segments as one account, then the same files), and keeps the last few in memory for
/// the page to read; older runs are forgotten (their files stay on disk).</summary>
public sealed class BacktestJobs(LiveTraderSettings settings, LiveTrader.App.Feeds.WallClock clock) : IAsyncDisposable
{
    public const int Kept = 10;

    private readonly Lock _lock = new();
    private readonly List<BacktestRun> _runs = [];
    private readonly CancellationTokenSource _stopping = new();

    public BacktestRun Start(BacktestValidation.Plan plan)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var run = new BacktestRun(id, Path.Combine(settings.OutputFolder, "backtests", id),
            BacktestSession.PremiumNote(plan.Settings, plan.Segments), plan.Settings.InitialCapital);
        lock (_lock)
        {
            _runs.Add(run);
            if (_runs.Count > Kept) _runs.RemoveRange(0, _runs.Count - Kept);
        }
        run.Task = Task.Run(() => RunAsync(run, plan, _stopping.Token));
        return run;
    }

    public BacktestRun? Find(string id)
    {
        lock (_lock) return _runs.FirstOrDefault(r => r.Id == id);
    }

    private async Task RunAsync(BacktestRun run, BacktestValidation.Plan plan, CancellationToken ct)
    {
        try
        {
            var inputs = plan.Inputs ?? (plan.Source == BacktestValidation.SimSource
                ? await Feeds.SimulatedHistory.InputsAsync(plan.Segments, plan.Settings, plan.Timeframe, plan.From!.Value, plan.To!.Value, 1, ct)
                : await FetchFromKiteAsync(plan, ct));
            run.Begin(inputs);
            var results = BacktestSession.RunAll(inputs, plan.Settings, run.ProgressOf);
            var all = AllSegments.Of(results, plan.Settings.InitialCapital);
            BacktestFiles.Write(run.Folder, results, run.Note);
            BacktestFiles.WriteAllSegments(run.Folder, all, run.Note);
            run.Complete(results, all);
        }
        catch (Exception e)
        {
            // Anything, so the page always learns how its run ended; there is no caller to throw to.
            run.Fail(e.Message);
        }
    }

    /// <summary>Each segment's index candles from the Kite historical API, starting as early as a paper
    /// session's warm-up does (<see cref="LiveTrader.Engine.Session.WarmUpWindow"/>).</summary>
    private async Task<IReadOnlyList<BacktestInput>> FetchFromKiteAsync(BacktestValidation.Plan plan, CancellationToken ct)
    {
        var from = plan.From!.Value;
        var to = plan.To!.Value;
        var warmUpDays = LiveTrader.Engine.Session.WarmUpWindow.CalendarDays(plan.Timeframe);
        var now = clock.Now();
        var inputs = new List<BacktestInput>();
        using var kite = plan.Kite!;
        foreach (var segment in plan.Segments)
        {
            var seg = plan.Settings.Segments[segment.ToString()];
            var candles = await KiteCandles.FetchAsync(kite, seg.IndexToken, plan.Timeframe,
                Ist.At(from.AddDays(-warmUpDays), MarketHours.Open), Ist.At(to, MarketHours.Close), ct);
            // Today's candle still forming is not a closed candle; outside-hours rows never reach the indicators.
            var closed = candles.Where(c => MarketHours.Contains(c.Start) && c.Start + plan.Timeframe.Length <= now).ToList();
            inputs.Add(BacktestInputs.FromCandles(segment, $"Kite {seg.IndexSymbol} history", closed, null, from, to));
        }
        return inputs;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Task[] running;
        lock (_lock) running = _runs.Select(r => r.Task).ToArray();
        // A run still writing its files finishes before the output folder can go away.
        await Task.WhenAll(running);
        _stopping.Dispose();
    }
}
