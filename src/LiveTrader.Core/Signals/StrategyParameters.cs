namespace LiveTrader.Core.Signals;

/// <summary>The RSI pane's lines: RSI period, and each strength line's length and source.</summary>
public sealed record StrategyParameters(
    int RsiPeriod = 9,
    int PriceStrengthLength = 3,
    LineSource PriceStrengthSource = LineSource.Rsi,
    int VolumeStrengthLength = 6,
    LineSource VolumeStrengthSource = LineSource.Rsi);
