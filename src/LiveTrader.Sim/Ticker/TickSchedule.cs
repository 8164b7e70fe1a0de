using LiveTrader.Core.Market;
using LiveTrader.Sim.Market;

namespace LiveTrader.Sim.Ticker;

/// <summary>Which simulated seconds of the session are due to be sent at an instant: every second from the open up
/// to now (15:29:59 at the latest), or with a <see cref="TickLatency"/> those whose delivery time has come. Pure
/// function of the day, the seed and the instant, so a manual clock fixes what a client receives.</summary>
internal sealed class TickSchedule(DateOnly day, ulong seed, TickLatency? latency)
{
    private readonly long _open = Ist.At(day, MarketHours.Open).ToUnixTimeSeconds();
    private readonly long _last = Ist.At(day, MarketHours.Close).ToUnixTimeSeconds() - 1;

    /// <summary>The session's first second (unix seconds).</summary>
    public long Open => _open;

    /// <summary>The latest second (unix seconds) whose ticks are due at <paramref name="now"/>; null before the open.</summary>
    public long? LastDue(DateTimeOffset now)
    {
        var at = now.ToUnixTimeMilliseconds() / 1000.0;
        long s = (long)Math.Floor(at - (latency?.Min.TotalSeconds ?? 0));
        if (latency is not null)
            while (s >= _open && Delivery(s) > at) s--;
        s = Math.Min(s, _last);
        return s >= _open ? s : null;
    }

    /// <summary>When a second's frame arrives: its own latency, or later if an earlier second's frame is still on the way.</summary>
    private double Delivery(long second)
    {
        var (min, max) = (latency!.Min.TotalSeconds, latency.Max.TotalSeconds);
        double when = 0;
        for (long k = second - (long)Math.Ceiling(max); k <= second; k++)
            when = Math.Max(when, k + min + (max - min) * SimRandom.Unit(SimRandom.Hash(seed, (ulong)k, 0x7A7)));
        return when;
    }
}
