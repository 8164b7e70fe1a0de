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

    public string? Snapshot(Segment segment, DateOnly day) => null;

    public IReadOnlyList<TradeRecord> Trades(Segment segment, DateOnly day) =>
        TradeLog.Where(t => t.Segment == segment && Ist.DayOf(t.ExitTime) == day).ToList();
}
