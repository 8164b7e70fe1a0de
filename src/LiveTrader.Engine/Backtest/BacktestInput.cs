using LiveTrader.Core.Market;

namespace LiveTrader.Engine.Backtest;

/// <summary>One segment's data for a backtest: candles on the strategy's timeframe, optionally finer
/// candles for stops, and the days to trade (earlier candles only warm the indicators).</summary>
public sealed record BacktestInput(
    Segment Segment,
    IReadOnlyList<Candle> Candles,
    IReadOnlyList<Candle>? StopCandles = null,
    DateOnly? From = null,
    DateOnly? To = null);
