using LiveTrader.Core.Market;

namespace LiveTrader.Core.Instruments;

/// <summary>One option the engine would trade: which index, expiry, strike and side, plus the
/// exchange symbol a trader recognises it by.</summary>
public sealed record OptionContract(Segment Segment, DateOnly Expiry, decimal Strike, OptionType Type, string TradingSymbol)
{
    public override string ToString() => TradingSymbol;
}
