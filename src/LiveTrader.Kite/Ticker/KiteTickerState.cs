namespace LiveTrader.Kite.Ticker;

public enum KiteTickerState
{
    /// <summary>Not started.</summary>
    Idle,
    Connecting,
    Connected,
    /// <summary>Connection lost (or watchdog fired); waiting <see cref="KiteTickerStateChange.RetryIn"/> before the next attempt.</summary>
    Reconnecting,
    /// <summary>Kite refused the credentials (HTTP 403). No retries until new credentials and a new Start.</summary>
    LoginRequired,
    /// <summary>Stopped by the caller, or gave up after the configured number of attempts.</summary>
    Stopped,
}

/// <param name="State">The new state.</param>
/// <param name="Attempt">Consecutive failed attempts so far (0 when connected).</param>
/// <param name="RetryIn">Delay before the next attempt (Reconnecting only).</param>
/// <param name="Reason">Why the state changed (never contains secrets).</param>
public sealed record KiteTickerStateChange(KiteTickerState State, int Attempt, TimeSpan? RetryIn, string? Reason);

/// <summary>Receives the ticks of one frame; the span is only valid during the call.</summary>
public delegate void KiteTicksHandler(ReadOnlySpan<KiteTick> ticks);
