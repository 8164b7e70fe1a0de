using System.Collections.Concurrent;
using LiveTrader.Core.Market;

namespace LiveTrader.Engine.Paper;

/// <summary>The latest tick of every subscribed instrument, each with its own time: a stale option
/// quote must be seen as stale even while the index ticks on. Written by the feed, read by agents.</summary>
public sealed class QuoteBook
{
    private readonly ConcurrentDictionary<uint, Tick> _last = new();

    public void Update(in Tick tick) => _last[tick.InstrumentToken] = tick;

    public bool TryGet(uint token, out Tick tick) => _last.TryGetValue(token, out tick);
}
