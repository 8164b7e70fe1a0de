using LiveTrader.Core.Market;

namespace LiveTrader.Core.Instruments;

/// <summary>One option the engine would trade: which index, expiry, strike and side, plus the
/// exchange symbol a trader recognises it by. The trading facts (exchange, lot, tick, token) come
/// from the instrument dump live and from the configuration in a backtest.</summary>
public sealed record OptionContract(Segment Segment, DateOnly Expiry, decimal Strike, OptionType Type, string TradingSymbol)
{
    /// <summary>NFO for NSE indices, BFO for SENSEX.</summary>
    public string Exchange { get; init; } = Segment == Segment.SENSEX ? "BFO" : "NFO";
    public int LotSize { get; init; } = 1;
    public decimal TickSize { get; init; } = 0.05m;
    /// <summary>Kite's instrument token; 0 when no instrument dump is known (a backtest).</summary>
    public uint InstrumentToken { get; init; }

    public override string ToString() => TradingSymbol;
}
