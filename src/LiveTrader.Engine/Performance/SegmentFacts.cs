namespace LiveTrader.Engine.Performance;

/// <summary>What the pairing needs of a segment: its timeframe (to find a trade's entry candle), the
/// slippage each side filled with, and its option tick size.</summary>
public sealed record SegmentFacts(TimeSpan Timeframe, int PaperSlippageTicks, int BacktestSlippageTicks, decimal TickSize);
