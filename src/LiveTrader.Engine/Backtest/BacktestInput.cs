using LiveTrader.Core.Market;
using LiveTrader.Core.Signals;

namespace LiveTrader.Engine.Backtest;

/// <summary>One segment's data for a backtest: candles on the strategy's timeframe, optionally finer
/// candles for stops, and the days to trade (earlier candles only warm the indicators).</summary>
public sealed record BacktestInput(
    Segment Segment,
    IReadOnlyList<Candle> Candles,
    IReadOnlyList<Candle>? StopCandles = null,
    DateOnly? From = null,
    DateOnly? To = null)
{
    /// <summary>The strategy's readings of <see cref="Candles"/> (<see cref="SignalTape"/>), when a
    /// caller running many variants of the same lines computed them once; null: the run reads them itself.</summary>
    public IReadOnlyList<SignalReading>? Signals { get; init; }

    /// <summary>False: the run hands each event to no one and its result has none, only trades and
    /// the summary (a sweep's thousands of runs need no event log, and keeping one is most of a run's memory).</summary>
    public bool KeepEvents { get; init; } = true;
}
