using LiveTrader.Core.Instruments;
using LiveTrader.Core.Pricing;
using LiveTrader.Core.Trading;

namespace LiveTrader.Engine.Paper;

/// <summary>What a paper or live position would fetch now: the bid when known, else the last price.
/// At another index level (the protective stop's trigger) it is the live price moved by the option's
/// delta over the distance, the delta from Black-Scholes at the segment's implied volatility.</summary>
public sealed class QuoteMark(QuoteBook quotes, OptionPricer pricer, double impliedVolatility) : IMarkPrice
{
    public decimal? Mark(OptionContract contract, DateTimeOffset time, decimal spot)
    {
        if (!quotes.TryGet(contract.InstrumentToken, out var tick)) return null;
        return tick.Bid > 0 ? tick.Bid : tick.LastPrice;
    }

    public decimal? PremiumAt(OptionContract contract, DateTimeOffset time, decimal spot, decimal atSpot)
    {
        if (Mark(contract, time, spot) is not decimal now) return null;
        // A central difference over one index point on each side.
        var delta = (pricer.Price(contract, time, spot + 1, impliedVolatility, 0.0001m) - pricer.Price(contract, time, spot - 1, impliedVolatility, 0.0001m)) / 2;
        var premium = now + delta * (atSpot - spot);
        return premium < now ? premium : null;
    }
}
