using System.Collections.Concurrent;
using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;

namespace LiveTrader.Engine.Paper;

/// <summary>The latest tick of every subscribed instrument, each with its own time: a stale option
/// quote must be seen as stale even while the index ticks on. Written by the feed, read by agents.
/// Beside them, the day's circuit limits of the options whose <c>/quote</c> was read (ticks carry none).</summary>
public sealed class QuoteBook
{
    private readonly ConcurrentDictionary<uint, Tick> _last = new();
    private readonly ConcurrentDictionary<uint, CircuitBand> _bands = new();

    public void Update(in Tick tick) => _last[tick.InstrumentToken] = tick;

    public bool TryGet(uint token, out Tick tick) => _last.TryGetValue(token, out tick);

    public void SetBand(uint token, CircuitBand band) => _bands[token] = band;

    public CircuitBand? Band(uint token) => _bands.TryGetValue(token, out var band) ? band : null;
}
