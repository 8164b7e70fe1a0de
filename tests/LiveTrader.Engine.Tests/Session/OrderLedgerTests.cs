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

/// <summary>The order ledger with a venue that answers later, as Kite does: requests are in the
/// journal before the venue sees them, updates are inputs (repeated, late, out of order) booked once,
/// and a restart picks up the working order and books its fill with the request's terms.</summary>
public sealed class OrderLedgerTests : IDisposable
{
    private static readonly DateOnly Day = new(2025, 1, 6);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"lt-ledger-{Guid.NewGuid():N}");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static DateTimeOffset At(int h, int m, int s = 0) => Ist.At(Day, new TimeOnly(h, m, s));

    /// <summary>Takes every request and answers none: the test answers with update inputs.</summary>
    private sealed class LaterVenue(SessionJournal journal) : IOrderVenue
    {
        public List<OrderRequest> Requests { get; } = [];
        public List<int> LedgerRowsWhenSent { get; } = [];

        public IReadOnlyList<OrderUpdate> Submit(OrderRequest request)
        {
            LedgerRowsWhenSent.Add(journal.OrderLog(Day).Count(r => r.ClientId == request.ClientId));
            Requests.Add(request);
            return [];
        }
    }

    private sealed class FixedPremium : IMarkPrice
    {
        public decimal? Mark(OptionContract contract, DateTimeOffset time, decimal spot) => 100m;
    }

    private sealed class OneContract : IContractSelector
    {
        public OptionContract? Select(OptionType type, decimal spot, DateTimeOffset time, out string? refusal)
        {
            refusal = null;
            return new OptionContract(Segment.NIFTY, Day.AddDays(3), 20000m, type, $"NIFTY25JAN20000{type}") { LotSize = 75, InstrumentToken = 7 };
        }
    }

    private static SegmentSession NewSession(IStepStore store, IOrderVenue venue) =>
        new(new AgentParameters(Segment.NIFTY, "NIFTY 50", Timeframe.FiveMinutes, 9, 50, 50, null, new PyramidRule(0, 0, 0), 5, null,
                new TimeOnly(9, 20), new TimeOnly(15, 15), new TimeOnly(15, 15)),
            new StrategyParameters(), new OneContract(), venue,
            new RiskLimits(1800, 1800, new TimeOnly(9, 20), new TimeOnly(15, 15), new TimeOnly(15, 15)), new FixedPremium(), new FlatRupees(), new SessionRiskBook(null, null), store);

    private static OrderUpdateInput Update(OrderRequest r, OrderState state, int filled, decimal average, DateTimeOffset time) =>
        new(time, new OrderUpdate(r.ClientId, state, filled, average, time, BrokerOrderId: "2501060001"));

    [Fact]
    public void Requests_reach_the_ledger_before_the_venue_and_repeated_or_late_updates_are_booked_once_even_across_a_restart()
    {
        OrderRequest entry, exit;
        using (var journal = SessionJournal.Open(SessionJournal.PathIn(_folder)))
        {
            var venue = new LaterVenue(journal);
            var session = NewSession(new JournalStepStore(journal, new DailyLogs(_folder, "PAPER")), venue);
            var c = new Candle(At(9, 15), 19990, 20000, 19990, 20000, 0);
            session.Handle(new IndexTickInput(At(9, 19, 59), 20000m));
            // A BUY_CE as the strategy's lines would give it (the indicators here have no history).
            session.Agent.OnCandleClosed(c, new SignalReading(c, 55, 56, 50, Cross.Up, Signal.BuyCe));
            entry = Assert.Single(venue.Requests);
            Assert.Equal(1, venue.LedgerRowsWhenSent[0]);   // the SENT row was in the journal first

            session.Handle(Update(entry, OrderState.Open, 25, 100m, At(9, 20, 1)));
            session.Handle(Update(entry, OrderState.Open, 25, 100m, At(9, 20, 1)));   // a repeat
            session.Handle(Update(entry, OrderState.Complete, 75, 100m, At(9, 20, 2)));
            session.Handle(Update(entry, OrderState.Open, 50, 100m, At(9, 20, 1)));    // late, out of order
            Assert.Equal(75, session.Agent.Position!.Quantity);
            Assert.Equal(2, session.Agent.Position.Buys.Count);

            session.Handle(new IndexTickInput(At(9, 25), 19940m));                   // the stop: exit sent, not answered
            exit = venue.Requests[^1];
            Assert.Equal(OrderPurpose.Exit, exit.Purpose);
            Assert.Equal(AgentStatus.ExitPending, session.Status.Status);
        }

        // A new process: the exit is known to work and is not sent again; its fill closes the trade.
        using (var journal = SessionJournal.Open(SessionJournal.PathIn(_folder)))
        {
            var venue = new LaterVenue(journal);
            var session = NewSession(new JournalStepStore(journal, new DailyLogs(_folder, "PAPER")), venue);
            Assert.True(session.ResumeFromJournal(Day));
            session.Handle(new IndexTickInput(At(9, 25, 5), 19930m));
            Assert.Empty(venue.Requests);
            session.Handle(Update(exit, OrderState.Complete, 75, 40m, At(9, 25, 6)));
            session.Handle(Update(exit, OrderState.Complete, 75, 40m, At(9, 25, 6)));   // a repeat after the end

            var trade = Assert.Single(journal.Trades(Day));
            Assert.Equal((ExitReason.StopLoss, 40m, 75 * 40m - 75 * 100m), (trade.ExitReason, trade.ExitPrice, trade.PnlValue));

            var orders = journal.Orders(Day);
            Assert.Equal([(entry.ClientId, OrderState.Complete, 75, 100m), (exit.ClientId, OrderState.Complete, 75, 40m)], orders);
            var log = journal.OrderLog(Day);
            Assert.Equal(["Sent", "Open", "Complete", "Sent", "Complete"], log.Select(r => r.State.ToString()));
            // The fill booked after the restart carries the request's terms.
            var last = log[^1];
            Assert.Equal(("NIFTY-20250106-01", OrderPurpose.Exit, OrderSide.Sell, 75, "2501060001"),
                (last.TradeId, last.Purpose, last.Side, last.Quantity, last.BrokerOrderId));
        }

        var csv = File.ReadAllLines(Path.Combine(_folder, DailyLogs.OrdersFile(Day)));
        Assert.Equal(6, csv.Length);
        Assert.StartsWith("time,mode,segment,client_order_id", csv[0], StringComparison.Ordinal);
        Assert.Contains(",EXIT,PLACE,SELL,MARKET,75,,,COMPLETE,75,40,2501060001,", csv[^1], StringComparison.Ordinal);
    }
}
