using LiveTrader.Core.Charges;
using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;
using LiveTrader.Core.Risk;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Signals;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Journal;
using LiveTrader.Engine.Session;
using Microsoft.Data.Sqlite;

namespace LiveTrader.Engine.Tests.Session;

/// <summary>The kill switch on one segment's session: flatten while only exits pass, then HALTED,
/// journalled so a restart is still halted, until a person re-arms.</summary>
public sealed class KillSwitchTests : IDisposable
{
    private static readonly DateOnly Day = new(2025, 1, 6);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"lt-kill-{Guid.NewGuid():N}");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static DateTimeOffset At(int h, int m, int s = 0) => Ist.At(Day, new TimeOnly(h, m, s));

    /// <summary>Fills every order at once at 100, unless told to refuse sells (a stale quote).</summary>
    private sealed class Venue : IOrderVenue, IMarkPrice, IContractSelector, ITradeCharges
    {
        public int RefuseSells { get; set; }
        public List<OrderRequest> Requests { get; } = [];

        public IReadOnlyList<OrderUpdate> Submit(OrderRequest r)
        {
            Requests.Add(r);
            if (r.Action != OrderAction.Place) return [];
            if (r.Side == OrderSide.Sell && RefuseSells-- > 0) return [new OrderUpdate(r.ClientId, OrderState.Rejected, 0, 0m, r.Time, "stale quote")];
            return [new OrderUpdate(r.ClientId, OrderState.Complete, r.Quantity, 100m, r.Time)];
        }

        public decimal? Mark(OptionContract contract, DateTimeOffset time, decimal spot) => 100m;

        public OptionContract? Select(OptionType type, decimal spot, DateTimeOffset time, out string? refusal)
        {
            refusal = null;
            return new OptionContract(Segment.NIFTY, Day.AddDays(3), 20000m, type, $"NIFTY25JAN20000{type}") { LotSize = 75 };
        }

        public decimal For(OptionContract contract, DateOnly tradeDate, IReadOnlyList<Fill> buys, IReadOnlyList<Fill> sells) => 0m;
    }

    // Stops far away: only the strategy's signals and the switch decide here.
    private static SegmentSession NewSession(IStepStore store, Venue venue, SessionRiskBook? account = null) =>
        new(new AgentParameters(Segment.NIFTY, "NIFTY 50", Timeframe.FiveMinutes, 9, 5000, 5000, null, new PyramidRule(0, 0, 0), 50, null,
                new TimeOnly(9, 20), new TimeOnly(15, 15), new TimeOnly(15, 15)),
            new StrategyParameters(), venue, venue, new RiskLimits(1800, 1800, new TimeOnly(9, 20), new TimeOnly(15, 15), new TimeOnly(15, 15)),
            venue, venue, account ?? new SessionRiskBook(null, null), store);

    /// <summary>A zigzag of 5-minute candles (four down, four up, strongly), so the strategy's lines cross often.</summary>
    private static List<Candle> Zigzag(DateOnly day, int count)
    {
        var candles = new List<Candle>();
        var level = 20000m;
        for (var i = 0; i < count; i++)
        {
            var step = (i / 4) % 2 == 0 ? -30m : 45m;
            var open = level;
            level += step;
            candles.Add(new Candle(Ist.At(day, new TimeOnly(9, 15)).AddMinutes(5 * i), open, Math.Max(open, level) + 2, Math.Min(open, level) - 2, level, 0));
        }
        return candles;
    }

    private static readonly List<Candle> Live = Zigzag(Day, 70);

    /// <summary>A session warmed on the day before, as a paper session starts.</summary>
    private static SegmentSession Started(IStepStore store, Venue venue, SessionRiskBook? account = null)
    {
        var session = NewSession(store, venue, account);
        foreach (var c in Zigzag(Day.AddDays(-3), 70)) session.Handle(new WarmUpCandleInput(c.Start.AddMinutes(5), c));
        return session;
    }

    /// <summary>Live candles from <paramref name="next"/> on, each with its closing tick, until <paramref name="until"/> holds.</summary>
    private static int Trade(SegmentSession session, int next, Func<bool> until)
    {
        while (!until())
        {
            var c = Live[next++];
            var close = c.Start.AddMinutes(5);
            session.Handle(new IndexTickInput(close.AddSeconds(-1), c.Close));
            session.Handle(new CandleClosedInput(close, c));
        }
        return next;
    }

    [Fact]
    public void What_the_accounts_rules_reached_is_journalled_with_the_step_and_a_restart_takes_it_back()
    {
        var venue = new Venue();
        var rules = new AccountRules(ProfitLockAt: 5000m, ProfitLockPercent: 50m);
        using (var journal = SessionJournal.Open(SessionJournal.PathIn(_folder)))
        {
            var book = new SessionRiskBook(rules);
            var session = Started(new JournalStepStore(journal, new DailyLogs(_folder, "PAPER")), venue, book);
            book.ReportOpenProfit(Segment.BANKNIFTY, Day, 6000m);           // another segment's open profit arms the lock
            session.Handle(new BrokerNoticeInput(Live[0].Start, "a step with an event: committed"));
        }
        using (var journal = SessionJournal.Open(SessionJournal.PathIn(_folder)))
        {
            var book = new SessionRiskBook(rules);
            var session = Started(new JournalStepStore(journal, new DailyLogs(_folder, "PAPER")), venue, book);
            Assert.True(session.ResumeFromJournal(Day));
            var status = book.StatusFor(Day);
            Assert.Equal((true, 6000m), (status.ProfitLockArmed, status.Peak));
        }
    }

    [Fact]
    public void A_broker_notice_of_a_fill_the_agent_does_not_hold_halts_the_segment_and_the_halt_survives_a_restart()
    {
        var venue = new Venue();
        const string Why = "order N25010601E001 (1) appeared at Kite after it was given up: COMPLETE, filled 75; BUY 75 NIFTY25JAN20000CE filled that the agent does not hold: close it at Kite by hand, then re-arm";
        using (var journal = SessionJournal.Open(SessionJournal.PathIn(_folder)))
        {
            var session = Started(new JournalStepStore(journal, new DailyLogs(_folder, "PAPER")), venue);
            session.Handle(new BrokerNoticeInput(Live[0].Start, "a foreign order was left alone"));
            Assert.Equal("ACTIVE", session.Status.Trading);                                    // a notice alone informs
            session.Handle(new BrokerNoticeInput(Live[0].Start.AddSeconds(1), Why, Halts: true));
            Assert.Equal(("HALTED", Why), (session.Status.Trading, session.Status.TradingReason));
            var sent = venue.Requests.Count;
            Trade(session, 0, () => journal.Events(Day).Any(e => e.Type == AgentEventType.EntrySkipped));
            Assert.Equal(sent, venue.Requests.Count);
        }
        using (var journal = SessionJournal.Open(SessionJournal.PathIn(_folder)))
        {
            var session = Started(new JournalStepStore(journal, new DailyLogs(_folder, "PAPER")), venue);
            Assert.True(session.ResumeFromJournal(Day));
            Assert.Equal(TradingState.Halted, session.Risk.State);
        }
    }

    [Fact]
    public void The_switch_closes_the_position_lets_its_refused_exit_retry_then_halts_and_stays_halted_after_a_restart()
    {
        var venue = new Venue();
        int next;
        using (var journal = SessionJournal.Open(SessionJournal.PathIn(_folder)))
        {
            var session = Started(new JournalStepStore(journal, new DailyLogs(_folder, "PAPER")), venue);
            next = Trade(session, 0, () => session.Agent.Position is not null);
            var time = Live[next].Start;

            venue.RefuseSells = 1;
            session.Handle(new KillSwitchInput(time, "page"));
            Assert.Equal("REDUCING", session.Status.Trading);                                 // flattening: exits only
            Assert.True(session.Status.Quantity > 0);
            session.Handle(new IndexTickInput(time.AddSeconds(2), Live[next].Open));           // the retry, a second later
            Assert.Null(session.Agent.Position);
            Assert.Equal("HALTED", session.Status.Trading);
            Assert.Equal(ExitReason.Manual, Assert.Single(journal.Trades(Day)).ExitReason);

            var sent = venue.Requests.Count;
            next = Trade(session, next, () => journal.Events(Day).Any(e => e.Type == AgentEventType.EntrySkipped
                && e.Message.Contains("risk: trading HALTED", StringComparison.Ordinal)));
            Assert.Null(session.Agent.Position);
            Assert.Equal(sent, venue.Requests.Count);                                            // never reached the venue
        }

        using (var journal = SessionJournal.Open(SessionJournal.PathIn(_folder)))
        {
            var session = Started(new JournalStepStore(journal, new DailyLogs(_folder, "PAPER")), venue);
            Assert.True(session.ResumeFromJournal(Day));
            Assert.Equal(TradingState.Halted, session.Risk.State);

            session.Handle(new RearmInput(Live[next].Start, "command line"));
            Trade(session, next, () => session.Agent.Position is not null);
            Assert.Equal("ACTIVE", session.Status.Trading);
            var types = journal.Events(Day).Select(e => e.Type).ToList();
            Assert.True(types.IndexOf(AgentEventType.KillSwitch) < types.IndexOf(AgentEventType.Halted));
            Assert.True(types.IndexOf(AgentEventType.Halted) < types.IndexOf(AgentEventType.Rearmed));
        }
    }
}
