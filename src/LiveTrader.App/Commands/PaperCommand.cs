using System.CommandLine;
using System.Globalization;
using LiveTrader.App.Configuration;
using LiveTrader.App.Feeds;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Execution;
using LiveTrader.Engine.Feeds;
using LiveTrader.Engine.Session;

namespace LiveTrader.App.Commands;

/// <summary><c>paper --feed sim|kite [--mode paper|live|dry-run] [--dry-run] [--confirm LIVE] [--segments ...]
/// [--replay FILE --date DATE --speed N] [--until HH:MM] [--out DIR]</c>: a headless session with a one-line
/// status per segment. Paper fills against live quotes; live sends real orders through Kite (only with
/// LiveTradingEnabled, and on a real account only with <c>--confirm LIVE</c>); a dry run does all that
/// live does except send.</summary>
public static class PaperCommand
{
    public sealed record PaperRequest(string Feed, string? Segments, string[] Replay, string? Date, double Speed, ulong Seed,
        string? Until, string? Out, string? Config, TimeSpan StatusEvery)
    {
        /// <summary>--feed recording: the folder of a session's recordings to run again.</summary>
        public string? Recordings { get; init; }

        /// <summary>Close every open paper position when the session is stopped (Ctrl+C or --until).</summary>
        public bool CloseOnStop { get; init; }

        /// <summary>paper (default), live or dry-run.</summary>
        public string? Mode { get; init; }

        public bool DryRun { get; init; }

        /// <summary>The word LIVE, typed: live orders on a real account are never one flag away.</summary>
        public string? Confirm { get; init; }
    }

    public static Command Create()
    {
        var feed = new Option<string>("--feed") { Description = "Market data: sim (the built-in simulator, default), kite (your Kite Connect account) or recording (a session's recordings, --recordings DIR)", DefaultValueFactory = _ => "sim" };
        var recordings = new Option<string?>("--recordings") { Description = "recording feed: the recordings folder of an earlier session" };
        var closeOnStop = new Option<bool>("--close-on-stop") { Description = "Close every open position when the session stops (Ctrl+C or --until); otherwise they stay in the journal for a restart today" };
        var segments = new Option<string?>("--segments") { Description = "Comma-separated segments (default: those enabled in the configuration)" };
        var replay = new Option<string[]>("--replay") { Description = "sim feed: 1-minute candle file(s) to replay", Arity = ArgumentArity.ZeroOrMore };
        var date = new Option<string?>("--date") { Description = "sim feed: the trading day to simulate (YYYY-MM-DD)" };
        var speed = new Option<double>("--speed") { Description = "sim feed: simulated seconds per real second", DefaultValueFactory = _ => 60.0 };
        var seed = new Option<ulong>("--seed") { Description = "sim feed: seed of the generated market", DefaultValueFactory = _ => 1UL };
        var until = new Option<string?>("--until") { Description = "Stop at this IST time (HH:MM); default 15:30, the close" };
        var output = new Option<string?>("--out") { Description = "Folder for live_trades_<date>.csv, live_events_<date>.csv and the journal (default: the configuration's OutputFolder)" };
        var config = new Option<string?>("--config") { Description = "Configuration JSON overriding the defaults" };
        var mode = new Option<string?>("--mode") { Description = "paper (default: simulated fills), live (real Kite orders; needs LiveTrader:LiveTradingEnabled) or dry-run (as live, nothing sent)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Run everything as live on the live feed, log every order as DRY RUN, send none" };
        var confirm = new Option<string?>("--confirm") { Description = "--mode live on --feed kite: type LIVE to confirm real orders on your account" };
        var command = new Command("paper", "Trade on live ticks: agents per segment, paper (simulated fills), live (Kite orders) or dry run; CSV logs and a crash-safe journal")
        {
            feed, segments, replay, date, speed, seed, until, output, config, recordings, closeOnStop, mode, dryRun, confirm,
        };
        command.SetAction((parse, ct) => CliErrors.RunAsync(() => RunAsync(new PaperRequest(
            parse.GetValue(feed)!, parse.GetValue(segments), parse.GetValue(replay) ?? [], parse.GetValue(date), parse.GetValue(speed),
            parse.GetValue(seed), parse.GetValue(until), parse.GetValue(output), parse.GetValue(config), TimeSpan.FromSeconds(5))
        {
            Recordings = parse.GetValue(recordings), CloseOnStop = parse.GetValue(closeOnStop),
            Mode = parse.GetValue(mode), DryRun = parse.GetValue(dryRun), Confirm = parse.GetValue(confirm),
        }, ct)));
        return command;
    }

