namespace LiveTrader.Core.Settings;

/// <summary>How a paper or live session makes its candles (DECISIONS.md "Live candles"): from ticks by
/// their exchange time, closed a grace after the boundary, and with <c>ticks+history</c> confirmed
/// against Kite's historical candle when it comes within the confirm window.</summary>
public sealed class LiveCandleSettings
{
    public const string Ticks = "ticks";
    public const string TicksAndHistory = "ticks+history";

    /// <summary><c>ticks</c> or <c>ticks+history</c>.</summary>
    public string Source { get; set; } = TicksAndHistory;

    /// <summary>Seconds after a candle's end before it closes without a tick of the next one: Kite's
    /// ticks arrive up to about 1.5 s late.</summary>
    public double GraceSeconds { get; set; } = 1.5;

    /// <summary>Seconds after a candle's end within which the historical candle must arrive to be used.</summary>
    public double ConfirmSeconds { get; set; } = 3;

    public bool ConfirmsWithHistory => string.Equals(Source?.Trim(), TicksAndHistory, StringComparison.OrdinalIgnoreCase);
}
