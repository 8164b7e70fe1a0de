using LiveTrader.App.Configuration;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Data;
using LiveTrader.Engine.Runs;

namespace LiveTrader.App.Commands;

/// <summary>One segment's candles in a sweep, and the file they came from (none on the simulator).</summary>
public sealed record SweepSource(Segment Segment, CandleSeries Series, InputFileFact? File);

/// <summary>A sweep checked and ready: the grid's points, each point's validated settings, the
/// candles, the days. The <c>sweep</c> command and the Sweep page both build one and run it here, so a
/// page sweep is the command's sweep.</summary>
public sealed class SweepPlan
{
    public required IReadOnlyList<SweepAxis> Axes { get; init; }
    public required IReadOnlyList<SweepPoint> Points { get; init; }
    public required IReadOnlyList<LiveTraderSettings> Settings { get; init; }
    public required IReadOnlyList<SweepSource> Sources { get; init; }

    private readonly IReadOnlyList<Segment>? _segments;

    /// <summary>The segments traded: the sources', or those asked for while the candles are still to be fetched.</summary>
    public IReadOnlyList<Segment> Segments
    {
        get => _segments ?? Sources.Select(s => s.Segment).ToList();
        init => _segments = value;
    }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }

    /// <summary>files or sim, as a backtest of one row names it.</summary>
    public string Source { get; init; } = BacktestSources.Files;

    /// <summary>The simulator's seed when <see cref="Source"/> is sim.</summary>
    public ulong? SimSeed { get; init; }

    /// <summary>The grid of the axes (or its seeded sample) over <paramref name="configured"/>; every set's
    /// settings are built and checked before anything runs, so a bad name or value stops it at once.</summary>
    public static SweepPlan Build(LiveTraderSettings configured, IReadOnlyList<SweepAxis> axes, int? sample, ulong seed,
        IReadOnlyList<SweepSource> sources, DateOnly? from, DateOnly? to)
    {
        if (axes.Count == 0) throw new UsageError("--vary: give at least one parameter to vary");
        var dup = axes.GroupBy(a => a.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new UsageError($"--vary: {dup.Key} is given twice");
        var points = SweepGrid.Expand(axes);
        if (sample is int n) points = SweepGrid.Sample(points, n, seed);
        return new SweepPlan { Axes = axes, Points = points, Settings = SettingsForAll(configured, axes, points), Sources = sources, From = from, To = to };
    }

    /// <summary>Every point's settings, built on every core; when several are bad, the first in grid order is the one reported.</summary>
    private static LiveTraderSettings[] SettingsForAll(LiveTraderSettings configured, IReadOnlyList<SweepAxis> axes, IReadOnlyList<SweepPoint> points)
    {
        var settings = new LiveTraderSettings[points.Count];
        var errors = new UsageError?[points.Count];
        Parallel.For(0, points.Count, i =>
        {
            try { settings[i] = SettingsFor(configured, axes, points[i].Values); }
            catch (UsageError e) { errors[i] = e; }
        });
        if (errors.FirstOrDefault(e => e is not null) is { } first) throw first;
        return settings;
    }

    /// <summary>The same plan on candles known only now (the simulator's, fetched when the run starts).</summary>
    public SweepPlan On(IReadOnlyList<SweepSource> sources, string source, ulong? simSeed, IReadOnlyList<Segment>? segments = null) => new()
    {
        Axes = Axes, Points = Points, Settings = Settings, Sources = sources, From = From, To = To, Source = source, SimSeed = simSeed,
        Segments = segments ?? (sources.Count > 0 ? sources.Select(s => s.Segment).ToList() : Segments),
    };

    /// <summary>The settings of one point: the values laid over the configured settings, validated.</summary>
    public static LiveTraderSettings SettingsFor(LiveTraderSettings configured, IReadOnlyList<SweepAxis> axes, IReadOnlyList<string> values)
    {
        try
        {
            return SettingsLoader.Overlay(configured, axes.Select((a, i) => new KeyValuePair<string, string?>(a.ConfigKey, values[i])), "the varied values");
        }
        catch (ConfigurationError e)
        {
            throw new UsageError($"--vary {string.Join(" ", axes.Select((a, i) => $"{a.Name}={values[i]}"))}: {e.Message}");
        }
    }

    /// <summary>What a backtest of set <paramref name="i"/> alone records: the same parameters.json, so
    /// the row's hash is the hash of the backtest opened from it.</summary>
    public RunParameters Parameters(int i) => new()
    {
        Kind = RunParameters.BacktestKind,
        Source = Source,
        Segments = Segments.Select(s => s.ToString()).ToList(),
        From = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        To = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Seed = SimSeed,
        Candles = Sources.Where(s => s.File is not null).Select(s => s.File!).ToList(),
        Settings = RunParameters.SettingsJson(Settings[i]),
    };

    /// <summary>Runs the sets of <paramref name="shard"/> the store does not hold yet, on every core,
    /// saving each row as it finishes; returns how many ran.</summary>
    /// <param name="started">Told how many sets will run, before the first starts.</param>
    public int Run(SweepStore store, SweepShard shard, Action<int> started, Action advance, CancellationToken ct)
    {
        store.UseAxes(Axes.Select(a => a.Name).ToList());
        var done = store.DoneHashes();
        var todo = Enumerable.Range(0, Points.Count).Where(i => shard.Owns(i) && !done.Contains(Points[i].Hash)).ToList();
        started(todo.Count);
        var shared = new SweepInputs(Sources.Select(s => (s.Segment, s.Series)).ToList(), From, To);
        Parallel.ForEach(todo, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var results = BacktestSession.RunAll(shared.For(Settings[i]), Settings[i]);
            var parameters = Parameters(i);
            store.Save(i, new SweepCommand.SweepRow(Points[i], SweepMetrics.From(results, Settings[i].InitialCapital), parameters.Hash), parameters.ToJson());
            advance();
        });
        return todo.Count;
    }

    /// <summary>How many of the points are already in the store.</summary>
    public int AlreadyDone(SweepStore store)
    {
        var done = store.DoneHashes();
        return Points.Count(p => done.Contains(p.Hash));
    }
}
