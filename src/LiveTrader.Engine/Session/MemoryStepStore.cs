using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;

namespace LiveTrader.Engine.Session;

/// <summary>A replay's store: every event and trade in memory, in order, for the backtest files.</summary>
public sealed class MemoryStepStore : IStepStore
{
    public List<AgentEvent> Events { get; } = [];
    public List<TradeRecord> TradeLog { get; } = [];

    public void Commit(Segment segment, DateOnly day, string snapshot, IReadOnlyList<AgentEvent> events, IReadOnlyList<TradeRecord> trades)
    {
        Events.AddRange(events);
        TradeLog.AddRange(trades);
    }

    /// <summary>The order ledger, each state once, as the journal keeps it.</summary>
    public List<Journal.OrderLedgerRow> Orders { get; } = [];
    private readonly HashSet<(string, Core.Orders.OrderAction, Core.Orders.OrderState, int, int)> _orderStates = [];

    public void RecordOrder(Journal.OrderLedgerRow row)
    {
        if (_orderStates.Add((row.ClientId, row.Action, row.State, row.FilledQuantity, row.Revision))) Orders.Add(row);
    }

    public IReadOnlyList<Journal.OrderLedgerRow> OrderLog(DateOnly day) => Orders.Where(o => Ist.DayOf(o.Time) == day).ToList();

    public string? Snapshot(Segment segment, DateOnly day) => null;

    public IReadOnlyList<TradeRecord> Trades(Segment segment, DateOnly day) =>
        TradeLog.Where(t => t.Segment == segment && Ist.DayOf(t.ExitTime) == day).ToList();
}
