namespace LiveTrader.Core.Instruments;

/// <summary>Call (bought on a bullish signal) or put (bought on a bearish one).</summary>
public enum OptionType
{
    CE,
    PE,
}