    public static async Task<int> RunAsync(PaperRequest request, CancellationToken ct)
    {
        var settings = SettingsLoader.Load(request.Config);
        var tradingMode = ChooseMode(request, settings);
        OutputGuard.Folder("--out", request.Out ?? settings.OutputFolder, SessionFiles.IsWritten,
            [.. OutputGuard.Inputs("--replay", request.Replay), new("--recordings", request.Recordings), new("--config", request.Config)]);
        if (request.Feed.Trim().Equals("recording", StringComparison.OrdinalIgnoreCase))
        {
            if (request.Mode is not null || request.DryRun) throw new UsageError("--feed recording replays the recorded session in its own mode: leave out --mode and --dry-run");
            if (request.Recordings is null) throw new UsageError("--feed recording needs --recordings DIR");
            var target = request.Out ?? settings.OutputFolder;
            RecordedSession.Run(request.Recordings, target, settings, ct, w => Console.Error.WriteLine($"warning: {w}"));
            Console.WriteLine($"Ran the recordings in {request.Recordings}; logs in {Path.GetFullPath(target)}");
            return CliErrors.Ok;
        }
        var segments = ParseSegments(request.Segments, settings);
        var until = ParseUntil(request.Until);
        var folder = request.Out ?? settings.OutputFolder;

        await using var feed = await OpenFeedAsync(request, settings, ct);
        await using var session = new PaperSession(settings, segments, folder, feed.Market, feed.Now, Print)
        {
            StaleQuote = feed.StaleQuote, MarketSecondsPerSecond = feed.Sim?.MarketSecondsPerSecond ?? 1, FeedName = request.Feed.Trim().ToLowerInvariant(),
            Mode = tradingMode, Broker = tradingMode == TradingMode.Live ? feed.Market.Broker(settings.Live, feed.ApiSecret) : null,
        };
        await session.StartAsync(ct);
        if (feed.Sim is { } sim) await sim.OpenTheDayAsync(session, TimeSpan.FromSeconds(10), ct);
        var what = tradingMode switch
        {
            TradingMode.Live => "LIVE session (REAL ORDERS)",
            TradingMode.DryRun => "DRY RUN session (every order logged, none sent)",
            _ => "Paper session",
        };
        Console.WriteLine($"{what} on {Ist.DayOf(feed.Now()):yyyy-MM-dd} ({feed.Description}); segments {string.Join(", ", segments)}; logs in {Path.GetFullPath(folder)}");
        if (tradingMode == TradingMode.Live)
            Console.WriteLine($"Kill switch: kill-switch --out {folder} cancels every working order, closes every position and halts. Ctrl+C stops new entries; protective stops stay at Kite.");

        // --until is checked often (a fast simulator covers minutes a second); the status prints less.
        using var untilTimer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var clock = WallClock.System.Time;
        var lastStatus = clock.GetTimestamp();
        try
        {
            while (Ist.TimeOf(feed.Now()) < until && await untilTimer.WaitForNextTickAsync(ct))
            {
                if (clock.GetElapsedTime(lastStatus) < request.StatusEvery) continue;
                lastStatus = clock.GetTimestamp();
                PrintStatus(session, feed.Now());
            }
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine(request.CloseOnStop
                ? "Stopping: no new entries; closing every open position."
                : "Stopping: no new entries; open positions stay in the journal for a restart today.");
        }
        await session.StopAsync(closeAll: request.CloseOnStop);
        PrintStatus(session, feed.Now());
        if (request.CloseOnStop)
        {
            foreach (var open in session.Statuses.Where(s => s.Quantity > 0))
                Console.WriteLine($"{open.Segment}: {open.OptionSymbol} x{open.Quantity} is still open: its exit found no fresh quote. It stays in the journal and the next start today closes it.");
        }
        var day = Ist.DayOf(feed.Now());
        Console.WriteLine($"Trades: {Path.Combine(folder, DailyLogs.TradesFile(day))}");
        Console.WriteLine($"Events: {Path.Combine(folder, DailyLogs.EventsFile(day))}");
        return CliErrors.Ok;
    }

    /// <summary>Live mode only when the configuration allows it, and on a real account only when confirmed.</summary>
    public static TradingMode ChooseMode(PaperRequest request, LiveTraderSettings settings)
    {
        var mode = TradingMode.Paper;
        if (request.Mode is not null && !TradingModes.TryParse(request.Mode, out mode))
            throw new UsageError($"--mode: '{request.Mode}' is not paper, live or dry-run");
        if (request.DryRun) return TradingMode.DryRun;
        if (mode != TradingMode.Live) return mode;
        if (!settings.LiveTradingEnabled)
            throw new UsageError("--mode live: live trading is switched off in the configuration; set LiveTrader:LiveTradingEnabled to true once paper results satisfy you (try --dry-run first)");
        var feed = request.Feed.Trim().ToLowerInvariant();
        if (feed == "recording") throw new UsageError("--mode live needs a live feed (kite, or sim to rehearse), not a recording");
        if (feed == "kite" && request.Confirm != "LIVE")
            throw new UsageError("--mode live on --feed kite places real orders on your account: add --confirm LIVE to go ahead");
        return mode;
    }

