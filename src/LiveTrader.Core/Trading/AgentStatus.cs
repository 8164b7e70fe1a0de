namespace LiveTrader.Core.Trading;

/// <summary>Where a segment agent stands, as the status card shows it.</summary>
public enum AgentStatus
{
    Idle,
    WaitingForSignal,
    InPosition,
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
        AgentStatus.Paused => "PAUSED",
        AgentStatus.Blocked => "BLOCKED",
        _ => status.ToString(),
    };
}
