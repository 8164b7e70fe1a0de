using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;

namespace LiveTrader.Core.Trading;

/// <summary>The option an agent trades: from the instrument dump live, from the expiry calendar in
/// a backtest. <paramref name="InstrumentToken"/> is 0 when no dump is known.</summary>
public sealed record OptionContract(
    Segment Segment,
    string TradingSymbol,
    string Exchange,
    OptionType Type,
    decimal Strike,
    DateOnly Expiry,
    int LotSize,
    decimal TickSize,
    uint InstrumentToken = 0);
