using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Journal;
using Microsoft.Data.Sqlite;

namespace LiveTrader.Engine.Tests.Journal;

public sealed class SessionJournalTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"lt-journal-{Guid.NewGuid():N}");
    private static readonly DateOnly Day = new(2026, 1, 6);
    private static DateTimeOffset At(int h, int m) => Ist.At(Day, new TimeOnly(h, m));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private string DbPath => Path.Combine(_folder, "journal.db");

    internal static TradeRecord Trade(string id, DateTimeOffset exit) => new()
    {
        TradeId = id, Segment = Segment.NIFTY, IndexSymbol = "NIFTY 50", IndexEntrySpot = 26000m, TimeInterval = "5minute",
        RsiPeriod = 9, SignalType = "BUY_CE", OptionSymbol = "NIFTY2610625900CE", OptionType = OptionType.CE,
        StrikePrice = 25900m, Expiry = Day, Lots = 1, EntryTime = exit.AddMinutes(-30), EntryPrice = 150.25m,
        StopLossPoints = 50, InitialSlPrice = 25950m, TrailingStopPoints = 50, ExitTime = exit, ExitPrice = 160.05m,
        ExitReason = ExitReason.TrailingStop, PnlPoints = 9.8m, PnlValue = 637m, ReturnPct = 6.52m, IndexExitSpot = 26010m,
        Charges = 60.12m, NetPnl = 576.88m, MaxQuantity = 65, PyramidAdds = 0, MaxFavorableExcursion = 40m, MaxAdverseExcursion = 5m,
        Buys = [new Fill(exit.AddMinutes(-30), 150.25m, 65, "ask")], Sells = [new Fill(exit, 160.05m, 65, "bid")],
    };

    [Fact]
    public void A_committed_step_survives_reopening_with_its_snapshot_events_and_trades()
    {
        var e = new AgentEvent(At(10, 0), Segment.NIFTY, AgentEventType.EntryTaken, "bought, at 150.25", "NIFTY-20260106-01", "NIFTY2610625900CE", 26000m, 150.25m, 65);
        using (var journal = SessionJournal.Open(DbPath))
            journal.Commit(Segment.NIFTY, Day, """{"state":1}""", [e], [Trade("NIFTY-20260106-01", At(10, 30))]);

        using var reopened = SessionJournal.Open(DbPath);
        Assert.Equal("""{"state":1}""", reopened.Snapshot(Segment.NIFTY, Day));
        Assert.Equal([e], reopened.Events(Day));
        var trade = Assert.Single(reopened.Trades(Day));
        Assert.Equal(Trade("NIFTY-20260106-01", At(10, 30)) with { Buys = trade.Buys, Sells = trade.Sells }, trade);
        Assert.Equal(150.25m, trade.Buys[0].Price);
        Assert.Equal(Ist.Offset, trade.ExitTime.Offset);
    }

    [Fact]
    public void A_trade_journalled_twice_is_refused_and_nothing_of_that_step_is_kept()
    {
        using var journal = SessionJournal.Open(DbPath);
        journal.Commit(Segment.NIFTY, Day, "v1", [], [Trade("NIFTY-20260106-01", At(10, 30))]);

        var e = new AgentEvent(At(10, 31), Segment.NIFTY, AgentEventType.Exit, "again");
        Assert.Throws<SqliteException>(() => journal.Commit(Segment.NIFTY, Day, "v2", [e], [Trade("NIFTY-20260106-01", At(10, 30))]));

        Assert.Equal("v1", journal.Snapshot(Segment.NIFTY, Day));
        Assert.Empty(journal.Events(Day));
        Assert.Single(journal.Trades(Day));
    }

    [Fact]
    public void A_later_day_inherits_no_state()
    {
        using var journal = SessionJournal.Open(DbPath);
        journal.Commit(Segment.SENSEX, Day, "yesterday", [], []);

        Assert.Null(journal.Snapshot(Segment.SENSEX, Day.AddDays(1)));
        Assert.Null(journal.Snapshot(Segment.NIFTY, Day));
        Assert.Empty(journal.Trades(Day.AddDays(1)));
    }
}
