namespace LiveTrader.Core.Instruments;

/// <summary>Call or put, spelled as Kite's <c>instrument_type</c> and the trading symbol's suffix.</summary>
public enum OptionType
{
    /// <summary>Call: bought on a long (bullish) signal.</summary>
    CE,
    /// <summary>Put: bought on a short (bearish) signal.</summary>
    PE,
}
