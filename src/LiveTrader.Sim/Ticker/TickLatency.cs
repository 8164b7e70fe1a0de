namespace LiveTrader.Sim.Ticker;

/// <summary>How late a simulated second's ticks reach the client, modelled on Kite's feed: each second's frame
/// arrives between <see cref="Min"/> and <see cref="Max"/> after the second (a hash of the seed and the second picks
/// where), never before an earlier second's frame, so the last ticks of a candle often land after its boundary.</summary>
public sealed record TickLatency(TimeSpan Min, TimeSpan Max)
{
    /// <summary>Kite's ticks as observed: 0.4 to 3 s after their exchange time.</summary>
    public static TickLatency Kite { get; } = new(TimeSpan.FromSeconds(0.4), TimeSpan.FromSeconds(3));
}
