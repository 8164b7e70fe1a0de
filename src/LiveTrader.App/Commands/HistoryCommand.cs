using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LiveTrader.App.Configuration;
using LiveTrader.App.Feeds;
using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Engine.Data;
using LiveTrader.Engine.Archive;
using LiveTrader.Kite.Auth;
using LiveTrader.Kite.Historical;
using LiveTrader.Kite.Instruments;
using LiveTrader.Kite.Rest;
using LiveTrader.Sim;
using Spectre.Console;

namespace LiveTrader.App.Commands;

/// <summary><c>history --source sim|kite --segments S,... --interval I --from D [--to D] --data DIR [--futures] [--traded LOG|DIR]</c>:
/// a local archive of index candles, in the files the Backtest page and <c>backtest</c> read, and on
/// request the segments' near-month futures and a session's traded options with their open interest.</summary>
public static class HistoryCommand
{
    public static Command Create()
    {
        var source = new Option<string>("--source") { Description = "Where the candles come from: sim (the built-in simulator's generated market, no account) or kite (your logged-in account)", DefaultValueFactory = _ => "sim" };
        var segments = new Option<string>("--segments") { Description = "Indices to archive, comma separated", DefaultValueFactory = _ => "NIFTY,BANKNIFTY,SENSEX" };
        var interval = new Option<string>("--interval") { Description = "Kite interval: minute, 3minute, 5minute, 10minute, 15minute, 30minute, 60minute or day", DefaultValueFactory = _ => "minute" };
        var from = new Option<string>("--from") { Description = "First day (YYYY-MM-DD)", Required = true };
        var to = new Option<string?>("--to") { Description = "Last day (YYYY-MM-DD); default the day before today (on the simulator: before its day)" };
        var data = new Option<string?>("--data") { Description = "Data folder of the archive; default the configuration's DataFolder" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the simulator's market", DefaultValueFactory = _ => 1UL };
        var simDay = new Option<string?>("--sim-day") { Description = "The simulator's today (YYYY-MM-DD); its history is generated backwards from it. Default: the archive's, else the latest trading day" };
        var config = new Option<string?>("--config") { Description = "Configuration JSON overriding the defaults" };
        var futures = new Option<bool>("--futures") { Description = "Also the segments' near-month future, with open interest, into futures/SEG_FUT_<interval>.csv" };
        var traded = new Option<string?>("--traded") { Description = "Also the options a session traded, with open interest, on their trade days within --from..--to, into options/<SYMBOL>_<interval>.csv: a trade log (live_trades_<date>.csv) or a folder of them" };
        var command = new Command("history", "Download index candles (and on request the near-month future and traded options) into the data folder (resumable), from the simulator or Kite")
        {
            source, segments, interval, from, to, data, seed, simDay, config, futures, traded,
        };
        command.SetAction((parse, ct) => CliErrors.RunAsync(() => RunAsync(new HistoryRequest(
            parse.GetValue(source)!, parse.GetValue(segments)!, parse.GetValue(interval)!, parse.GetValue(from)!, parse.GetValue(to),
            parse.GetValue(data), parse.GetValue(seed), parse.GetValue(simDay), parse.GetValue(config))
        {
            Futures = parse.GetValue(futures), Traded = parse.GetValue(traded),
        }, ct)));
        return command;
    }

    public sealed record HistoryRequest(string Source, string Segments, string Interval, string From, string? To,
        string? Data, ulong Seed, string? SimDay, string? Config)
    {
        /// <summary>Also the segments' near-month futures.</summary>
        public bool Futures { get; init; }
        /// <summary>A trade log, or a folder of them, whose options to archive too.</summary>
        public string? Traded { get; init; }
    }

    /// <summary>What a run archives beyond the indices.</summary>
    private sealed record Derivatives(bool Futures, IReadOnlyList<TradedOption>? Traded, Func<Segment, string> ExchangeOf);

    public static async Task<int> RunAsync(HistoryRequest request, CancellationToken ct)
    {
        var settings = SettingsLoader.Load(request.Config);
        var folder = request.Data ?? settings.DataFolder;
        var interval = ParseInterval(request.Interval);
        var from = Day(request.From, "--from")!.Value;
        var to = Day(request.To, "--to");
        var indices = ParseSegments(request.Segments).Select(s => new HistoryIndex(s,
            settings.Segments.TryGetValue(s.ToString(), out var seg) ? seg.IndexToken : throw new UsageError($"--segments: {s} has no settings in the configuration"))).ToList();
        var recorded = HistorySource.Read(folder);
        // The trade logs are read before any server is asked, so a damaged one costs nothing.
        var derivatives = new Derivatives(request.Futures, request.Traded is { } traded ? TradedOptions.Read(traded) : null,
            s => settings.Segments.TryGetValue(s.ToString(), out var seg) ? seg.Exchange : throw new UsageError($"--traded: {s} has no settings in the configuration"));

        switch (request.Source.Trim().ToLowerInvariant())
        {
            case "sim":
            {
                var simDay = SimDay(request, recorded);
                await using var sim = await SimServer.StartAsync(new SimOptions { Port = 0, Seed = request.Seed, Date = simDay }, ct);
                var source = new HistorySource("sim", request.Seed, sim.Market.Day);
                var lastDay = sim.Market.Day.AddDays(-1);
                var plan = Plan(indices, interval, from, to ?? lastDay, lastDay, folder, source, recorded, "the simulator's day");
                if (from < sim.Market.Day.AddDays(-800))
                    throw new UsageError($"--from: the simulator keeps 800 days before its day {sim.Market.Day:yyyy-MM-dd}; start on or after {sim.Market.Day.AddDays(-800):yyyy-MM-dd}");
                var login = sim.Sessions.CreateSession();
                using var rest = new KiteRestClient(new KiteCredentials(login.ApiKey, login.AccessToken), new KiteRestOptions { BaseUri = sim.BaseUri });
                return await DownloadAsync(rest, plan, derivatives, source, sim.Market.Day, ct);
            }
            case "kite":
            {
                var today = Ist.DayOf(WallClock.System.Now());
                var source = new HistorySource("kite", null, null);
                var plan = Plan(indices, interval, from, to ?? today.AddDays(-1), today.AddDays(-1), folder, source, recorded, "today");
                using var rest = new KiteAccount(settings).RestClient()
                    ?? throw new UsageError("--source kite: no Kite access token; log in on the page, or set KITE_API_KEY and KITE_ACCESS_TOKEN");
                return await DownloadAsync(rest, plan, derivatives, source, today, ct);
            }
            default:
                throw new UsageError($"--source: '{request.Source}' is neither sim nor kite");
        }
    }

    private static HistoryPlan Plan(List<HistoryIndex> indices, KiteInterval interval, DateOnly from, DateOnly to, DateOnly lastDay,
        string folder, HistorySource source, HistorySource? recorded, string todayName)
    {
        if (to > lastDay) throw new UsageError($"--to: {to:yyyy-MM-dd} is not before {todayName} ({lastDay.AddDays(1):yyyy-MM-dd}); the archive keeps whole sessions");
        if (from > to) throw new UsageError($"--from {from:yyyy-MM-dd} is after --to {to:yyyy-MM-dd}");
        if (recorded is not null && recorded != source)
            throw new UsageError($"--data {folder}: holds an archive from {recorded.Describe()}, not {source.Describe()}; its candles would not join up: use another folder");
        return new HistoryPlan(indices, interval, from, to, folder);
    }

    private static async Task<int> DownloadAsync(KiteRestClient rest, HistoryPlan plan, Derivatives derivatives, HistorySource source, DateOnly today, CancellationToken ct)
    {
        Directory.CreateDirectory(plan.DataFolder);
        source.Write(plan.DataFolder);
        var clock = Stopwatch.StartNew();
        IReadOnlyList<HistoryOutcome> outcomes;
        try
        {
            var dump = await HistoryDownload.ArchiveInstrumentsAsync(rest, plan.DataFolder, today, ct);
            Console.WriteLine($"instrument dump of {today:yyyy-MM-dd}: {dump}");
            var targets = Targets(plan, derivatives, dump, today);
            outcomes = await WithProgressAsync(targets, step => HistoryDownload.RunAsync(rest, targets, step, ct));
        }
        catch (KiteException e)
        {
            Console.Error.WriteLine($"error: Kite answered {(int)e.StatusCode} {e.ErrorType}: {e.Message}; every request done so far is kept: run the same command again to resume");
            return CliErrors.Failed;
        }
        var added = outcomes.Sum(o => o.Added);
        var seconds = Math.Max(clock.Elapsed.TotalSeconds, 0.001);
        foreach (var o in outcomes)
            Console.WriteLine($"{o.Archive}: {o.Added:N0} candles added in {o.Requests} request(s); {o.File} ends {(o.LastCandle is { } l ? Ist.Format(l) : "empty")}");
        Console.WriteLine($"{added:N0} candles in {seconds.ToString("0.0", CultureInfo.InvariantCulture)} s ({(added / seconds).ToString("N0", CultureInfo.InvariantCulture)} a second) from {source.Describe()}");
        return CliErrors.Ok;
    }

    /// <summary>The indices, then each segment's near-month future, then the traded options. Every future
    /// is checked before anything is downloaded, and all that cannot be fetched are refused in one line.</summary>
    private static List<HistoryTarget> Targets(HistoryPlan plan, Derivatives derivatives, string dumpPath, DateOnly today)
    {
        var targets = HistoryDownload.Targets(plan).ToList();
        if (!derivatives.Futures && derivatives.Traded is null) return targets;
        List<KiteInstrument> live;
        using (var stream = File.OpenRead(dumpPath)) live = InstrumentDump.Parse(stream);

        if (derivatives.Futures)
        {
            var refusals = new List<string>();
            foreach (var index in plan.Indices)
            {
                var archive = CandleArchive.NearMonthFuture(plan.DataFolder, index.Segment, plan.Interval);
                var choice = NearMonthFuture.Choose(archive, index.Segment, derivatives.ExchangeOf(index.Segment), live,
                    HistoryDownload.FirstMissingDay(archive, plan.From), plan.From, plan.To, today, ExpiryCalendar.Default);
                if (choice.Target is { } target) targets.Add(target);
                else refusals.Add(choice.Refusal!);
            }
            if (refusals.Count > 0) throw new UsageError("--futures: " + string.Join("; ", refusals));
        }
        if (derivatives.Traded is { } traded)
        {
            var options = TradedOptionPlan.Build(traded, plan.DataFolder, plan.Interval, plan.From, plan.To, today, live, derivatives.ExchangeOf);
            foreach (var warning in options.Warnings) Console.Error.WriteLine("warning: " + warning);
            targets.AddRange(options.Targets);
        }
        return targets;
    }

    /// <summary>On a terminal each archive gets a bar counting its requests.</summary>
    private static async Task<IReadOnlyList<HistoryOutcome>> WithProgressAsync(IReadOnlyList<HistoryTarget> targets,
        Func<Action<HistoryStep>?, Task<IReadOnlyList<HistoryOutcome>>> run)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive) return await run(null);
        return await AnsiConsole.Progress().AutoClear(true).StartAsync(async ctx =>
        {
            var tasks = targets.ToDictionary(t => t.Archive.Name, t => ctx.AddTask(t.Archive.Name, maxValue: Math.Max(1, HistoryDownload.RequestsLeft(t))));
            var outcomes = await run(step => tasks[step.Archive].Value = step.Request);
            foreach (var task in tasks.Values) task.Value = task.MaxValue;
            return outcomes;
        });
    }

    private static DateOnly? SimDay(HistoryRequest request, HistorySource? recorded)
    {
        var asked = Day(request.SimDay, "--sim-day");
        if (asked is { } d && (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || !ExpiryCalendar.Default.IsTradingDay(d)))
            throw new UsageError($"--sim-day: {d:yyyy-MM-dd} is not a trading day");
        return asked ?? (recorded is { Name: "sim" } ? recorded.SimDay : null);
    }

    private static KiteInterval ParseInterval(string text)
    {
        foreach (var i in Enum.GetValues<KiteInterval>())
            if (HistoricalCandles.WireName(i) == text.Trim()) return i;
        throw new UsageError($"--interval: '{text}' is not one of minute, 3minute, 5minute, 10minute, 15minute, 30minute, 60minute, day");
    }

    private static List<Segment> ParseSegments(string text)
    {
        var list = new List<Segment>();
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Segments.TryParse(name, out var s)) throw new UsageError($"--segments: unknown segment '{name}' (known: {Segments.Names})");
            if (!list.Contains(s)) list.Add(s);
        }
        if (list.Count == 0) throw new UsageError("--segments: give at least one of " + Segments.Names);
        return list;
    }

    private static DateOnly? Day(string? text, string option)
    {
        if (text is null) return null;
        if (Ist.TryParseDay(text, out var day)) return day;
        throw new UsageError($"{option}: '{text}' is not a date like 2024-07-26");
    }
}
