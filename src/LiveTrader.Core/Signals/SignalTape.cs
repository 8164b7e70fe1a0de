using LiveTrader.Core.Market;

namespace LiveTrader.Core.Signals;

/// <summary>The signal engine's readings of a whole candle series at once. A reading depends only on
/// the candles and the strategy's line lengths and sources, so runs that differ only in stops,
/// trail, pyramiding or offsets (a sweep's variants) can share one tape instead of each recomputing it.</summary>
public static class SignalTape
{
    public static SignalReading[] Read(IReadOnlyList<Candle> candles, StrategyParameters parameters)
    {
        var engine = new SignalEngine(parameters);
        var tape = new SignalReading[candles.Count];
        for (var i = 0; i < tape.Length; i++) tape[i] = engine.OnCandleClosed(candles[i]);
        return tape;
    }
}
