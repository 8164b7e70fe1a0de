using LiveTrader.Core.Instruments;
using LiveTrader.Core.Pricing;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Trading;

namespace LiveTrader.Engine.Execution;

/// <summary>A backtest's option price: Black-Scholes at the spot on trading time to the calendar's
/// expiry, with the segment's implied volatility, rounded to the tick.</summary>
public sealed class ModelPremium(SegmentSettings settings, OptionPricer pricer) : IMarkPrice
{
    public decimal Mark(OptionContract contract, DateTimeOffset time, decimal spot) =>
        pricer.Price(contract, time, spot, settings.ImpliedVolatility, contract.TickSize);

    decimal? IMarkPrice.Mark(OptionContract contract, DateTimeOffset time, decimal spot) => Mark(contract, time, spot);

    /// <summary>The model prices any index level directly; the price falls as the index moves against
    /// the option, so a level at or past the spot that way is the market already at the stop.</summary>
    public decimal? PremiumAt(OptionContract contract, DateTimeOffset time, decimal spot, decimal atSpot) =>
        (contract.Type == OptionType.CE ? atSpot >= spot : atSpot <= spot) ? null : Mark(contract, time, atSpot);
}
