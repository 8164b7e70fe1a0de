namespace LiveTrader.Sim.Faults;

/// <summary>Faults that are active from the start (see also <see cref="SimFaults"/> and <c>POST /sim/faults</c>).</summary>
public sealed class SimFaultOptions
{
    /// <summary>The first N REST requests are answered with <see cref="FailStatus"/> instead of being served.</summary>
    public int FailFirstRequests { get; set; }

    /// <summary>Status of injected REST failures: 429 (NetworkException "Too many requests") or 500/502/503/504.</summary>
    public int FailStatus { get; set; } = 429;

    /// <summary>Each new ticker connection gets this many garbage binary frames right after the handshake.</summary>
    public int GarbageFramesOnConnect { get; set; }

    /// <summary>When set, every ticker connection is dropped (aborted, no close frame) at this real-time period.</summary>
    public TimeSpan? DropTickerEvery { get; set; }

    /// <summary>When above 0, the ticks of every Nth simulated second are never sent, as a feed that misses updates:
    /// candles built from the ticks then miss some highs and lows that the historical candles have.</summary>
    public int LoseTickSecondsEvery { get; set; }
}
