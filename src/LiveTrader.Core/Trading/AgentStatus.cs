namespace LiveTrader.Core.Trading;

/// <summary>Where a segment agent stands, as the status card shows it.</summary>
public enum AgentStatus
{
    Idle,
    WaitingForSignal,
    InPosition,
    /// <summary>An entry order is working and nothing is bought yet.</summary>
    EntryPending,
    /// <summary>In position, with a pyramid add working.</summary>
    AddPending,
    /// <summary>In position, with its exit order working; or sold out, waiting for a buy being cancelled.</summary>
    ExitPending,
    Paused,
    /// <summary>No new entries today: trade limit, daily loss or the global limits.</summary>
    Blocked,
}

public static class AgentStatusText
{
    public static string ToText(this AgentStatus status) => status switch
    {
        AgentStatus.Idle => "IDLE",
        AgentStatus.WaitingForSignal => "WAITING FOR SIGNAL",
        AgentStatus.InPosition => "IN POSITION",
        AgentStatus.EntryPending => "ENTRY PENDING",
        AgentStatus.AddPending => "ADD PENDING",
        AgentStatus.ExitPending => "EXIT PENDING",
        AgentStatus.Paused => "PAUSED",
        AgentStatus.Blocked => "BLOCKED",
        _ => status.ToString(),
    };
}