    private static void Print(AgentEvent e)
    {
        if (e.Type is AgentEventType.CandleProcessed or AgentEventType.StopMoved) return;
        Console.WriteLine($"  {Ist.TimeOf(e.Time):HH:mm:ss} {e.Segment,-9} {e.Type,-15} {e.Message}");
    }

    private static void PrintStatus(PaperSession session, DateTimeOffset now)
    {
        var inv = CultureInfo.InvariantCulture;
        foreach (var s in session.Statuses)
        {
            var position = s.OptionSymbol is null ? "" :
                string.Create(inv, $" {s.OptionSymbol} x{s.Quantity} @ {s.EntryPrice:0.00} SL {s.StopLoss:0.##} TSL {s.TrailingStop:0.##} open P&L {s.OpenPnl:+0.00;-0.00;0.00}");
            Console.WriteLine(string.Create(inv,
                $"{Ist.TimeOf(now):HH:mm:ss} {s.Segment,-9} {s.Status.ToText(),-18} spot {s.Spot:0.00}{position} | trades {s.TradesToday} wins {s.WinsToday} net {s.NetPnlToday:0.00} | feed {session.FeedStatus}{(s.Fault is { } f ? $" | STOPPED: {f}" : "")}"));
        }
    }

    private static IReadOnlyList<Segment> ParseSegments(string? text, LiveTraderSettings settings)
    {
        if (text is null)
            return Segments.All.Where(s => settings.Segments.TryGetValue(s.ToString(), out var seg) && seg.Enabled).ToList();
        var list = new List<Segment>();
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Segments.TryParse(name, out var s)) throw new UsageError($"--segments: unknown segment '{name}' (known: {Segments.Names})");
            if (!list.Contains(s)) list.Add(s);
        }
        if (list.Count == 0) throw new UsageError("--segments: name at least one segment");
        return list;
    }

    private static TimeOnly ParseUntil(string? text)
    {
        if (text is null) return MarketHours.Close;
        if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) return t;
        throw new UsageError($"--until: '{text}' is not a time like 15:20");
    }

    private sealed class OpenFeed(KiteLiveMarket market, Func<DateTimeOffset> now, TimeSpan staleQuote, string description, SimulatedMarket? sim) : IAsyncDisposable
    {
        public KiteLiveMarket Market { get; } = market;
        /// <summary>The secret that signs the order updates (the simulator's, or the account's).</summary>
        public string? ApiSecret { get; init; }
        public Func<DateTimeOffset> Now { get; } = now;
        public TimeSpan StaleQuote { get; } = staleQuote;
        /// <summary>The in-process simulator, when it is the feed.</summary>
        public SimulatedMarket? Sim { get; } = sim;
        public string Description { get; } = description;

        public async ValueTask DisposeAsync()
        {
            if (Sim is not null) await Sim.DisposeAsync();
        }
    }

    private static async Task<OpenFeed> OpenFeedAsync(PaperRequest request, LiveTraderSettings settings, CancellationToken ct)
    {
        switch (request.Feed.Trim().ToLowerInvariant())
        {
            case "sim":
            {
                var sim = await SimulatedMarket.StartAsync(SimCommand.Options(0, request.Replay, request.Speed, request.Seed, request.Date), ct);
                var what = request.Replay.Length > 0 ? $"replaying {string.Join(", ", request.Replay.Select(Path.GetFileName))}" : $"generated market, seed {request.Seed}";
                return new OpenFeed(sim.Market, sim.Now, sim.StaleQuote,
                    string.Create(CultureInfo.InvariantCulture, $"simulator at {sim.Server.BaseUri}, {what}, speed x{request.Speed}"), sim)
                    { ApiSecret = sim.Server.Options.ApiSecret };
            }
            case "kite":
            {
                // The page's own account and roots: a token saved by its login works here too.
                var account = new KiteAccount(settings);
                var market = KiteFeed.Open(account, WallClock.System)
                    ?? throw new UsageError("login required: " + (account.Status() is { Configured: false, State: not "not configured" } broken
                        ? broken.State // a broken credentials file, named with what is wrong
                        : "log in on the page (serve), set KITE_API_KEY and KITE_ACCESS_TOKEN, or configure LiveTrader:Kite:CredentialsFile"));
                return new OpenFeed(market, WallClock.System.Now, TimeSpan.FromSeconds(5), $"Kite Connect at {settings.Kite.ApiRoot}", null);
            }
            default:
                throw new UsageError($"--feed: '{request.Feed}' is not sim, kite or recording");
        }
    }
}
