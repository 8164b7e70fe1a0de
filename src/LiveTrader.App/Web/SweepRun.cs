using LiveTrader.App.Commands;

namespace LiveTrader.App.Web;

/// <summary>One sweep started from the page: queued, running (sets done of the total), then done
/// with its rows, or failed with the reason. Each field is published whole, rows before the state
/// that says they are there.</summary>
public sealed class SweepRun(string id, string folder, SweepPlan plan)
{
    private volatile string _state = BacktestRun.Queued;
    private int _done;
    private int _total;

    public string Id { get; } = id;

    /// <summary>&lt;OutputFolder&gt;/sweeps/&lt;id&gt;: sweep.db, sweep_results.csv and .xlsx.</summary>
    public string Folder { get; } = folder;

    /// <summary>The plan as it runs (on the simulator, with its candles once fetched).</summary>
    public SweepPlan Plan { get; private set; } = plan;

    public string State => _state;

    public string? Error { get; private set; }

    public int Done => Volatile.Read(ref _done);

    public int Total => Volatile.Read(ref _total);

    public IReadOnlyList<SweepCommand.SweepRow> Rows { get; private set; } = [];

    internal Task Task { get; set; } = Task.CompletedTask;

    internal void Started() => _state = BacktestRun.Running;

    internal void Begin(SweepPlan plan) => Plan = plan;

    internal void Counting(int total) => Volatile.Write(ref _total, total);

    internal void Advance() => Interlocked.Increment(ref _done);

    internal void Complete(IReadOnlyList<SweepCommand.SweepRow> rows)
    {
        Rows = rows;
        _state = BacktestRun.Done;
    }

    internal void Fail(string error)
    {
        Error = error;
        _state = BacktestRun.Failed;
    }
}
