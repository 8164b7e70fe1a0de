using System.Globalization;
using LiveTrader.App.Commands;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Data;
using LiveTrader.Engine.Runs;

namespace LiveTrader.App.Web;

/// <summary>Runs the page's sweeps in the background by the <c>sweep</c> command's own
/// <see cref="SweepPlan.Run"/> (every core, one row saved per set), one at a time with at most
/// <see cref="MaxWaiting"/> queued behind it, and keeps the last <see cref="Kept"/> for the page.</summary>
public sealed class SweepJobs(LiveTraderSettings settings) : IAsyncDisposable
{
    public const int Kept = 10;
    public const int MaxWaiting = 2;

    private readonly Lock _lock = new();
    private readonly List<SweepRun> _runs = [];
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>One sweep at a time: each already uses every core.</summary>
    internal SemaphoreSlim Running { get; } = new(1, 1);

    public string Folder => Path.Combine(settings.OutputFolder, "sweeps");

    /// <summary>A new sweep, queued; null when <see cref="MaxWaiting"/> are waiting already.</summary>
    public SweepRun? Start(SweepPlan plan)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var run = new SweepRun(id, Path.Combine(Folder, id), plan);
        lock (_lock)
        {
            if (_runs.Count(r => r.State == BacktestRun.Queued) >= MaxWaiting) return null;
            _runs.Add(run);
            foreach (var old in _runs.Take(Math.Max(0, _runs.Count - Kept)).ToList())
            {
                _runs.Remove(old);
                try { if (Directory.Exists(old.Folder)) Directory.Delete(old.Folder, recursive: true); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* still open: left for the next start */ }
            }
        }
        run.Task = Task.Run(() => QueueAsync(run, _stopping.Token));
        return run;
    }

    public SweepRun? Find(string id)
    {
        lock (_lock) return _runs.FirstOrDefault(r => r.Id == id);
    }

    private async Task QueueAsync(SweepRun run, CancellationToken ct)
    {
        try
        {
            await Running.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            run.Fail("the server stopped before this sweep's turn");
            return;
        }
        try
        {
            run.Started();
            var plan = run.Plan.Source == BacktestSources.Sim ? run.Plan.On(await SimulatorSourcesAsync(run.Plan, ct), BacktestSources.Sim, run.Plan.SimSeed) : run.Plan;
            run.Begin(plan);
            using var store = new SweepStore(run.Folder);
            plan.Run(store, SweepShard.Whole, run.Counting, run.Advance, ct);
            SweepCommand.WriteResults(run.Folder, store);
            run.Complete(store.OrderedRows().Select(r => r.Row).ToList());
        }
        catch (OperationCanceledException)
        {
            run.Fail("the server stopped during this sweep");
        }
        catch (Exception e)
        {
            // Anything, so the page always learns how its sweep ended; there is no caller to throw to.
            run.Fail(e.Message);
        }
        finally
        {
            Running.Release();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>The simulator's history of the sweep's days, on the configured timeframe, as the Backtest page fetches it.</summary>
    private async Task<IReadOnlyList<SweepSource>> SimulatorSourcesAsync(SweepPlan plan, CancellationToken ct)
    {
        var segments = plan.Segments;
        var timeframe = settings.Strategy.ParsedTimeframe();
        var inputs = await Feeds.SimulatedHistory.InputsAsync(segments, settings, timeframe, plan.From!.Value, plan.To!.Value, plan.SimSeed ?? 1, ct);
        return inputs.Select(i => new SweepSource(i.Segment,
            new CandleSeries($"the simulator's history of {i.Segment}", i.Candles, timeframe, 0, i.Candles.Select(c => Ist.Format(c.Start)).ToList()), null)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Task[] running;
        lock (_lock) running = _runs.Select(r => r.Task).ToArray();
        await Task.WhenAll(running);
        _stopping.Dispose();
        Running.Dispose();
    }
}
