namespace LiveTrader.Core.Orders;

/// <summary>An order's state as the engine books it (Kite's statuses fold into these: OPEN with a
/// filled quantity is a partly filled order; there is no partly-filled status).</summary>
public enum OrderState
{
    /// <summary>Written to the ledger, handed to the venue, not yet answered.</summary>
    Sent,
    /// <summary>Working at the venue (a stop-limit waiting for its trigger included).</summary>
    Open,
    Complete,
    Rejected,
    Cancelled,
    /// <summary>A stop-limit resting before its trigger (Kite's TRIGGER PENDING); OPEN once triggered.</summary>
    TriggerPending,
}

public static class OrderStates
{
    public static bool IsFinal(this OrderState state) => state is OrderState.Complete or OrderState.Rejected or OrderState.Cancelled;
}
