namespace LiveTrader.Core.Signals;

/// <summary>What a strength line is averaged from. DECISIONS.md: RSI by default; close or volume
/// (the near-month future's, since the index has none) on request.</summary>
public enum LineSource
{
    Rsi,
    Close,
    Volume,
}
