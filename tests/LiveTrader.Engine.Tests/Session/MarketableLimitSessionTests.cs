using LiveTrader.Core.Charges;
using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;
using LiveTrader.Core.Risk;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Signals;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Journal;
using LiveTrader.Engine.Paper;
using LiveTrader.Engine.Session;
using Microsoft.Data.Sqlite;

namespace LiveTrader.Engine.Tests.Session;

/// <summary>Marketable LIMIT orders through a whole segment session (agent, route, ledger, journal) with a
/// venue that answers later, as Kite does: the stage's own modifications, refused or not, are the
/// stage's, the order stays priced by its rule, and the rule's count survives a restart. Market time only.</summary>
public sealed class MarketableLimitSessionTests : IDisposable
{
    private static readonly DateOnly Day = new(2025, 1, 6);
    private static readonly OptionContract Call = new(Segment.NIFTY, Day.AddDays(3), 20000m, OptionType.CE, "NIFTY25JAN20000CE") { LotSize = 75, InstrumentToken = 7 };
    private static readonly LiveOrderSettings Live = new() { EntryOrderType = EntryOrderType.Limit, LimitProtectionPercent = 2, LimitRepriceSeconds = 5, LimitReprices = 2 };
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"lt-limit-{Guid.NewGuid():N}");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static DateTimeOffset At(int h, int m, int s = 0) => Ist.At(Day, new TimeOnly(h, m, s));

    private sealed class FixedPremium : IMarkPrice
    {
        public decimal? Mark(OptionContract contract, DateTimeOffset time, decimal spot) => 100m;
    }

    private static SegmentSession NewSession(SessionJournal journal, string folder, IOrderVenue venue, QuoteBook quotes, List<AgentEvent> events, RiskLimits? limits = null) =>
        new(new AgentParameters(Segment.NIFTY, "NIFTY 50", Timeframe.FiveMinutes, 9, 50, 50, null, new PyramidRule(0, 0, 0), 5, null,
                new TimeOnly(9, 20), new TimeOnly(15, 15), new TimeOnly(15, 15)),
            new StrategyParameters(), new OneContract(Call), venue,
            limits ?? new RiskLimits(1800, 1800, new TimeOnly(9, 20), new TimeOnly(15, 15), new TimeOnly(15, 15)), new FixedPremium(), new FlatRupees(),
            new SessionRiskBook(null, null), new JournalStepStore(journal, new DailyLogs(folder, "LIVE")), quotes, events.Add, Live);

    private static OptionTickInput Quote(DateTimeOffset at, decimal bid, decimal ask) => new(at, new Tick(Call.InstrumentToken, at, (bid + ask) / 2, bid, ask));

    private static OrderUpdateInput Answer(OrderRequest r, OrderState state, int filled, decimal average, DateTimeOffset time) =>
        new(time, new OrderUpdate(r.ClientId, state, filled, average, time, BrokerOrderId: "2501060001"));

    /// <summary>Enters 75 at a LIMIT, fills it, then the index stop sends the exit as a LIMIT at 9:25.</summary>
    private static OrderRequest HoldThenExit(SegmentSession session, LaterVenue venue)
    {
        session.Handle(new IndexTickInput(At(9, 19, 59), 20000m));
        session.Handle(Quote(At(9, 19, 59), 99.90m, 100.10m));
        var c = new Candle(At(9, 15), 19990, 20000, 19990, 20000, 0);
        // A BUY_CE as the strategy's lines would give it (the indicators here have no history).
        session.Agent.OnCandleClosed(c, new SignalReading(c, 55, 56, 50, Cross.Up, Signal.BuyCe));
        var entry = Assert.Single(venue.Requests);
        Assert.Equal((OrderType.Limit, (decimal?)102.10m), (entry.Type, entry.LimitPrice));
        session.Handle(Answer(entry, OrderState.Complete, 75, 100.10m, At(9, 20, 1)));
        session.Handle(new IndexTickInput(At(9, 25), 19940m));
        var exit = venue.Requests[^1];
        Assert.Equal((OrderPurpose.Exit, OrderType.Limit, (decimal?)97.95m), (exit.Purpose, exit.Type, exit.LimitPrice)); // 99.90 less 2 %, up onto the tick
        return exit;
    }

    [Fact]
    public void An_exit_whose_change_to_MARKET_Kite_refuses_is_asked_again_by_the_stage_and_the_agent_never_hears_a_refusal_it_did_not_ask_for()
    {
        using var journal = SessionJournal.Open(SessionJournal.PathIn(_folder));
        var venue = new LaterVenue();
        var events = new List<AgentEvent>();
        var session = NewSession(journal, _folder, venue, new QuoteBook(), events);
        var exit = HoldThenExit(session, venue);

        session.Handle(Quote(At(9, 25, 5), 98.00m, 98.20m));
        session.Handle(Quote(At(9, 25, 10), 97.00m, 97.20m));
        session.Handle(Quote(At(9, 25, 15), 96.00m, 96.20m));
        var toMarket = venue.Requests[^1];
        Assert.Equal((exit.ClientId, OrderAction.Modify, OrderType.Market), (toMarket.ClientId, toMarket.Action, toMarket.Type));
        Assert.Equal(5, venue.Requests.Count);

        // Kite refuses it, later, as an input.
        session.Handle(new OrderUpdateInput(At(9, 25, 16), OrderUpdate.RefusalOf(toMarket, At(9, 25, 16), "refused by Kite: Order cannot be modified")));
        Assert.DoesNotContain(events, e => e.Message.Contains("not carried out", StringComparison.Ordinal) && e.Message.StartsWith("modify of Exit", StringComparison.Ordinal));
        var said = Assert.Single(events, e => e.Message.Contains("to MARKET not carried out", StringComparison.Ordinal));
        Assert.Contains("refused by Kite: Order cannot be modified", said.Message);
        Assert.Equal(AgentStatus.ExitPending, session.Status.Status);

        // An interval after the try, the change to MARKET is asked again; Kite takes it and the exit fills.
        session.Handle(Quote(At(9, 25, 19), 95.00m, 95.20m));
        Assert.Equal(5, venue.Requests.Count);
        session.Handle(Quote(At(9, 25, 20), 95.00m, 95.20m));
        Assert.Equal((exit.ClientId, OrderAction.Modify, OrderType.Market), (venue.Requests[5].ClientId, venue.Requests[5].Action, venue.Requests[5].Type));
        session.Handle(Quote(At(9, 25, 30), 95.00m, 95.20m));
        Assert.Equal(6, venue.Requests.Count);
        session.Handle(Answer(exit, OrderState.Complete, 75, 95.00m, At(9, 25, 31)));

        var trade = Assert.Single(journal.Trades(Day));
        Assert.Equal((ExitReason.StopLoss, 95.00m), (trade.ExitReason, trade.ExitPrice));
        // The ledger's row of the refusal holds the LIMIT Kite still had; the one after, the MARKET it took.
        var log = journal.OrderLog(Day).Where(r => r.ClientId == exit.ClientId).ToList();
        var refused = Assert.Single(log, r => r.Message?.StartsWith("modify refused", StringComparison.Ordinal) == true);
        Assert.Equal((OrderType.Limit, (decimal?)95.10m), (refused.Type, refused.LimitPrice));
        Assert.Equal((OrderType.Market, (decimal?)null, OrderState.Complete), (log[^1].Type, log[^1].LimitPrice, log[^1].State));
    }
    [Fact]
    public void Re_pricings_and_the_change_to_MARKET_pass_the_order_rate_gate_and_one_held_back_is_asked_again_once_the_rate_allows()
    {
        using var journal = SessionJournal.Open(SessionJournal.PathIn(_folder));
        var venue = new LaterVenue();
        var events = new List<AgentEvent>();
        // One order a minute: the exit's placement uses the minute up.
        var session = NewSession(journal, _folder, venue, new QuoteBook(), events,
            new RiskLimits(1800, 1800, new TimeOnly(9, 20), new TimeOnly(15, 15), new TimeOnly(15, 15), OrdersPerMinute: 1));
        var exit = HoldThenExit(session, venue);

        for (var s = 5; s < 60; s += 5) session.Handle(Quote(At(9, 25, s), 98.00m, 98.20m));
        // Nothing reached Kite, or the ledger, above the rate: two re-pricings and nine changes to MARKET held back, each said.
        Assert.Equal(2, venue.Requests.Count);
        Assert.DoesNotContain(journal.OrderLog(Day), r => r.Action == OrderAction.Modify);
        var held = events.Where(e => e.Message.Contains("not carried out (risk: order rate: 1 orders in the last minute already)", StringComparison.Ordinal)).ToList();
        Assert.Equal(11, held.Count);
        Assert.Equal(2, held.Count(e => e.Message.StartsWith("re-pricing of LIMIT Exit", StringComparison.Ordinal)));
        Assert.DoesNotContain(events, e => e.Message.StartsWith("modify of Exit", StringComparison.Ordinal));

        // A minute after the exit was placed the rate allows one more: the change to MARKET goes.
        session.Handle(Quote(At(9, 26), 98.00m, 98.20m));
        var toMarket = venue.Requests[^1];
        Assert.Equal((exit.ClientId, OrderAction.Modify, OrderType.Market, At(9, 26)), (toMarket.ClientId, toMarket.Action, toMarket.Type, toMarket.Time));
        Assert.Equal(3, venue.Requests.Count);
    }
    [Fact]
    public void A_restart_in_the_middle_of_the_rule_takes_up_its_count_from_the_ledger_and_the_exit_goes_MARKET_on_time()
    {
        OrderRequest exit;
        using (var journal = SessionJournal.Open(SessionJournal.PathIn(_folder)))
        {
            var venue = new LaterVenue();
            var session = NewSession(journal, _folder, venue, new QuoteBook(), []);
            exit = HoldThenExit(session, venue);
            session.Handle(Quote(At(9, 25, 5), 98.00m, 98.20m));
            Assert.Contains("(1 of 2)", venue.Requests[^1].Reason);
        }

        // A new process, with only the journal: the next re-pricing is the rule's second, and its last.
        using (var journal = SessionJournal.Open(SessionJournal.PathIn(_folder)))
        {
            var venue = new LaterVenue();
            var session = NewSession(journal, _folder, venue, new QuoteBook(), []);
            Assert.True(session.ResumeFromJournal(Day));
            session.Handle(new IndexTickInput(At(9, 25, 9), 19935m));
            session.Handle(Quote(At(9, 25, 10), 97.00m, 97.20m));
            var second = Assert.Single(venue.Requests);
            Assert.Equal((exit.ClientId, OrderAction.Modify, (decimal?)95.10m), (second.ClientId, second.Action, second.LimitPrice));
            Assert.Contains("(2 of 2)", second.Reason);
            session.Handle(Quote(At(9, 25, 15), 96.00m, 96.20m));
            Assert.Equal((OrderAction.Modify, OrderType.Market), (venue.Requests[1].Action, venue.Requests[1].Type));
            session.Handle(Quote(At(9, 25, 30), 96.00m, 96.20m));
            Assert.Equal(2, venue.Requests.Count);
        }
    }
    [Fact]
    public void The_circuit_limits_read_from_the_quote_enter_as_an_input_and_keep_the_entry_LIMIT_inside_them()
    {
        using var journal = SessionJournal.Open(SessionJournal.PathIn(_folder));
        var venue = new LaterVenue();
        var session = NewSession(journal, _folder, venue, new QuoteBook(), []);
        session.Handle(new IndexTickInput(At(9, 19, 59), 20000m));
        session.Handle(Quote(At(9, 19, 59), 99.90m, 100.10m));
        session.Handle(new CircuitBandInput(At(9, 19, 59), Call.InstrumentToken, 30.00m, 101.00m));
        var c = new Candle(At(9, 15), 19990, 20000, 19990, 20000, 0);
        session.Agent.OnCandleClosed(c, new SignalReading(c, 55, 56, 50, Cross.Up, Signal.BuyCe));
        var entry = Assert.Single(venue.Requests);
        Assert.Equal((OrderType.Limit, (decimal?)101.00m), (entry.Type, entry.LimitPrice)); // 102.10 without the band
        Assert.Equal(101.00m, Assert.Single(journal.OrderLog(Day)).LimitPrice);
    }
}
