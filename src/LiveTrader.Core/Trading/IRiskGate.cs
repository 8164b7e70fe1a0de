using LiveTrader.Core.Market;

namespace LiveTrader.Core.Trading;

/// <summary>Session-wide limits that every agent asks before an entry: the global daily loss
/// limit and profit target (spec 8). Agents check their own per-segment limits themselves.</summary>
public interface IRiskGate
{
    /// <summary>Null when an entry is allowed, else why not.</summary>
    string? EntryRefusal(Segment segment, DateOnly day);

    void RecordClosedTrade(Segment segment, DateOnly day, decimal netPnl);
}
