using System.CommandLine;
using System.Globalization;
using LiveTrader.App.Configuration;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Data;
using LiveTrader.Engine.Reports;
using LiveTrader.Engine.Runs;
using Spectre.Console;

namespace LiveTrader.App.Commands;

/// <summary><c>backtest --segment S --candles FILE [...] --out DIR</c>: the same agent as paper and
/// live, driven by candle files with modelled option premiums.</summary>
public static class BacktestCommand
{
    public static Command Create()
    {
        var segments = new Option<string[]>("--segment") { Description = "Segment to backtest (NIFTY, BANKNIFTY, SENSEX); repeat with --candles for several", Arity = ArgumentArity.ZeroOrMore };
        var candles = new Option<string[]>("--candles") { Description = "Candle CSV of that segment's index, one per --segment, in the same order", Arity = ArgumentArity.ZeroOrMore };
        var ticks = new Option<string[]>("--ticks") { Description = "Replay a paper session's recording (recordings/ticks_<SEGMENT>_<date>.jsonl) instead of candles; repeat for several", Arity = ArgumentArity.ZeroOrMore };
        var interval = new Option<string?>("--interval") { Description = "Signal timeframe (3minute, 5minute, 15minute, 30minute, 60minute); finer input is resampled. Default: the configuration's" };
        var stopCandles = new Option<string[]>("--stop-candles") { Description = "Finer candles (e.g. 1-minute) to check stops on, one per --segment", Arity = ArgumentArity.ZeroOrMore };
        var from = new Option<string?>("--from") { Description = "First day to trade (YYYY-MM-DD); earlier candles only warm the indicators" };
        var to = new Option<string?>("--to") { Description = "Last day to trade (YYYY-MM-DD)" };
        var config = new Option<string?>("--config") { Description = "Configuration JSON overriding the defaults" };
        var source = new Option<string?>("--source") { Description = "sim: the simulator's generated history, no candle file needed (give --from and --to); default: the --candles files" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the simulator's market with --source sim", DefaultValueFactory = _ => 1UL };
        var parameters = new Option<string?>("--parameters") { Description = "Run again exactly what a parameters.json (written by every backtest, sweep row and session) records: its settings, source, days and candle files; give only --out besides" };
        var output = new Option<string>("--out") { Description = "Folder for the trades/events CSV files, the workbook and parameters.json", Required = true };
        var command = new Command("backtest", "Backtest the strategy on candle files, writing trades, events and an Excel workbook")
        {
            segments, candles, ticks, interval, stopCandles, from, to, source, seed, config, parameters, output,
        };
        command.SetAction(parse => CliErrors.Run(() => Run(new BacktestRequest(
            parse.GetValue(segments) ?? [], parse.GetValue(candles) ?? [], parse.GetValue(interval),
            parse.GetValue(stopCandles) ?? [], parse.GetValue(from), parse.GetValue(to),
            parse.GetValue(config), parse.GetValue(output)!)
        { Ticks = parse.GetValue(ticks) ?? [], Source = parse.GetValue(source), Seed = parse.GetValue(seed), Parameters = parse.GetValue(parameters) })));
        return command;
    }

    public sealed record BacktestRequest(
        string[] Segments, string[] Candles, string? Interval, string[] StopCandles,
        string? From, string? To, string? Config, string Out)
    {
        /// <summary>Recordings to replay instead of candle files.</summary>
        public string[] Ticks { get; init; } = [];

        /// <summary>"sim": candles from the simulator's history instead of files.</summary>
        public string? Source { get; init; }

        public ulong Seed { get; init; } = 1;

        /// <summary>A parameters.json to run again instead of the other options.</summary>
        public string? Parameters { get; init; }
    }

    public static int Run(BacktestRequest request)
    {
        OutputGuard.Folder("--out", request.Out, BacktestFiles.IsRunFile,
            [.. OutputGuard.Inputs("--candles", request.Candles), .. OutputGuard.Inputs("--stop-candles", request.StopCandles),
             .. OutputGuard.Inputs("--ticks", request.Ticks), new("--config", request.Config)]);
        if (request.Parameters is not null) return Rerun(request);
        return Run(request, SettingsLoader.Load(request.Config));
    }

    /// <summary>A parameters.json run again: its settings as recorded (the configuration is not read),
    /// its candle files only if they still hold what the run read.</summary>
    private static int Rerun(BacktestRequest request)
    {
        if (request.Segments.Length > 0 || request.Candles.Length > 0 || request.Ticks.Length > 0 || request.StopCandles.Length > 0
            || request.From is not null || request.To is not null || request.Source is not null || request.Interval is not null || request.Config is not null)
            throw new UsageError("--parameters runs what the file records: give it with --out only");
        var file = request.Parameters!;
        OutputGuard.Folder("--out", request.Out, BacktestFiles.IsRunFile, [new("--parameters", file)]);
        var recorded = RunParameters.Read(file);
        if (recorded.Kind != RunParameters.BacktestKind)
            throw new UsageError($"--parameters: {file} records a {recorded.Kind} session, not a backtest; only a backtest can be run again from it");
        if (recorded.Source == BacktestSources.Kite)
            throw new UsageError($"--parameters: {file} records a backtest on Kite's history, which is not kept; download those days with history and backtest the files");
        var settings = recorded.ToSettings(file);
        recorded.CheckFiles(file);
        if (recorded.Source == BacktestSources.Ticks)
        {
            var replay = new BacktestRequest([], [], null, [], null, null, null, request.Out) { Ticks = [.. recorded.Recordings.Select(r => r.Path)] };
            OutputGuard.Folder("--out", request.Out, BacktestFiles.IsRunFile, [.. OutputGuard.Inputs("--ticks", replay.Ticks)]);
            return ReplayTicks(replay, settings);
        }
        var again = new BacktestRequest([.. recorded.Segments], [.. recorded.Candles.Select(c => c.Path)], null,
            [.. recorded.StopCandles.Select(c => c.Path)], recorded.From, recorded.To, null, request.Out)
        {
            Source = recorded.Source == BacktestSources.Sim ? recorded.Source : null,
            Seed = recorded.Seed ?? 1,
        };
        OutputGuard.Folder("--out", request.Out, BacktestFiles.IsRunFile,
            [.. OutputGuard.Inputs("--candles", again.Candles), .. OutputGuard.Inputs("--stop-candles", again.StopCandles)]);
        return Run(again, settings);
    }

    private static int Run(BacktestRequest request, LiveTraderSettings settings)
    {
        if (request.Ticks.Length > 0) return ReplayTicks(request, settings);
        if (request.Segments.Length == 0) throw new UsageError("give --segment and --candles (or --ticks with a recording)");
        var timeframe = SignalsCommand.ResolveTimeframe(request.Interval, settings);
        // The interval given on the command line is part of what decided the trades: record it as the settings' timeframe.
        settings.Strategy.Timeframe = timeframe.ToString();
        var inputs = request.Source is null ? Prepare(request, settings, timeframe) : FromSimulator(request, settings, timeframe);

        var results = RunWithProgress(inputs, progressOf => BacktestSession.RunAll(inputs, settings, progressOf));

        var note = BacktestSession.PremiumNote(settings, inputs.Select(i => i.Segment));
        var files = Write(request.Out, results, note);
        var parameters = Parameters(request, settings, inputs);
        parameters.Write(request.Out);
        foreach (var r in results) PrintSummary(r);
        Console.WriteLine(note);
        Console.WriteLine($"Wrote {files.Count} files to {request.Out}");
        return CliErrors.Ok;
    }

    /// <summary>What this run was: the effective settings, the source, the days and each candle file by content.</summary>
    private static RunParameters Parameters(BacktestRequest request, LiveTraderSettings settings, List<BacktestInput> inputs) => new()
    {
        Kind = RunParameters.BacktestKind,
        Source = request.Source is null ? BacktestSources.Files : BacktestSources.Sim,
        Segments = inputs.Select(i => i.Segment.ToString()).ToList(),
        From = Day(ParseDay(request.From, "--from")),
        To = Day(ParseDay(request.To, "--to")),
        Seed = request.Source is null ? null : request.Seed,
        Candles = request.Source is null ? request.Segments.Select((s, i) => InputFileFact.Of(inputs[i].Segment.ToString(), request.Candles[i])).ToList() : [],
        StopCandles = request.StopCandles.Select((s, i) => InputFileFact.Of(inputs[i].Segment.ToString(), s)).ToList(),
        Settings = RunParameters.SettingsJson(settings),
    };

    /// <summary>Replays recorded paper sessions; every recording is read and replayed before any file is written.</summary>
    private static int ReplayTicks(BacktestRequest request, LiveTraderSettings settings)
    {
        if (request.Segments.Length > 0 || request.Candles.Length > 0 || request.StopCandles.Length > 0 || request.From is not null || request.To is not null)
            throw new UsageError("--ticks replays a recording as it was: give it without --segment, --candles, --stop-candles, --from or --to");
        var results = TickReplay.RunAll(request.Ticks, settings, w => Console.Error.WriteLine($"warning: {w}"));
        var files = Write(request.Out, results, TickReplay.PremiumNote);
        // Each result is its recording's, in the order given.
        new RunParameters
        {
            Kind = RunParameters.BacktestKind,
            Source = BacktestSources.Ticks,
            Segments = results.Select(r => r.Segment.ToString()).ToList(),
            Recordings = request.Ticks.Select((f, i) => InputFileFact.Of(results[i].Segment.ToString(), f)).ToList(),
            Settings = RunParameters.SettingsJson(settings),
        }.Write(request.Out);
        foreach (var r in results) PrintSummary(r);
        Console.WriteLine(TickReplay.PremiumNote);
        Console.WriteLine($"Wrote {files.Count} files to {request.Out}");
        return CliErrors.Ok;
    }

    /// <summary>Writes this run's files and removes an earlier run's files for other segments, so the
    /// folder holds one run's results, never two mixed.</summary>
    private static IReadOnlyList<string> Write(string folder, IReadOnlyList<BacktestResult> results, string note)
    {
        var files = BacktestFiles.Write(folder, results, note);
        foreach (var removed in BacktestFiles.RemoveOtherSegments(folder, results.Select(r => r.Segment)))
            Console.Error.WriteLine($"warning: removed {removed}, an earlier run's result for a segment this run does not have");
        return files;
    }

    /// <summary>Checks every argument and reads every file before anything runs or is written.</summary>
    private static List<BacktestInput> Prepare(BacktestRequest request, LiveTraderSettings settings, Timeframe timeframe)
    {
        if (request.Segments.Length != request.Candles.Length)
            throw new UsageError($"give --segment and --candles in pairs: {request.Segments.Length} segment(s) but {request.Candles.Length} candle file(s)");
        if (request.StopCandles.Length != 0 && request.StopCandles.Length != request.Segments.Length)
            throw new UsageError($"give one --stop-candles per --segment: {request.Segments.Length} segment(s) but {request.StopCandles.Length} stop candle file(s)");
        var from = ParseDay(request.From, "--from");
        var to = ParseDay(request.To, "--to");
        if (from is DateOnly f && to is DateOnly t && f > t)
            throw new UsageError($"--from {f:yyyy-MM-dd} is after --to {t:yyyy-MM-dd}");

        var seen = new HashSet<Segment>();
        var inputs = new List<BacktestInput>();
        for (var i = 0; i < request.Segments.Length; i++)
        {
            if (!Segments.TryParse(request.Segments[i], out var segment))
                throw new UsageError($"--segment: unknown segment '{request.Segments[i]}' (known: {Segments.Names})");
            if (!seen.Add(segment)) throw new UsageError($"--segment: {segment} is given twice");
            if (!settings.Segments.ContainsKey(segment.ToString()))
                throw new UsageError($"--segment: {segment} has no settings in the configuration");
            var series = CandleCsvReader.Read(request.Candles[i]);
            Warn(series, segment);
            CandleSeries? stopSeries = null;
            if (request.StopCandles.Length > 0)
            {
                stopSeries = CandleCsvReader.Read(request.StopCandles[i]);
                Warn(stopSeries, segment);
            }
            inputs.Add(BacktestInputs.FromSeries(segment, series, stopSeries, timeframe, from, to));
        }
        return inputs;
    }

    /// <summary>Candles that need no file: the simulator's history of the days asked for.</summary>
    private static List<BacktestInput> FromSimulator(BacktestRequest request, LiveTraderSettings settings, Timeframe timeframe)
    {
        if (request.Source!.Trim().ToLowerInvariant() != "sim") throw new UsageError($"--source: '{request.Source}' is not sim (or leave it out and give --candles)");
        if (request.Candles.Length > 0 || request.StopCandles.Length > 0) throw new UsageError("--source sim takes no --candles or --stop-candles");
        var from = ParseDay(request.From, "--from") ?? throw new UsageError("--source sim: give --from, the first day to trade");
        var to = ParseDay(request.To, "--to") ?? throw new UsageError("--source sim: give --to, the last day to trade");
        if (from > to) throw new UsageError($"--from {from:yyyy-MM-dd} is after --to {to:yyyy-MM-dd}");
        var segments = new List<Segment>();
        foreach (var name in request.Segments)
        {
            if (!Segments.TryParse(name, out var segment)) throw new UsageError($"--segment: unknown segment '{name}' (known: {Segments.Names})");
            if (segments.Contains(segment)) throw new UsageError($"--segment: {segment} is given twice");
            segments.Add(segment);
        }
        return Feeds.SimulatedHistory.InputsAsync(segments, settings, timeframe, from, to, request.Seed, CancellationToken.None).GetAwaiter().GetResult();
    }

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ParseDay(string? text, string option)
    {
        if (text is null) return null;
        if (Ist.TryParseDay(text, out var day)) return day;
        throw new UsageError($"{option}: '{text}' is not a date like 2024-07-26");
    }

    private static void Warn(CandleSeries series, Segment segment)
    {
        foreach (var warning in series.Warnings(segment)) Console.Error.WriteLine($"warning: {warning}");
    }

    /// <summary>On a terminal each segment gets a progress bar.</summary>
    private static IReadOnlyList<BacktestResult> RunWithProgress(List<BacktestInput> inputs,
        Func<Func<int, IProgress<int>?>, IReadOnlyList<BacktestResult>> run)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive) return run(_ => null);
        return AnsiConsole.Progress().AutoClear(true).Start(ctx =>
        {
            var tasks = inputs.Select(input => ctx.AddTask(input.Segment.ToString(), maxValue: input.Candles.Count)).ToArray();
            var results = run(i => new Progress<int>(done => tasks[i].Value = done));
            foreach (var task in tasks) task.Value = task.MaxValue;
            return results;
        });
    }

    private static void PrintSummary(BacktestResult r)
    {
        var s = r.Summary;
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"{r.Segment}: {s.Trades} trades, win rate {s.WinRatePct.ToString("0.##", inv)}%, gross {Rupees(s.GrossPnl)}, charges {Rupees(s.Charges)}, net {Rupees(s.NetPnl)}");
        Console.WriteLine($"  max drawdown {Rupees(s.MaxDrawdown)} ({s.MaxDrawdownPct.ToString("0.##", inv)}%), " +
            $"best day {(s.BestDay is { } b ? $"{b.Day:yyyy-MM-dd} {Rupees(b.Net)}" : "-")}, " +
            $"worst day {(s.WorstDay is { } w ? $"{w.Day:yyyy-MM-dd} {Rupees(w.Net)}" : "-")}, " +
            $"return on {Rupees(s.InitialCapital)} capital {s.ReturnOnCapitalPct.ToString("0.##", inv)}%");
    }

    private static string Rupees(decimal value) => "Rs " + value.ToString("#,0.00", CultureInfo.InvariantCulture);
}
