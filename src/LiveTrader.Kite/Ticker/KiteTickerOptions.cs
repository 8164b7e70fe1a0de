namespace LiveTrader.Kite.Ticker;

/// <summary>Settings of <see cref="KiteTicker"/>; every interval is configurable so tests can use small values.</summary>
public sealed class KiteTickerOptions
{
    public Uri RootUri { get; set; } = new("wss://ws.kite.trade");

    /// <summary>Reconnect when no frame (ticks, heartbeat or text) arrives for this long. Kite heartbeats every ~1–2 s.</summary>
    public TimeSpan WatchdogTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Delay before the first reconnect; doubles per failed attempt up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan InitialReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Consecutive failed attempts before giving up (state <see cref="KiteTickerState.Stopped"/>). 0 = never give up.</summary>
    public int MaxReconnectAttempts { get; set; } = 50;

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest message accepted: a full-mode frame of Kite's 3000 instruments a connection
    /// may subscribe is about 560 KB. A larger one closes the connection (1009) and reconnects,
    /// instead of growing a buffer without bound.</summary>
    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>Optional diagnostic sink. Lines never contain credentials or the connection URL's query.</summary>
    public Action<string>? Log { get; set; }
}
