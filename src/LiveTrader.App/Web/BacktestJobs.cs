using System.Text.RegularExpressions;
using LiveTrader.App.Feeds;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Feeds;
using LiveTrader.Engine.Reports;

namespace LiveTrader.App.Web;

/// <summary>Runs the page's backtests in the background, exactly as the <c>backtest</c> command does
/// (the segments as one account, then the same files), <see cref="Slots"/> at a time with at most
/// <see cref="MaxWaiting"/> queued behind them, and keeps the last <see cref="Kept"/> for the page to
/// read. Their folders are kept as long: starting a run removes the folders of older ones.</summary>
public sealed partial class BacktestJobs(LiveTraderSettings settings, LiveTrader.App.Feeds.WallClock clock) : IAsyncDisposable
{
    public const int Kept = 10;

    /// <summary>One run at a time: a backtest already uses a core per segment, and the page shares the machine with a session.</summary>
    public const int Slots = 1;

    public const int MaxWaiting = 4;

    private readonly Lock _lock = new();
    private readonly List<BacktestRun> _runs = [];
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The running slots; a test holds one to see runs queue.</summary>
    internal SemaphoreSlim Running { get; } = new(Slots, Slots);

    /// <summary>The backtests folder: &lt;OutputFolder&gt;/backtests.</summary>
    public string Folder => Path.Combine(settings.OutputFolder, "backtests");

    /// <summary>A new run, queued; null when <see cref="MaxWaiting"/> runs are waiting already.</summary>
    public BacktestRun? Start(BacktestValidation.Plan plan)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var run = new BacktestRun(id, Path.Combine(Folder, id),
            string.Join(" Warning: ", [BacktestSession.PremiumNote(plan.Settings, plan.Segments), .. plan.Warnings]), plan.Settings.InitialCapital);
        lock (_lock)
        {
            if (_runs.Count(r => r.State == BacktestRun.Queued) >= MaxWaiting) return null;
            _runs.Add(run);
            if (_runs.Count > Kept) _runs.RemoveRange(0, _runs.Count - Kept);
            RemoveOldFolders(_runs.Select(r => r.Id).ToHashSet());
        }
        run.Task = Task.Run(() => QueueAsync(run, plan, _stopping.Token));
        return run;
    }

    public BacktestRun? Find(string id)
    {
        lock (_lock) return _runs.FirstOrDefault(r => r.Id == id);
    }

    /// <summary>Run folders (named for a run id, nothing else) of runs no longer kept, by this server or an earlier one.</summary>
    private void RemoveOldFolders(HashSet<string> kept)
    {
        if (!Directory.Exists(Folder)) return;
        var old = new DirectoryInfo(Folder).EnumerateDirectories()
            .Where(d => RunId().IsMatch(d.Name) && !kept.Contains(d.Name) && !d.Attributes.HasFlag(FileAttributes.ReparsePoint))
            .OrderByDescending(d => d.LastWriteTimeUtc)
            .Skip(Math.Max(0, Kept - kept.Count));
        foreach (var folder in old)
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A folder still open elsewhere goes on the next start.
            }
        }
    }

    [GeneratedRegex("^[0-9a-f]{12}$")]
    private static partial Regex RunId();

    private async Task QueueAsync(BacktestRun run, BacktestValidation.Plan plan, CancellationToken ct)
    {
        try
        {
            await Running.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            plan.Kite?.Dispose();
            run.Fail("the server stopped before this backtest's turn");
            return;
        }
        try
        {
            run.Started();
            await RunAsync(run, plan, ct);
        }
        finally
        {
            Running.Release();
        }
    }

    private async Task RunAsync(BacktestRun run, BacktestValidation.Plan plan, CancellationToken ct)
    {
        try
        {
            var inputs = plan.Inputs ?? (plan.Source == BacktestValidation.SimSource
                ? await Feeds.SimulatedHistory.InputsAsync(plan.Segments, plan.Settings, plan.Timeframe, plan.From!.Value, plan.To!.Value, BacktestValidation.SimSeed, ct)
                : await FetchFromKiteAsync(plan, ct));
            run.Begin(inputs, plan.Settings);
            var results = BacktestSession.RunAll(inputs, plan.Settings, run.ProgressOf);
            var all = AllSegments.Of(results, plan.Settings.InitialCapital);
            BacktestFiles.Write(run.Folder, results, run.Note);
            BacktestFiles.WriteAllSegments(run.Folder, all, run.Note);
            var parameters = plan.Parameters();
            parameters.Write(run.Folder);
            run.Complete(results, all, parameters.Hash);
        }
        catch (Exception e) when (LoginRequired.Is(e))
        {
            run.Fail(LoginRequired.MessageOf(e), loginRequired: true);
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
        Running.Dispose();
    }
}
