using LiveTrader.Core.Market;

namespace LiveTrader.Core.Trading;

/// <summary>Session-wide limits that every agent asks before an entry: the global daily loss
/// limit and profit target (spec 8). Agents check their own per-segment limits themselves.</summary>
public interface IRiskGate
{
    /// <summary>Null when an entry is allowed, else why not.</summary>
    string? EntryRefusal(Segment segment, DateOnly day);

    void RecordClosedTrade(Segment segment, DateOnly day, decimal netPnl);

    /// <summary>True when the gate counts open positions: only then does an agent mark its position for it.</summary>
    bool WantsOpenProfit => false;

    /// <summary>Non-null (why) once the account's protection wants every position closed for the day.</summary>
    string? CloseRequired(DateOnly day) => null;

    /// <summary>A segment's open position marked to market now (null when it holds nothing).</summary>
    void ReportOpenProfit(Segment segment, DateOnly day, decimal? openPnl) { }

    /// <summary>What the account's rules have reached on <paramref name="day"/> that its trades alone do not
    /// tell (the day's high with open profit, an armed profit lock, a rule that fired), for the journal.</summary>
    AccountRiskState? StateFor(DateOnly day) => null;

    /// <summary>After a restart: what the journal kept is reached again, so a fired rule stays fired.</summary>
    void Restore(DateOnly day, AccountRiskState state) { }
}

/// <summary>The account's rules' state of one day, as the journal keeps it.</summary>
public sealed record AccountRiskState(decimal Peak, bool LockArmed, string? Latched, string? Closing);
