using LiveTrader.Core.Instruments;
using LiveTrader.Core.Trading;

namespace LiveTrader.Engine.Paper;

/// <summary>What a paper or live position would fetch now: the bid when known, else the last price.</summary>
public sealed class QuoteMark(QuoteBook quotes) : IMarkPrice
{
    public decimal? Mark(OptionContract contract, DateTimeOffset time, decimal spot)
    {
        if (!quotes.TryGet(contract.InstrumentToken, out var tick)) return null;
        return tick.Bid > 0 ? tick.Bid : tick.LastPrice;
    }
}
