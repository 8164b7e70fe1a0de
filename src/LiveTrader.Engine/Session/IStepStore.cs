using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;

namespace LiveTrader.Engine.Session;

/// <summary>Where a segment session keeps what each step decided: the journal and the day's CSV logs
/// in a paper session, memory in a replay.</summary>
public interface IStepStore
{
    /// <summary>Stores one step; must be durable before it returns when a crash must not lose it.</summary>
    void Commit(Segment segment, DateOnly day, string snapshot, IReadOnlyList<AgentEvent> events, IReadOnlyList<TradeRecord> trades);

    /// <summary>Writes one state of an order to the ledger; durable before it returns (the outbox).</summary>
    void RecordOrder(Journal.OrderLedgerRow row);

    /// <summary>The ledger's rows of that day so far.</summary>
    IReadOnlyList<Journal.OrderLedgerRow> OrderLog(DateOnly day);

    /// <summary>The agent's last stored state of that day, if any.</summary>
    string? Snapshot(Segment segment, DateOnly day);

    /// <summary>The segment's trades of that day so far.</summary>
    IReadOnlyList<TradeRecord> Trades(Segment segment, DateOnly day);
}
