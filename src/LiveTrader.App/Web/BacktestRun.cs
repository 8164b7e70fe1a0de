using LiveTrader.Core.Settings;
using LiveTrader.Engine.Backtest;

namespace LiveTrader.App.Web;

/// <summary>One backtest started from the page: queued until a slot is free, running until its
/// results and files are complete, then done (or failed, with the reason). Read by the page while the run writes it, so each field
/// is published whole: results before the state that says they are there.</summary>
public sealed class BacktestRun(string id, string folder, string note, decimal initialCapital)
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";

    private volatile string _state = Queued;
    private long[] _done = [];
    private long _total;

    public string Id { get; } = id;

    /// <summary>Where the run's files go: &lt;OutputFolder&gt;/backtests/&lt;id&gt;.</summary>
    public string Folder { get; } = folder;

    public string Note { get; } = note;

    public decimal InitialCapital { get; } = initialCapital;

    public string State => _state;

    public string? Error { get; private set; }

    /// <summary>It failed because Kite refused the token: the page offers its login button.</summary>
    public bool LoginRequired { get; private set; }

    public IReadOnlyList<BacktestResult> Results { get; private set; } = [];

    public AllSegments? All { get; private set; }

    /// <summary>Candles handled over all segments, 0..1; 1 once the run is done.</summary>
    public double Progress
    {
        get
        {
            if (_state == Done) return 1;
            var total = Interlocked.Read(ref _total);
            if (total == 0) return 0;
            var done = Volatile.Read(ref _done).Sum(); // a long read is atomic on the 64-bit runtimes .NET 10 runs on
            return Math.Min(1, (double)done / total);
        }
    }

    internal Task Task { get; set; } = Task.CompletedTask;

    /// <summary>What the run traded on and with, kept for its trades' stories.</summary>
    public IReadOnlyList<BacktestInput> Inputs { get; private set; } = [];

    public LiveTraderSettings? Settings { get; private set; }

    /// <summary>The candles are known: progress now counts them.</summary>
    /// <summary>A slot is free: the run fetches its candles (from Kite) and trades them.</summary>
    internal void Started() => _state = Running;

    internal void Begin(IReadOnlyList<BacktestInput> inputs, LiveTraderSettings settings)
    {
        Inputs = inputs;
        Settings = settings;
        Volatile.Write(ref _done, new long[inputs.Count]);
        Interlocked.Exchange(ref _total, inputs.Sum(i => (long)i.Candles.Count));
    }

    /// <summary>The runner reports the index of the candle it reached; reported straight into the
    /// counter (not through Progress&lt;T&gt;, whose posted callbacks may arrive late and out of order).</summary>
    internal IProgress<int> ProgressOf(int segment) => new Counter(_done, segment);

    /// <summary>The hash of the run's parameters.json, once done.</summary>
    public string? ParametersHash { get; private set; }

    internal void Complete(IReadOnlyList<BacktestResult> results, AllSegments all, string parametersHash)
    {
        Results = results;
        All = all;
        ParametersHash = parametersHash;
        _state = Done;
    }

    internal void Fail(string error, bool loginRequired = false)
    {
        Error = error;
        LoginRequired = loginRequired;
        _state = Failed;
    }

    private sealed class Counter(long[] done, int index) : IProgress<int>
    {
        public void Report(int value) => Interlocked.Exchange(ref done[index], value);
    }
}
