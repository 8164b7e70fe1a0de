using System.Diagnostics;
using System.Globalization;
using LiveTrader.App.Commands;
using LiveTrader.App.Configuration;
using LiveTrader.App.Feeds;
using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Execution;
using LiveTrader.Engine.Journal;
using LiveTrader.Engine.Session;
using LiveTrader.Kite.Auth;
using LiveTrader.Kite.Rest;

namespace LiveTrader.App.Tests;

/// <summary>Live mode against the simulator, which refuses what Kite refuses and loses, repeats and
/// reorders what Kite can: whole days where Kite's book and positions end equal to the ledger.</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class LiveTradingTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 1, 7);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(EntryOrderType.Market)]
    [InlineData(EntryOrderType.Limit)]
    public async Task A_live_day_with_lost_repeated_and_reordered_updates_a_429_storm_a_dropped_ticker_and_a_restart_ends_with_Kite_equal_to_the_ledger(EntryOrderType orders)
    {
        var settings = SettingsLoader.Load(null);
        settings.Live.PollSeconds = 0.5;
        settings.Live.EntryOrderType = orders;
        var folder = _temp.Combine("live");
        await using var sim = await SimulatedMarket.StartAsync(SimCommand.Options(0, [], 300, 1, "2026-01-07"), CancellationToken.None);
        var faults = sim.Server.Faults;

        // The morning: lost placement answers, repeated, dropped and reordered updates; then the process stops at noon.
        await using (var morning = Session(settings, folder, sim, sim.Market))
        {
            await morning.StartAsync(CancellationToken.None);
            await sim.OpenTheDayAsync(morning, TimeSpan.FromSeconds(10), CancellationToken.None);
            await RunUntil(sim, new TimeOnly(12, 0),
                (new TimeOnly(9, 40), () => faults.LoseOrderAnswers(2)),
                (new TimeOnly(10, 10), () => faults.DuplicateOrderUpdates(6)),
                (new TimeOnly(10, 40), () => faults.DropOrderUpdates(4)),
                (new TimeOnly(11, 10), () => faults.ReorderOrderUpdates(4)));
            await morning.StopAsync(closeAll: false);
        }

        // A new process: it reconciles with Kite before its first order, then a 429 storm and a dropped ticker.
        await using (var afternoon = Session(settings, folder, sim, sim.Reconnect()))
        {
            await afternoon.StartAsync(CancellationToken.None);
            await RunUntil(sim, new TimeOnly(15, 29),
                (new TimeOnly(12, 40), () => faults.FailRequests(4, 429)),
                (new TimeOnly(13, 20), () => faults.DropTickerConnections()),
                (new TimeOnly(14, 0), () => faults.DuplicateOrderUpdates(4)));
            await afternoon.StopAsync(closeAll: false);
        }

        var (kiteOrders, positions) = await Book(sim);
        using var journal = SessionJournal.Open(SessionJournal.PathIn(folder));
        var ledger = journal.Orders(Day).ToDictionary(o => o.ClientId);
        var rows = journal.OrderLog(Day);

        // No order was sent twice: one Kite order per tag, and each is in the ledger at the state Kite has.
        var ours = kiteOrders.Where(o => o.Tag is not null).ToList();
        Assert.NotEmpty(ours);
        Assert.Equal(ours.Count, ours.Select(o => o.Tag).Distinct().Count());
        foreach (var o in ours)
        {
            Assert.True(ledger.TryGetValue(o.Tag!, out var mine), $"Kite's order {o.OrderId} tagged {o.Tag} is not in the ledger");
            Assert.Equal(KiteOrderTerms.State(o.Status), mine.State);
            Assert.Equal(o.FilledQuantity, mine.FilledQuantity);
        }
        // Every order the ledger says reached Kite is in Kite's book.
        foreach (var id in rows.Where(r => r.BrokerOrderId is not null).Select(r => r.ClientId).Distinct())
            Assert.Contains(ours, o => o.Tag == id);
        // Everything is flat at the end of the day, at Kite as in the journal.
        Assert.All(positions, p => Assert.Equal(0, p.Quantity));
        Assert.All(ledger.Values, o => Assert.True(o.State.IsFinal(), $"{o.ClientId} is still {o.State}"));

        // The protective stop's quantity at Kite followed the position: entry and every add.
        static string Parent(string id) => char.IsAsciiLetter(id[^1]) ? id[..^1] : id;
        static string Trade(string id) => Parent(id)[..9];
        static char Purpose(string id) => Parent(id)[9];
        var stops = ours.Where(o => Purpose(o.Tag!) == 'S').ToList();
        Assert.NotEmpty(stops);
        foreach (var stop in stops)
        {
            var bought = ours.Where(o => Trade(o.Tag!) == Trade(stop.Tag!) && Purpose(o.Tag!) is 'E' or 'A').Sum(o => o.FilledQuantity);
            var earlierStops = stops.Where(s => Trade(s.Tag!) == Trade(stop.Tag!) && string.CompareOrdinal(s.Tag, stop.Tag) < 0).Sum(s => s.FilledQuantity);
            // A stop replaced after a partial fill covers what is left; otherwise all that was bought.
            Assert.True(stop.Quantity <= bought - earlierStops, $"{stop.Tag} sells {stop.Quantity} of {bought - earlierStops} held");
        }
        var trades = File.ReadAllLines(Path.Combine(folder, DailyLogs.TradesFile(Day))).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.NotEmpty(trades);
        Assert.All(trades, t => Assert.Equal("LIVE", t[1]));
        var events = File.ReadAllLines(Path.Combine(folder, DailyLogs.EventsFile(Day)));
        Assert.Contains(events, l => l.Contains(",PYRAMID_ADD,", StringComparison.Ordinal));
        Assert.Contains(events, l => l.Contains(",SL_QTY_UPDATED,", StringComparison.Ordinal));
        // Both starts compared the ledger with Kite, and found it explained.
        Assert.True(events.Count(l => l.Contains(",RECONCILED,", StringComparison.Ordinal) && l.Contains("agree", StringComparison.Ordinal)) >= 2 * Segments.All.Count);
        Assert.DoesNotContain(events, l => l.Contains(",HALTED,", StringComparison.Ordinal));
        // Each trade's charges were compared with Kite's virtual contract note, and agree to the rupee.
        // (A trade closed in the minutes before the noon stop may have lost its check to the stop.)
        foreach (var id in trades.Where(t => string.CompareOrdinal(t[18][11..], "11:55") < 0 || string.CompareOrdinal(t[18][11..], "12:00") >= 0).Select(t => t[0]))
        {
            var said = events.Where(l => l.Contains($"charges of {id} ", StringComparison.Ordinal)).ToList();
            Assert.True(said.Any(l => l.Contains($"charges of {id} agree with Kite's contract note", StringComparison.Ordinal)),
                $"{id}: {(said.Count == 0 ? "no charges check" : string.Join(" | ", said))}");
        }
        // The orders' log shows Kite's ids.
        var orderLog = File.ReadAllLines(Path.Combine(folder, DailyLogs.OrdersFile(Day)));
        Assert.Contains(orderLog.Skip(1), l => l.Contains(",LIVE,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_that_lapses_with_a_position_open_stops_entries_keeps_the_stop_at_Kite_and_a_new_login_carries_on()
    {
        var settings = SettingsLoader.Load(null);
        settings.Live.PollSeconds = 0.5;
        var folder = _temp.Combine("lapse");
        await using var sim = await SimulatedMarket.StartAsync(SimCommand.Options(0, [], 300, 1, "2026-01-07"), CancellationToken.None);
        var market = sim.Market;
        await using var session = Session(settings, folder, sim, market);
        await session.StartAsync(CancellationToken.None);
        await sim.OpenTheDayAsync(session, TimeSpan.FromSeconds(10), CancellationToken.None);

        await RunUntilHolding(sim, session, new TimeOnly(14, 0));
        var lapsed = sim.Now();
        sim.Server.Faults.ExpireTokens();
        await RunUntil(sim, Ist.TimeOf(lapsed.AddMinutes(30)));

        // While the login is gone every segment says so, and what Kite holds stays protected: each open
        // position has its stop resting for all of it, unless the agent was already selling it.
        Assert.All(session.Statuses, s => Assert.Equal("REDUCING", s.Trading));
        Assert.All(session.Statuses, s => Assert.Contains("login required", s.TradingReason));
        var (during, held) = await Book(sim);
        foreach (var p in held.Where(p => p.Quantity > 0))
        {
            var covered = during.Any(o => o.Tag is { } tag && tag[9] == 'S' && o.Tradingsymbol == p.Tradingsymbol
                && o.Status == "TRIGGER PENDING" && o.Quantity == p.Quantity);
            var selling = File.ReadLines(Path.Combine(folder, DailyLogs.EventsFile(Day))).Any(l => l.Contains(",EXIT_DELAYED,", StringComparison.Ordinal) && l.Contains(p.Tradingsymbol, StringComparison.Ordinal));
            Assert.True(covered || selling, $"{p.Quantity} {p.Tradingsymbol} held at Kite without its stop");
        }

        // A new login: the same session carries on, reads the book, and may enter again.
        var login = sim.Server.Sessions.CreateSession();
        var relogged = sim.Now();
        market.UseLogin(new KiteCredentials(login.ApiKey, login.AccessToken));
        await RunUntil(sim, Ist.TimeOf(relogged.AddMinutes(10)));
        Assert.All(session.Statuses, s => Assert.Equal("ACTIVE", s.Trading));
        await RunUntil(sim, Ist.TimeOf(relogged.AddMinutes(40)));
        await session.StopAsync(closeAll: true);

        using var journal = SessionJournal.Open(SessionJournal.PathIn(folder));
        var rows = journal.OrderLog(Day);
        // Once a segment knew the login was gone, the risk stage let no entry or add through until it was back.
        var eventLines = File.ReadAllLines(Path.Combine(folder, DailyLogs.EventsFile(Day)));
        foreach (var segment in Segments.All)
        {
            DateTimeOffset When(string what) => eventLines.Where(l => l.Contains($",{segment},BROKER,{what}", StringComparison.Ordinal))
                .Select(l => Ist.At(DateOnly.Parse(l[..10], CultureInfo.InvariantCulture), TimeOnly.Parse(l[11..19], CultureInfo.InvariantCulture))).First();
            var (reducing, active) = (When("REDUCING: login required"), When("ACTIVE: Kite connected again"));
            Assert.DoesNotContain(rows, r => r.Segment == segment && r.State == OrderState.Sent && r.Action == OrderAction.Place
                && r.Purpose is OrderPurpose.Entry or OrderPurpose.Add && r.Time > reducing && r.Time < active);
        }
        // The session ends as an uninterrupted one does: flat, and Kite's book equal to the ledger.
        var (orders, positions) = await Book(sim);
        var ledger = journal.Orders(Day).ToDictionary(o => o.ClientId);
        foreach (var o in orders.Where(o => o.Tag is not null))
        {
            Assert.True(ledger.TryGetValue(o.Tag!, out var mine), $"Kite's order {o.OrderId} tagged {o.Tag} is not in the ledger");
            Assert.Equal(KiteOrderTerms.State(o.Status), mine.State);
            Assert.Equal(o.FilledQuantity, mine.FilledQuantity);
        }
        Assert.All(positions, p => Assert.Equal(0, p.Quantity));
        Assert.All(ledger.Values, o => Assert.True(o.State.IsFinal(), $"{o.ClientId} is still {o.State}"));
        var events = File.ReadAllText(Path.Combine(folder, DailyLogs.EventsFile(Day)));
        Assert.Contains("REDUCING: login required", events);
        Assert.Contains("ACTIVE: Kite connected again", events);
    }

    [Fact]
    public async Task The_kill_switch_empties_Kites_book_and_flattens_within_one_simulated_second_then_halts()
    {
        var settings = SettingsLoader.Load(null);
        var folder = _temp.Combine("kill");
        // The day runs at x300 until a position rests at Kite, then at a tenth of market speed, so one
        // simulated second is ten real ones: the switch has that long to cancel, sell and see the fills,
        // and a busy machine does not decide the outcome.
        var gear = new GearedTime();
        var options = SimCommand.Options(0, [], 300, 1, "2026-01-07");
        options.Clock = new LiveTrader.Sim.SimClock(Ist.At(Day, new TimeOnly(9, 15)), 300, gear, held: true);
        await using var sim = await SimulatedMarket.StartAsync(options, CancellationToken.None);
        await using var session = Session(settings, folder, sim, sim.Market);
        await session.StartAsync(CancellationToken.None);
        await sim.OpenTheDayAsync(session, TimeSpan.FromSeconds(10), CancellationToken.None);
        await RunUntilHolding(sim, session, new TimeOnly(14, 0));

        gear.SlowBy(3000);
        var pressed = sim.Now();
        session.KillSwitch("test");
        DateTimeOffset? emptied = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (emptied is null && DateTime.UtcNow < deadline)
        {
            var (orders, positions) = await Book(sim);
            if (!orders.Any(o => o.Tag is not null && KiteOrderTerms.State(o.Status) is { } st && !st.IsFinal()) && positions.All(p => p.Quantity == 0))
                emptied = sim.Now();
            else await Task.Delay(10);
        }
        Assert.NotNull(emptied);
        Assert.True(emptied.Value - pressed <= TimeSpan.FromSeconds(1), $"the book emptied {(emptied.Value - pressed).TotalSeconds:0.###} simulated seconds after the switch");

        await Until(() => session.Statuses.All(s => s.Trading == "HALTED"), "every segment is HALTED");
        var (after, _) = await Book(sim);
        await Task.Delay(500);
        var (later, _) = await Book(sim);
        Assert.Equal(after.Count, later.Count); // halted: nothing more is sent
        var events = File.ReadAllText(Path.Combine(folder, DailyLogs.EventsFile(Day)));
        Assert.Contains("kill switch (test)", events);
        await session.StopAsync(closeAll: false);
    }

    [Fact]
    public async Task A_restart_that_finds_a_position_at_Kite_its_orders_do_not_explain_halts_the_segment_and_says_why()
    {
        var settings = SettingsLoader.Load(null);
        var folder = _temp.Combine("foreign");
        await using var sim = await SimulatedMarket.StartAsync(SimCommand.Options(0, [], 300, 1, "2026-01-07"), CancellationToken.None);
        // A person bought a NIFTY option by hand in the same account, untagged.
        using (var hand = Rest(sim))
        {
            var instruments = await hand.GetInstrumentsAsync("NFO");
            var option = instruments.First(i => i.Name == "NIFTY" && i.InstrumentType == "CE");
            await hand.PlaceOrderAsync(new KiteOrderRequest
            {
                Exchange = "NFO", Tradingsymbol = option.Tradingsymbol, TransactionType = "BUY", OrderType = "MARKET",
                Quantity = option.LotSize, Product = "MIS", MarketProtection = -1,
            });
        }
        sim.OpenTheDay();
        await RunUntil(sim, new TimeOnly(9, 20));
        await using (var session = Session(settings, folder, sim, sim.Market, [Segment.NIFTY]))
        {
            await session.StartAsync(CancellationToken.None);
            await RunUntil(sim, new TimeOnly(9, 40));
            var card = Assert.Single(session.Statuses);
            Assert.Equal("HALTED", card.Trading);
            Assert.Contains("our orders explain 0", card.TradingReason);
            await session.StopAsync(closeAll: false);
        }
        var (orders, _) = await Book(sim);
        Assert.Single(orders); // the person's order only: a halted segment sends nothing
        var events = File.ReadAllText(Path.Combine(folder, DailyLogs.EventsFile(Day)));
        Assert.Contains("does not trade", events);
    }

    [Fact]
    public async Task A_dry_run_goes_through_the_ledger_and_the_logs_as_live_and_sends_no_order()
    {
        var folder = _temp.Combine("dry");
        var sim = await SimulatedMarket.StartAsync(SimCommand.Options(0, [], 300, 1, "2026-01-07"), CancellationToken.None);
        await using (sim)
        {
            var settings = SettingsLoader.Load(null);
            await using (var session = Session(settings, folder, sim, sim.Market, null, TradingMode.DryRun))
            {
                await session.StartAsync(CancellationToken.None);
                await sim.OpenTheDayAsync(session, TimeSpan.FromSeconds(10), CancellationToken.None);
                await RunUntil(sim, new TimeOnly(15, 29));
                await session.StopAsync(closeAll: false);
            }
            var (orders, positions) = await Book(sim);
            Assert.Empty(orders);
            Assert.Empty(positions.Where(p => p.Quantity != 0));
        }
        var trades = File.ReadAllLines(Path.Combine(folder, DailyLogs.TradesFile(Day))).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.NotEmpty(trades);
        Assert.All(trades, t => Assert.Equal("DRY RUN", t[1]));
        var events = File.ReadAllLines(Path.Combine(folder, DailyLogs.EventsFile(Day)));
        Assert.Contains(events, l => l.Contains(",DRY_RUN,", StringComparison.Ordinal) && l.Contains("not sent: BUY", StringComparison.Ordinal));
        using var journal = SessionJournal.Open(SessionJournal.PathIn(folder));
        // Every order the agent asked for is in the ledger, and each placement was logged as withheld.
        var placed = journal.OrderLog(Day).Where(r => r.Action == OrderAction.Place && r.State == OrderState.Sent).ToList();
        Assert.NotEmpty(placed);
        var withheld = events.Count(l => l.Contains(",DRY_RUN,", StringComparison.Ordinal)
            && (l.Contains("not sent: BUY", StringComparison.Ordinal) || l.Contains("not sent: SELL", StringComparison.Ordinal)));
        Assert.Equal(placed.Count, withheld);
    }

    [Theory]
    [InlineData("live", false, "sim", null, "LiveTradingEnabled")]
    [InlineData("live", true, "kite", null, "--confirm LIVE")]
    [InlineData("live", true, "kite", "yes", "--confirm LIVE")]
    [InlineData("live", true, "recording", null, "needs a live feed")]
    [InlineData("real", true, "sim", null, "is not paper, live or dry-run")]
    public void Live_mode_is_refused_unless_switched_on_and_confirmed_on_a_real_account(string mode, bool enabled, string feed, string? confirm, string message)
    {
        var settings = SettingsLoader.Load(null);
        settings.LiveTradingEnabled = enabled;
        var request = new PaperCommand.PaperRequest(feed, null, [], null, 60, 1, null, null, null, TimeSpan.FromSeconds(1)) { Mode = mode, Confirm = confirm };
        var error = Assert.Throws<UsageError>(() => PaperCommand.ChooseMode(request, settings));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("live", true, "sim", null, false, TradingMode.Live)]
    [InlineData("live", true, "kite", "LIVE", false, TradingMode.Live)]
    [InlineData("live", false, "kite", null, true, TradingMode.DryRun)]
    [InlineData(null, false, "kite", null, true, TradingMode.DryRun)]
    [InlineData(null, false, "sim", null, false, TradingMode.Paper)]
    public void The_mode_follows_the_flags(string? mode, bool enabled, string feed, string? confirm, bool dryRun, TradingMode expected)
    {
        var settings = SettingsLoader.Load(null);
        settings.LiveTradingEnabled = enabled;
        var request = new PaperCommand.PaperRequest(feed, null, [], null, 60, 1, null, null, null, TimeSpan.FromSeconds(1)) { Mode = mode, Confirm = confirm, DryRun = dryRun };
        Assert.Equal(expected, PaperCommand.ChooseMode(request, settings));
    }

    [Fact]
    public async Task The_command_line_refuses_live_mode_with_one_error_line_and_exit_code_2()
    {
        var stderr = new StringWriter();
        var old = Console.Error;
        Console.SetError(stderr);
        int exit;
        try
        {
            exit = await CliErrors.RunAsync(() => PaperCommand.RunAsync(new PaperCommand.PaperRequest(
                "sim", null, [], null, 60, 1, null, _temp.Combine("refused"), null, TimeSpan.FromSeconds(1)) { Mode = "live" }, CancellationToken.None));
        }
        finally
        {
            Console.SetError(old);
        }
        Assert.Equal(CliErrors.BadInput, exit);
        var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: --mode live: live trading is switched off", line);
        Assert.False(Directory.Exists(_temp.Combine("refused")));
    }

    private static PaperSession Session(Core.Settings.LiveTraderSettings settings, string folder, SimulatedMarket sim, Engine.Feeds.KiteLiveMarket market,
        IReadOnlyList<Segment>? segments = null, TradingMode mode = TradingMode.Live) =>
        new(settings, segments ?? Segments.All, folder, market, sim.Now)
        {
            StaleQuote = sim.StaleQuote, MarketSecondsPerSecond = sim.MarketSecondsPerSecond, Mode = mode,
            Broker = mode == TradingMode.Live ? market.Broker(settings.Live, sim.Server.Options.ApiSecret) : null,
        };

    /// <summary>Runs the day until some segment holds a position whose protective stop rests at Kite.</summary>
    private static async Task RunUntilHolding(SimulatedMarket sim, PaperSession session, TimeOnly atLatest)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
        while (true)
        {
            Assert.True(Ist.TimeOf(sim.Now()) < atLatest && DateTime.UtcNow < deadline, $"no position by {Ist.TimeOf(sim.Now())}");
            if (session.Statuses.FirstOrDefault(s => s.Quantity > 0 && s.OptionSymbol is not null) is { } held)
            {
                var (orders, _) = await Book(sim);
                if (orders.Any(o => o.Tag is { } tag && tag[9] == 'S' && o.Status == "TRIGGER PENDING" && o.Tradingsymbol == held.OptionSymbol
                    && o.PendingQuantity == held.Quantity))
                    return;
            }
            await Task.Delay(20);
        }
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(20);
        }
    }

    /// <summary>The machine's clock, which can be slowed: a simulator on it runs fast, then at market speed.</summary>
    private sealed class GearedTime : TimeProvider
    {
        private readonly object _gate = new();
        private long _realAtShift = Stopwatch.GetTimestamp();
        private long _virtualAtShift;
        private double _rate = 1;

        public override long GetTimestamp()
        {
            lock (_gate) return _virtualAtShift + (long)((Stopwatch.GetTimestamp() - _realAtShift) * _rate);
        }

        public void SlowBy(double factor)
        {
            lock (_gate)
            {
                var real = Stopwatch.GetTimestamp();
                _virtualAtShift += (long)((real - _realAtShift) * _rate);
                _realAtShift = real;
                _rate = 1 / factor;
            }
        }
    }

    /// <summary>Waits for the simulator's clock, pressing each fault when its time comes.</summary>
    private static async Task RunUntil(SimulatedMarket sim, TimeOnly until, params (TimeOnly At, Action Fault)[] schedule)
    {
        var pending = schedule.OrderBy(s => s.At).ToList();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
        while (Ist.TimeOf(sim.Now()) < until)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the simulated day did not reach {until} (at {Ist.TimeOf(sim.Now())})");
            while (pending.Count > 0 && Ist.TimeOf(sim.Now()) >= pending[0].At)
            {
                pending[0].Fault();
                pending.RemoveAt(0);
            }
            await Task.Delay(20);
        }
    }

    private static KiteRestClient Rest(SimulatedMarket sim)
    {
        var login = sim.Server.Sessions.CreateSession();
        return new KiteRestClient(new KiteCredentials(login.ApiKey, login.AccessToken), new KiteRestOptions { BaseUri = sim.Server.BaseUri });
    }

    private static async Task<(List<KiteOrder> Orders, KitePosition[] Positions)> Book(SimulatedMarket sim)
    {
        using var rest = Rest(sim);
        var orders = await rest.GetOrdersAsync();
        var positions = await rest.GetPositionsAsync();
        return (orders, positions.Net);
    }
}
