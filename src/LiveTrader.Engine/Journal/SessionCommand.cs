namespace LiveTrader.Engine.Journal;

/// <summary>What another process can ask a running session through its journal.</summary>
public enum SessionCommand
{
    KillSwitch,
    Rearm,
}
