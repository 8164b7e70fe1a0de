using LiveTrader.Core.Charges;
using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;
using LiveTrader.Core.Risk;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Signals;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Execution;
using LiveTrader.Engine.Journal;
using LiveTrader.Engine.Session;
using LiveTrader.Kite.Rest;
using Microsoft.Data.Sqlite;

namespace LiveTrader.Engine.Tests.Session;

/// <summary>A protective stop above the freeze quantity rests at Kite as two child orders; the process
/// is killed and a new one starts from the journal. Its cancel and modifications must reach both
/// children, the children's later updates must be booked into the one stop the agent asked for, and
/// what they came to while the process was down must reach the ledger and the agent. The venue
/// answers later, as Kite does: the test answers with update inputs. Market time only.</summary>
public sealed class SlicedStopRestartTests : IDisposable
{
    private static readonly DateOnly Day = new(2025, 1, 6);
    private static readonly OptionContract Call = new(Segment.NIFTY, Day.AddDays(3), 20000m, OptionType.CE, "NIFTY25JAN20000CE") { LotSize = 75, InstrumentToken = 7 };
    // Two lots of 75 against a freeze quantity of 75: the entry and its stop go as two children each.
    private const int Freeze = 75;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"lt-sliced-{Guid.NewGuid():N}");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static DateTimeOffset At(int h, int m, int s = 0) => Ist.At(Day, new TimeOnly(h, m, s));

    /// <summary>100 now, half a rupee less for every index point the stop lies below the spot.</summary>
    private sealed class HalfDelta : IMarkPrice
    {
        public decimal? Mark(OptionContract contract, DateTimeOffset time, decimal spot) => 100m;

        public decimal? PremiumAt(OptionContract contract, DateTimeOffset time, decimal spot, decimal atSpot) => atSpot < spot ? 100m - (spot - atSpot) / 2 : null;
    }

    private SegmentSession NewSession(SessionJournal journal, IOrderVenue venue) =>
        new(new AgentParameters(Segment.NIFTY, "NIFTY 50", Timeframe.FiveMinutes, 9, 50, 50, null, new PyramidRule(0, 0, 0), 5, null,
                new TimeOnly(9, 20), new TimeOnly(15, 15), new TimeOnly(15, 15), LotsAtEntry: 2,
                ProtectiveStop: new ProtectiveStopRule(10, 5, Freeze)),
            new StrategyParameters(), new OneContract(Call), venue,
            new RiskLimits(1800, Freeze, new TimeOnly(9, 20), new TimeOnly(15, 15), new TimeOnly(15, 15)), new HalfDelta(), new FlatRupees(),
            new SessionRiskBook(null, null), new JournalStepStore(journal, new DailyLogs(_folder, "LIVE")));

    private static OrderUpdateInput Answer(string clientId, OrderState state, int filled, decimal average, DateTimeOffset time) =>
        new(time, new OrderUpdate(clientId, state, filled, average, time, BrokerOrderId: $"K{clientId}"));

    /// <summary>The first process: 150 bought (two children), then its protective stop for 150, resting
    /// at Kite as two children of 75. Returns the stop's id; the process then dies.</summary>
    private string HoldASlicedStop()
    {
        using var journal = SessionJournal.Open(SessionJournal.PathIn(_folder));
        var venue = new LaterVenue();
        var session = NewSession(journal, venue);
        session.Handle(new IndexTickInput(At(9, 19, 59), 20000m));
        var c = new Candle(At(9, 15), 19990, 20000, 19990, 20000, 0);
        // A BUY_CE as the strategy's lines would give it (the indicators here have no history).
        session.Agent.OnCandleClosed(c, new SignalReading(c, 55, 56, 50, Cross.Up, Signal.BuyCe));
        Assert.Equal([(OrderPurpose.Entry, 75), (OrderPurpose.Entry, 75)], venue.Requests.Select(r => (r.Purpose, r.Quantity)));
        session.Handle(Answer(venue.Requests[0].ClientId, OrderState.Complete, 75, 100m, At(9, 20, 1)));
        // The first 75 got a stop of 75; at 150 it is replaced whole, sliced.
        var small = venue.Requests[^1];
        Assert.Equal((OrderPurpose.ProtectiveStop, 75), (small.Purpose, small.Quantity));
        session.Handle(Answer(venue.Requests[1].ClientId, OrderState.Complete, 75, 100m, At(9, 20, 1)));
        Assert.Equal((small.ClientId, OrderAction.Cancel), (venue.Requests[^1].ClientId, venue.Requests[^1].Action));
        session.Handle(Answer(small.ClientId, OrderState.Cancelled, 0, 0m, At(9, 20, 2)));
        var children = venue.Requests.TakeLast(2).ToList();
        Assert.All(children, r => Assert.Equal((OrderAction.Place, OrderPurpose.ProtectiveStop, 75), (r.Action, r.Purpose, r.Quantity)));
        var stop = children[0].ClientId[..^1];
        Assert.Equal([stop + "A", stop + "B"], children.Select(r => r.ClientId));
        foreach (var child in children) session.Handle(Answer(child.ClientId, OrderState.TriggerPending, 0, 0m, At(9, 20, 3)));
        Assert.Equal(150, session.Agent.Position!.Quantity);
        Assert.Equal((stop, 150), (session.Agent.WorkingOrders.Single().ClientId, session.Agent.WorkingOrders[0].Quantity));
        return stop;
    }

    [Fact]
    public void After_a_restart_the_trails_modification_and_the_exits_cancel_of_a_sliced_stop_reach_every_child_and_the_exit_waits_for_both()
    {
        var stop = HoldASlicedStop();

        using var journal = SessionJournal.Open(SessionJournal.PathIn(_folder));
        var venue = new LaterVenue();
        var session = NewSession(journal, venue);
        Assert.True(session.ResumeFromJournal(Day));

        // The index rises 10 points: the trail follows, and on the next tick the stop's trigger is moved, child by child.
        session.Handle(new IndexTickInput(At(9, 21), 20010m));
        session.Handle(new IndexTickInput(At(9, 21, 1), 20010m));
        Assert.Equal([(stop + "A", OrderAction.Modify, 75), (stop + "B", OrderAction.Modify, 75)],
            venue.Requests.Select(r => (r.ClientId, r.Action, r.Quantity)));
        venue.Requests.Clear();

        // The trailing stop is hit: the exit first cancels the protective stop, at both children, and sells nothing yet.
        session.Handle(new IndexTickInput(At(9, 22), 19955m));
        Assert.Equal([(stop + "A", OrderAction.Cancel), (stop + "B", OrderAction.Cancel)], venue.Requests.Select(r => (r.ClientId, r.Action)));
        session.Handle(Answer(stop + "A", OrderState.Cancelled, 0, 0m, At(9, 22, 1)));
        Assert.Equal(2, venue.Requests.Count);

        session.Handle(Answer(stop + "B", OrderState.Cancelled, 0, 0m, At(9, 22, 2)));
        var exit = venue.Requests.Skip(2).ToList();
        Assert.All(exit, r => Assert.Equal((OrderAction.Place, OrderPurpose.Exit), (r.Action, r.Purpose)));
        Assert.Equal(150, exit.Sum(r => r.Quantity));
    }

    [Fact]
    public void After_a_restart_a_childs_fill_is_booked_once_into_the_stop_and_the_exit_sells_only_what_is_left()
    {
        var stop = HoldASlicedStop();

        using var journal = SessionJournal.Open(SessionJournal.PathIn(_folder));
        var venue = new LaterVenue();
        var session = NewSession(journal, venue);
        Assert.True(session.ResumeFromJournal(Day));
        session.Handle(new IndexTickInput(At(9, 22), 19945m));   // the initial stop: the exit cancels the protective stop
        Assert.Equal(2, venue.Requests.Count);

        // Child B triggered at Kite before the cancel reached it: 50 sold, reported twice, then the rest cancelled.
        session.Handle(Answer(stop + "A", OrderState.Cancelled, 0, 0m, At(9, 22, 1)));
        session.Handle(Answer(stop + "B", OrderState.Open, 50, 70m, At(9, 22, 1)));
        session.Handle(Answer(stop + "B", OrderState.Open, 50, 70m, At(9, 22, 1)));
        Assert.Equal(100, session.Agent.Position!.Quantity);
        session.Handle(Answer(stop + "B", OrderState.Cancelled, 50, 70m, At(9, 22, 2)));

        var exit = venue.Requests.Skip(2).ToList();
        Assert.Equal(100, exit.Sum(r => r.Quantity));
        foreach (var child in exit) session.Handle(Answer(child.ClientId, OrderState.Complete, child.Quantity, 69m, At(9, 22, 3)));

        var trade = Assert.Single(journal.Trades(Day));
        Assert.Equal((150, 150), (trade.Buys.Sum(f => f.Quantity), trade.Sells.Sum(f => f.Quantity)));
        Assert.Equal(50 * 70m + 100 * 69m - 150 * 100m, trade.PnlValue);
        var orders = journal.Orders(Day).ToDictionary(o => o.ClientId);
        Assert.Equal((OrderState.Cancelled, 0), (orders[stop + "A"].State, orders[stop + "A"].FilledQuantity));
        Assert.Equal((OrderState.Cancelled, 50), (orders[stop + "B"].State, orders[stop + "B"].FilledQuantity));
    }

    [Fact]
    public void Slices_that_ended_at_Kite_while_the_process_was_down_are_booked_into_the_ledger_and_close_the_trade()
    {
        var stop = HoldASlicedStop();

        using var journal = SessionJournal.Open(SessionJournal.PathIn(_folder));
        var venue = new LaterVenue();
        var session = NewSession(journal, venue);
        Assert.True(session.ResumeFromJournal(Day));

        // While the process was down the market fell through the stop at Kite: both children filled.
        KiteOrder AtKite(string tag, string side, long filled, decimal average) => new()
        {
            OrderId = $"K{tag}", Tag = tag, Status = "COMPLETE", Quantity = 75, FilledQuantity = filled, AveragePrice = average,
            TransactionType = side, InstrumentToken = Call.InstrumentToken, Tradingsymbol = Call.TradingSymbol,
        };
        var entry = ClientOrderId.For(Segment.NIFTY, Day, 1, OrderPurpose.Entry, 1);
        var book = new List<KiteOrder> { AtKite(entry + "A", "BUY", 75, 100m), AtKite(entry + "B", "BUY", 75, 100m), AtKite(stop + "A", "SELL", 75, 72m), AtKite(stop + "B", "SELL", 75, 71m) };
        var log = journal.OrderLog(Day);
        // And the first stop of 75, replaced before any fill.
        var first = log.First(r => r.Purpose == OrderPurpose.ProtectiveStop).ClientId;
        book.Add(AtKite(first, "SELL", 0, 0m) with { Status = "CANCELLED" });
        var result = Reconciliation.Check(Segment.NIFTY, Day, session.Agent.WorkingOrders.Select(o => o.Snapshot()).ToList(), OrderLedgerRow.Booked(log),
            book, [new KitePosition { InstrumentToken = Call.InstrumentToken, Quantity = 0, Tradingsymbol = Call.TradingSymbol, Product = "MIS" }],
            token => token == Call.InstrumentToken, At(9, 40));
        Assert.Null(result.Refusal);
        foreach (var update in result.Updates) session.Handle(new OrderUpdateInput(At(9, 40), update));

        Assert.Null(session.Agent.Position);
        Assert.Empty(venue.Requests);   // nothing is sold again
        var trade = Assert.Single(journal.Trades(Day));
        Assert.Equal((ExitReason.StopLoss, 75 * 72m + 75 * 71m - 150 * 100m), (trade.ExitReason, trade.PnlValue));
        var orders = journal.Orders(Day).ToDictionary(o => o.ClientId);
        Assert.Equal((OrderState.Complete, 75, 72m), (orders[stop + "A"].State, orders[stop + "A"].FilledQuantity, orders[stop + "A"].AveragePrice));
        Assert.Equal((OrderState.Complete, 75, 71m), (orders[stop + "B"].State, orders[stop + "B"].FilledQuantity, orders[stop + "B"].AveragePrice));
    }
}
