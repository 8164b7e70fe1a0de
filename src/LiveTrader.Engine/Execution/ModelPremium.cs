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

    /// <summary>The model prices any index level directly.</summary>
    public decimal? PremiumAt(OptionContract contract, DateTimeOffset time, decimal spot, decimal atSpot) => Mark(contract, time, atSpot);
}
