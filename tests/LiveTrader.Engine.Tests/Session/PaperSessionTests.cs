using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Session;
using LiveTrader.Kite.Instruments;
using Microsoft.Data.Sqlite;

namespace LiveTrader.Engine.Tests.Session;

/// <summary>The paper session's wiring on a hand-driven market: warm-up from history, subscriptions,
/// the partial first candle taken from history, and the trader's pause and resume.</summary>
public sealed class PaperSessionTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 1, 7);
    private const uint Nifty = 256265;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"lt-paper-{Guid.NewGuid():N}");
    private DateTimeOffset _now = Ist.At(Day, new TimeOnly(9, 17));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static DateTimeOffset At(int h, int m, int s = 0) => Ist.At(Day, new TimeOnly(h, m, s));

    // Options around 26000 for the 2026-01-13 weekly: every 50 points, both sides.
    internal static readonly List<KiteInstrument> Dump = Enumerable.Range(-10, 21).SelectMany(k => new[] { "CE", "PE" }.Select(type => new KiteInstrument
    {
        InstrumentToken = (uint)(1_000_000 + (k + 10) * 2 + (type == "CE" ? 0 : 1)),
        Tradingsymbol = $"NIFTY26113{26000 + k * 50}{type}",
        Name = "NIFTY",
        Expiry = new DateOnly(2026, 1, 13),
        Strike = 26000 + k * 50,
        TickSize = 0.05m,
        LotSize = 65,
        InstrumentType = type,
        Segment = "NFO-OPT",
        Exchange = "NFO",
    })).ToList();

    /// <summary>Two earlier sessions drifting down then today's 09:15 candle: enough to warm RSI(9).</summary>
    internal static IReadOnlyList<Candle> History(uint token, DateTimeOffset from, DateTimeOffset to)
    {
        var candles = new List<Candle>();
        foreach (var day in new[] { Day.AddDays(-2), Day.AddDays(-1) })
        {
            for (var i = 0; i < 75; i++)
            {
                var level = 26100m - i * 2 + (i % 3) * 3;
                candles.Add(new Candle(Ist.At(day, new TimeOnly(9, 15)).AddMinutes(5 * i), level, level + 4, level - 4, level - 1, 0));
            }
        }
        candles.Add(new Candle(At(9, 15), 25950m, 25960m, 25940m, 25955m, 0));
        return candles.Where(c => c.Start >= from && c.Start <= to).ToList();
    }

    private PaperSession NewSession(FakeMarket market)
    {
        var settings = DefaultSettings();
        // A close waits as long as a test may need: no test depends on how fast this machine is.
        return new PaperSession(settings, [Segment.NIFTY], _folder, market, () => _now) { StaleQuote = TimeSpan.FromSeconds(30), CloseTimeout = TimeSpan.FromMinutes(5) };
    }

    [Fact]
    public async Task A_session_records_its_full_parameters_for_the_day_with_their_hash()
    {
        var market = new FakeMarket(Dump, History);
        await using var session = NewSession(market);
        await session.StartAsync(CancellationToken.None);

        var file = Path.Combine(_folder, PaperSession.ParametersFile(Day));
        var recorded = Engine.Runs.RunParameters.Read(file);
        Assert.Equal(("paper", "kite", "2026-01-07"), (recorded.Kind, recorded.Source, recorded.From));
        Assert.Equal(["NIFTY"], recorded.Segments);
        Assert.Equal(DefaultSettings().Segments["NIFTY"].StopLossPoints, recorded.ToSettings(file).Segments["NIFTY"].StopLossPoints);
        Assert.Equal(Engine.Runs.RunParameters.SettingsHash(Engine.Runs.RunParameters.SettingsJson(DefaultSettings())),
            Engine.Runs.RunParameters.SettingsHash(recorded.Settings));
    }

    [Fact]
    public async Task Start_warms_up_from_history_and_subscribes_the_index_and_the_itm_options_a_signal_would_buy()
    {
        var market = new FakeMarket(Dump, History);
        await using var session = NewSession(market);
        await session.StartAsync(CancellationToken.None);

        market.Push(new Tick(Nifty, At(9, 17, 5), 26010m));
        await Eventually(() => market.Subscribed.Count >= 3);

        Assert.Contains(Nifty, market.Subscribed);
        // ATM 26000: CE one offset (100) below, PE one above.
        Assert.Contains(Dump.Single(i => i.Tradingsymbol == "NIFTY2611325900CE").InstrumentToken, market.Subscribed);
        Assert.Contains(Dump.Single(i => i.Tradingsymbol == "NIFTY2611326100PE").InstrumentToken, market.Subscribed);
        Assert.Equal("connected", session.FeedStatus);
        await Eventually(() => session.Statuses[0].Status == AgentStatus.WaitingForSignal);
    }

    [Fact]
    public async Task The_candle_in_progress_at_start_comes_from_history_not_from_its_late_ticks()
    {
        var market = new FakeMarket(Dump, History);
        await using var session = NewSession(market);
        await session.StartAsync(CancellationToken.None);

        // The session started at 09:17, inside the 09:15 candle: its ticks are partial.
        market.Push(new Tick(Nifty, At(9, 17, 5), 26500m));
        market.Push(new Tick(Nifty, At(9, 20, 1), 26010m));
        await Eventually(() => File.Exists(EventsFile) && File.ReadAllText(EventsFile).Contains("candle 09:15", StringComparison.Ordinal));
        await session.StopAsync(closeAll: false);

        var candle = File.ReadAllLines(EventsFile).Single(l => l.Contains(",CANDLE,", StringComparison.Ordinal) && l.Contains("candle 09:15", StringComparison.Ordinal));
        Assert.Contains("O 25950 H 25960 L 25940 C 25955", candle);
        Assert.DoesNotContain("26500", candle);
    }

    [Fact]
    public async Task Pause_and_resume_reach_the_agent_and_are_logged_and_the_session_keeps_journal_and_recording()
    {
        var market = new FakeMarket(Dump, History);
        await using var session = NewSession(market);
        await session.StartAsync(CancellationToken.None);

        session.PauseAll();
        await Eventually(() => session.Statuses[0].Status == AgentStatus.Paused);
        session.ResumeAll();
        await Eventually(() => session.Statuses[0].Status != AgentStatus.Paused);
        await session.StopAsync(closeAll: true);

        var events = File.ReadAllLines(EventsFile);
        Assert.Contains(events, l => l.Contains(",PAUSED,", StringComparison.Ordinal));
        Assert.Contains(events, l => l.Contains(",RESUMED,", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(_folder, "journal.db")));
        Assert.True(File.Exists(Path.Combine(_folder, "recordings", SessionRecorder.FileName(Segment.NIFTY, Day))));
    }

    [Fact]
    public async Task One_segment_can_be_paused_and_resumed_on_its_own()
    {
        var market = new FakeMarket(Dump, History);
        await using var session = NewSession(market);
        await session.StartAsync(CancellationToken.None);

        session.Pause(Segment.SENSEX); // not in this session: nothing happens
        session.Pause(Segment.NIFTY);
        await Eventually(() => session.Statuses[0].Status == AgentStatus.Paused);
        session.Resume(Segment.NIFTY);
        await Eventually(() => session.Statuses[0].Status != AgentStatus.Paused);
        await session.StopAsync(closeAll: false);

        Assert.Single(File.ReadAllLines(EventsFile), l => l.Contains(",NIFTY,PAUSED,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stop_with_close_all_waits_for_a_refused_exit_to_fill_on_the_next_quote_and_no_candle_opens_a_trade_behind_it()
    {
        var market = new FakeMarket(Dump, History);
        await using var session = NewSession(market);
        await session.StartAsync(CancellationToken.None);
        var put = Dump.Single(i => i.Tradingsymbol == "NIFTY2611326000PE").InstrumentToken;
        await OpenAPutAsync(market, session, put);

        // The last quote is now older than the stale limit: the close is refused at first.
        _now = At(9, 27);
        var stopping = session.StopAsync(closeAll: true);
        await Eventually(() => File.ReadAllText(EventsFile).Contains(",EXIT_DELAYED,", StringComparison.Ordinal));
        // A candle completing while the close waits must not be traded on.
        market.Push(new Tick(Nifty, At(9, 30, 1), 25890m));
        Assert.False(stopping.IsCompleted);
        market.Push(new Tick(put, At(9, 30, 2), 148m, 147.5m, 148.5m));
        await stopping;

        var trades = File.ReadAllLines(Path.Combine(_folder, DailyLogs.TradesFile(Day)));
        var trade = Assert.Single(trades.Skip(1));
        Assert.Contains(",Manual,", trade);
        Assert.DoesNotContain("candle 09:25", File.ReadAllText(EventsFile));
        Assert.Equal(0, session.Statuses[0].Quantity);
    }

    [Fact]
    public async Task Stop_with_close_all_gives_up_after_its_timeout_and_leaves_the_position_open_with_its_close_requested()
    {
        var market = new FakeMarket(Dump, History);
        var settings = DefaultSettings();
        var put = Dump.Single(i => i.Tradingsymbol == "NIFTY2611326000PE").InstrumentToken;
        await using (var session = new PaperSession(settings, [Segment.NIFTY], _folder, market, () => _now)
            { StaleQuote = TimeSpan.FromSeconds(30), CloseTimeout = TimeSpan.Zero })
        {
            await session.StartAsync(CancellationToken.None);
            await OpenAPutAsync(market, session, put);
            _now = At(9, 27);
            await session.StopAsync(closeAll: true);
            Assert.Equal(AgentStatus.InPosition, session.Statuses[0].Status);
        }

        // The next start today finishes the close on its first fresh quote, though the index has moved
        // two strikes and the option held is no longer one a signal would buy: it is subscribed anyway.
        SqliteConnection.ClearAllPools();
        var again = new FakeMarket(Dump, History);
        await using var restarted = new PaperSession(settings, [Segment.NIFTY], _folder, again, () => _now) { StaleQuote = TimeSpan.FromSeconds(30) };
        await restarted.StartAsync(CancellationToken.None);
        Assert.Contains(put, again.Subscribed);
        again.Push(new Tick(Nifty, At(9, 27, 1), 25790m));
        again.Push(new Tick(put, At(9, 27, 2), 151m, 150.5m, 151.5m));
        await Eventually(() => restarted.Statuses[0].Quantity == 0);
        await restarted.StopAsync(closeAll: false);
        Assert.Contains(",Manual,", Assert.Single(File.ReadAllLines(Path.Combine(_folder, DailyLogs.TradesFile(Day))).Skip(1)));
    }

    [Fact]
    public async Task A_restart_with_an_entry_still_working_subscribes_its_option_at_once_and_reads_its_circuit_band()
    {
        // The first process asked for a CE entry at 26010 (the 25900 call), which was still working at
        // Kite when it died: its venue answers nothing, as Kite had not.
        var settings = DefaultSettings();
        settings.Live.EntryOrderType = EntryOrderType.Limit;
        var call = Dump.Single(i => i.Tradingsymbol == "NIFTY2611325900CE").InstrumentToken;
        SqliteConnection.ClearAllPools();
        using (var journal = Engine.Journal.SessionJournal.Open(Engine.Journal.SessionJournal.PathIn(_folder)))
        {
            var seg = settings.Segments["NIFTY"];
            var first = new SegmentSession(AgentParameters.From(settings, Segment.NIFTY), settings.Strategy.ToStrategyParameters(),
                new Engine.Paper.DumpContractSelector(Segment.NIFTY, seg, Dump), new Unanswered(), Core.Risk.RiskLimits.From(settings, Segment.NIFTY),
                new Fixed(), new Flat(), new SessionRiskBook(null, null), new JournalStepStore(journal, new DailyLogs(_folder, "DRY RUN")));
            first.Handle(new IndexTickInput(At(9, 19, 59), 26010m));
            var c = new Candle(At(9, 15), 26000, 26010, 26000, 26010, 0);
            first.Agent.OnCandleClosed(c, new Core.Signals.SignalReading(c, 55, 56, 50, Core.Signals.Cross.Up, Core.Signals.Signal.BuyCe));
            first.Handle(new ClockInput(At(9, 20, 1)));
            Assert.Equal((AgentStatus.EntryPending, (uint?)call), (first.Agent.Status, first.Agent.WorkingContract?.InstrumentToken));
        }
        SqliteConnection.ClearAllPools();

        // The index has since moved two strikes: no tick would subscribe the entry's option now.
        _now = At(9, 21);
        var market = new FakeMarket(Dump, History);
        await using var restarted = new PaperSession(settings, [Segment.NIFTY], _folder, market, () => _now)
            { Mode = Engine.Execution.TradingMode.DryRun, StaleQuote = TimeSpan.FromSeconds(30) };
        await restarted.StartAsync(CancellationToken.None);

        Assert.Contains(call, market.Subscribed);
        Assert.Equal([call], market.BandsAsked);
        Assert.Equal(AgentStatus.EntryPending, restarted.Statuses[0].Status);

        // The exchange may widen a band during the day: the watched option's is read again, once per
        // refresh interval of the session's clock, not on every beat.
        await Task.Delay(restarted.Beat * 4);
        Assert.Equal([call], market.BandsAsked);
        _now = At(9, 21) + PaperSession.BandRefresh + TimeSpan.FromSeconds(1);
        await Eventually(() => market.BandsAsked.Count == 2);
        await Task.Delay(restarted.Beat * 4);
        Assert.Equal([call, call], market.BandsAsked);
        await restarted.StopAsync(closeAll: false);
    }

    private sealed class Unanswered : Core.Orders.IOrderVenue
    {
        public IReadOnlyList<Core.Orders.OrderUpdate> Submit(Core.Orders.OrderRequest request) => [];
    }

    private sealed class Fixed : IMarkPrice
    {
        public decimal? Mark(Core.Instruments.OptionContract contract, DateTimeOffset time, decimal spot) => 100m;
    }

    private sealed class Flat : ITradeCharges
    {
        public decimal For(Core.Instruments.OptionContract contract, DateOnly tradeDate, IReadOnlyList<Fill> buys, IReadOnlyList<Fill> sells) => 40m;
    }

    /// <summary>A slide through the 09:20 candle crosses Price Strength below Volume Strength on a
    /// red candle: the agent buys the ITM put at its quote.</summary>
    private async Task OpenAPutAsync(FakeMarket market, PaperSession session, uint put)
    {
        _now = At(9, 20, 1);
        market.Push(new Tick(Nifty, At(9, 20, 1), 25950m));
        market.Push(new Tick(Nifty, At(9, 24, 50), 25880m));
        await Eventually(() => market.Subscribed.Contains(put));
        market.Push(new Tick(put, At(9, 24, 55), 150m, 149.5m, 150.5m));
        _now = At(9, 25, 1);
        market.Push(new Tick(Nifty, At(9, 25, 1), 25885m));
        await Eventually(() => session.Statuses[0].Status == AgentStatus.InPosition);
    }

    private string EventsFile => Path.Combine(_folder, DailyLogs.EventsFile(Day));

    internal static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("the condition never became true");
            await Task.Delay(10);
        }
    }

    internal static LiveTraderSettings DefaultSettings() => new()
    {
        Segments =
        {
            ["NIFTY"] = new SegmentSettings
            {
                IndexSymbol = "NIFTY 50", IndexToken = Nifty, Exchange = "NFO", LotSize = 65, StrikeStep = 50, ItmOffsetPoints = 100,
                StopLossPoints = 50, TrailingStopPoints = 50, PyramidPoints = 10, LotAddition = 5, MaxQuantity = 1500, FreezeQuantity = 1800,
            },
        },
        ChargeRates =
        {
            new ChargeRateSettings
            {
                EffectiveFrom = new DateOnly(2024, 10, 1), BrokeragePerOrder = 20, SttSellPercent = 0.1m, ExchangeNsePercent = 0.03503m,
                ExchangeBsePercent = 0.0325m, IpftNsePercent = 0.0005m, SebiPercent = 0.0001m, StampBuyPercent = 0.003m, GstPercent = 18,
            },
        },
    };
}
