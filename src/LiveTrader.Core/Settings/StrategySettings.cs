namespace LiveTrader.Core.Settings;

/// <summary>The RSI pane (DECISIONS.md "Strategy lines"): timeframe, RSI period and the two
/// strength lines' lengths and sources.</summary>
public sealed class StrategySettings
{
    public string Timeframe { get; set; } = "5minute";
    public int RsiPeriod { get; set; } = 9;
    public LineSettings PriceStrength { get; set; } = new() { Length = 3, Source = "rsi" };
    public LineSettings VolumeStrength { get; set; } = new() { Length = 6, Source = "rsi" };
}

public sealed class LineSettings
{
    public int Length { get; set; }
    public string Source { get; set; } = "rsi";
}
