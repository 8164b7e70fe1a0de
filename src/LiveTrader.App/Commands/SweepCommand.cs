using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using LiveTrader.App.Configuration;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Data;
using LiveTrader.Engine.Runs;
using Spectre.Console;

namespace LiveTrader.App.Commands;

/// <summary><c>sweep --segment S --candles FILE [...] --vary NAME=V1,V2 [...] --out DIR</c>: the
/// backtest of every parameter set of a grid, on every core, one results row per set.</summary>
public static class SweepCommand
{
    public const string ResultsFile = "sweep_results.csv";

    public static Command Create()
    {
        var segments = new Option<string[]>("--segment") { Description = "Segment to trade (NIFTY, BANKNIFTY, SENSEX); repeat with --candles for several trading one account", Arity = ArgumentArity.OneOrMore, Required = true };
        var candles = new Option<string[]>("--candles") { Description = "Candle CSV of that segment's index, one per --segment, in the same order", Arity = ArgumentArity.OneOrMore, Required = true };
        var vary = new Option<string[]>("--vary") { Description = "A configuration path and its values, e.g. Segments.NIFTY.StopLossPoints=30,40,50; repeat for a grid", Arity = ArgumentArity.OneOrMore, Required = true };
        var from = new Option<string?>("--from") { Description = "First day to trade (YYYY-MM-DD); earlier candles only warm the indicators" };
        var to = new Option<string?>("--to") { Description = "Last day to trade (YYYY-MM-DD)" };
        var config = new Option<string?>("--config") { Description = "Configuration JSON overriding the defaults" };
        var output = new Option<string>("--out") { Description = "Folder for sweep_results.csv and sweep.db (a second run skips the sets already done)", Required = true };
        var shard = new Option<string?>("--shard") { Description = "Run only shard K/N of the grid (K from 0); K also from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID with --shards N" };
        var shards = new Option<int?>("--shards") { Description = "Number of shards N when K comes from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID" };
        var sample = new Option<int?>("--sample") { Description = "Run a seeded random sample of N sets of the grid instead of all of them" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of --sample (the same seed picks the same sets)", DefaultValueFactory = _ => 1UL };
        var walkForward = new Option<string?>("--walk-forward") { Description = "IN_DAYS:OUT_DAYS: per window, the in-sample winner's out-of-sample result, written to walk_forward.csv" };
        var mergeOut = new Option<string>("--out") { Description = "Folder for the merged sweep.db and sweep_results.csv", Required = true };
        var mergeDirs = new Argument<string[]>("SHARD_DIRS") { Arity = ArgumentArity.OneOrMore };
        var merge = new Command("merge", "Join shards' sweep.db files into one store and results file") { mergeOut, mergeDirs };
        merge.SetAction(parse => CliErrors.Run(() => Merge(parse.GetValue(mergeOut)!, parse.GetValue(mergeDirs) ?? [])));
        var command = new Command("sweep", "Backtest every parameter set of a grid on every core, one results row per set")
        {
            segments, candles, vary, from, to, config, output, shard, shards, sample, seed, walkForward, merge,
        };
        command.SetAction(parse => CliErrors.Run(() => Run(new SweepRequest(
            parse.GetValue(segments) ?? [], parse.GetValue(candles) ?? [], parse.GetValue(vary) ?? [],
            parse.GetValue(from), parse.GetValue(to), parse.GetValue(config), parse.GetValue(output)!)
        { Shard = parse.GetValue(shard), ShardCount = parse.GetValue(shards), Sample = parse.GetValue(sample), Seed = parse.GetValue(seed), WalkForward = parse.GetValue(walkForward) })));
        return command;
    }

    public sealed record SweepRequest(string[] Segments, string[] Candles, string[] Vary, string? From, string? To, string? Config, string Out)
    {
        public string? Shard { get; init; }
        public int? ShardCount { get; init; }
        public int? Sample { get; init; }
        public ulong Seed { get; init; } = 1;
        public string? WalkForward { get; init; }
    }

    /// <param name="RunHash">The hash of the set's full parameters (the parameters.json of a backtest of it alone).</param>
    public sealed record SweepRow(SweepPoint Point, SweepMetrics Metrics, string RunHash);

    public static int Run(SweepRequest request)
    {
        var axes = request.Vary.Select(SweepAxis.Parse).ToList();
        var from = ParseDay(request.From, "--from");
        var to = ParseDay(request.To, "--to");
        if (from is DateOnly f && to is DateOnly t && f > t) throw new UsageError($"--from {f:yyyy-MM-dd} is after --to {t:yyyy-MM-dd}");
        var sources = ReadSources(request);
        var plan = SweepPlan.Build(SettingsLoader.Load(request.Config), axes, request.Sample, request.Seed, sources, from, to);

        if (request.WalkForward is { } spec)
        {
            var (inDays, outDays) = SweepWalkForward.Parse(spec);
            var windows = SweepWalkForward.Windows(sources[0].Series, from, to, inDays, outDays);
            var wf = new SweepInputs(sources.Select(s => (s.Segment, s.Series)).ToList(), null, null);
            Directory.CreateDirectory(request.Out);
            var written = SweepWalkForward.Write(request.Out, axes, plan.Points, SweepWalkForward.Run(wf, plan.Settings, windows));
            Console.WriteLine($"walk-forward: {windows.Count} window(s) of {inDays} in-sample and {outDays} out-of-sample days over {plan.Points.Count} set(s); wrote {written}");
            return CliErrors.Ok;
        }

        var shard = SweepShard.Resolve(request.Shard, request.ShardCount);
        using var store = new SweepStore(request.Out);
        var already = plan.AlreadyDone(store);
        var ran = RunWithProgress((started, advance) => plan.Run(store, shard, started, advance, CancellationToken.None));

        var file = WriteResults(request.Out, store);
        Console.WriteLine($"{ran} parameter set(s) swept, {already} already done{shard.Describe()}; wrote {file}");
        return CliErrors.Ok;
    }

    /// <summary>sweep_results.csv and sweep_results.xlsx from the store, in the grid's order.</summary>
    public static string WriteResults(string dir, SweepStore store)
    {
        var file = Path.Combine(dir, ResultsFile);
        var names = store.Axes();
        var rows = store.OrderedRows().Select(r => r.Row).ToList();
        AtomicFile.WriteText(file, w => WriteCsv(w, names.Select(n => new SweepAxis(n, [])).ToList(), rows));
        SweepWorkbook.Write(dir, names, rows);
        return file;
    }

    /// <summary><c>sweep merge --out DIR SHARD_DIRS...</c>: the shards' stores joined into one.</summary>
    public static int Merge(string outDir, IReadOnlyList<string> shardDirs)
    {
        if (shardDirs.Count == 0) throw new UsageError("sweep merge: give the shards' folders");
        using var store = new SweepStore(outDir);
        foreach (var dir in shardDirs)
        {
            if (!File.Exists(Path.Combine(dir, SweepStore.FileName))) throw new UsageError($"{dir}: no {SweepStore.FileName}");
            using var shard = new SweepStore(dir);
            store.UseAxes(shard.Axes());
            foreach (var (ord, row) in shard.OrderedRows()) store.Save(ord, row, shard.ParametersOf(row.Point.Hash));
        }
        var file = WriteResults(outDir, store);
        Console.WriteLine($"merged {shardDirs.Count} shard(s); wrote {file}");
        return CliErrors.Ok;
    }

    private static List<SweepSource> ReadSources(SweepRequest request)
    {
        if (request.Segments.Length != request.Candles.Length)
            throw new UsageError($"give --segment and --candles in pairs: {request.Segments.Length} segment(s) but {request.Candles.Length} candle file(s)");
        var seen = new HashSet<Segment>();
        var sources = new List<SweepSource>();
        for (var i = 0; i < request.Segments.Length; i++)
        {
            if (!Segments.TryParse(request.Segments[i], out var segment))
                throw new UsageError($"--segment: unknown segment '{request.Segments[i]}' (known: {Segments.Names})");
            if (!seen.Add(segment)) throw new UsageError($"--segment: {segment} is given twice");
            var series = CandleCsvReader.Read(request.Candles[i]);
            foreach (var warning in series.Warnings(segment)) Console.Error.WriteLine($"warning: {warning}");
            sources.Add(new SweepSource(segment, series, InputFileFact.Of(segment.ToString(), request.Candles[i])));
        }
        return sources;
    }

    private static DateOnly? ParseDay(string? text, string option)
    {
        if (text is null) return null;
        if (Ist.TryParseDay(text, out var day)) return day;
        throw new UsageError($"{option}: '{text}' is not a date like 2024-07-26");
    }

    public static void WriteCsv(TextWriter w, IReadOnlyList<SweepAxis> axes, IEnumerable<SweepRow> rows)
    {
        w.WriteLine(string.Join(",", axes.Select(a => a.Name).Concat(SweepMetrics.Columns).Append("param_hash").Append("run_hash")));
        foreach (var r in rows)
            w.WriteLine(string.Join(",", r.Point.Values.Concat(r.Metrics.Cells()).Append(r.Point.Hash).Append(r.RunHash)));
    }

    /// <summary>On a terminal a progress bar counts the finished sets.</summary>
    private static int RunWithProgress(Func<Action<int>, Action, int> run)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive) return run(_ => { }, () => { });
        return AnsiConsole.Progress().AutoClear(true).Start(ctx =>
        {
            var task = ctx.AddTask("sweep");
            return run(total => task.MaxValue = Math.Max(1, total), () => { lock (task) task.Increment(1); });
        });
    }
}
