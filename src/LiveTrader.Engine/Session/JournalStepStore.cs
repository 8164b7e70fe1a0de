using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Journal;

namespace LiveTrader.Engine.Session;

/// <summary>A paper or live session's store: the SQLite journal first, then the day's CSV logs,
/// under one lock shared by every segment so the files follow the journal's order.</summary>
public sealed class JournalStepStore(SessionJournal journal, DailyLogs logs) : IStepStore
{
    private readonly Lock _lock = new();
    private readonly HashSet<DateOnly> _reconciled = [];

    public void Commit(Segment segment, DateOnly day, string snapshot, IReadOnlyList<AgentEvent> events, IReadOnlyList<TradeRecord> trades)
    {
        lock (_lock)
        {
            journal.Commit(segment, day, snapshot, events, trades);
            logs.Append(journal, events, trades);
        }
    }

    public void RecordOrder(OrderLedgerRow row)
    {
        lock (_lock)
        {
            journal.RecordOrder(row);
            logs.SyncOrders(journal, Ist.DayOf(row.Time));
        }
    }

    public IReadOnlyList<OrderLedgerRow> OrderLog(DateOnly day) => journal.OrderLog(day);

    public string? Snapshot(Segment segment, DateOnly day)
    {
        lock (_lock)
        {
            // A restart first brings the day's files level with the journal.
            if (_reconciled.Add(day)) logs.Reconcile(journal, day);
            return journal.Snapshot(segment, day);
        }
    }

    public IReadOnlyList<TradeRecord> Trades(Segment segment, DateOnly day) =>
        journal.Trades(day).Where(t => t.Segment == segment).ToList();
}
