using LiveTrader.Core.Instruments;

namespace LiveTrader.Core.Pricing;

/// <summary>European Black-Scholes prices for index options. A backtest has no option tape, so it
/// models the premium from spot (DECISIONS.md "Prices, fills and P&amp;L"). NSE/BSE index options are
/// European and cash-settled, so the model fits the contract; dividends are ignored (rate 0 by default
/// also stands in for the small carry over a few days).</summary>
public static class BlackScholes
{
    public const decimal DefaultTick = 0.05m;

    /// <summary>The premium rounded to the nearest tick (may be 0 for a far out-of-the-money option).</summary>
    /// <param name="years">Time to expiry in years (see <see cref="TradingTime"/>); 0 or less prices intrinsic value.</param>
    /// <param name="volatility">Annual implied volatility, 0.12 = 12 %.</param>
    /// <param name="rate">Continuously compounded risk-free rate, 0.065 = 6.5 %.</param>
    public static decimal Price(OptionType type, decimal spot, decimal strike, double years, double volatility,
        double rate = 0, decimal tick = DefaultTick)
    {
        if (tick <= 0) throw new ArgumentOutOfRangeException(nameof(tick), tick, "tick must be positive");
        var value = Value(type, (double)spot, (double)strike, years, volatility, rate);
        return RoundToTick((decimal)value, tick);
    }

    /// <summary>The unrounded model value, for calibration and tests.</summary>
    public static double Value(OptionType type, double spot, double strike, double years, double volatility, double rate = 0)
    {
        if (!(spot > 0)) throw new ArgumentOutOfRangeException(nameof(spot), spot, "spot must be positive");
        if (!(strike > 0)) throw new ArgumentOutOfRangeException(nameof(strike), strike, "strike must be positive");
        if (volatility < 0 || double.IsNaN(volatility)) throw new ArgumentOutOfRangeException(nameof(volatility), volatility, "volatility must not be negative");

        if (years <= 0)
            return Math.Max(0, type == OptionType.CE ? spot - strike : strike - spot);

        var discountedStrike = strike * Math.Exp(-rate * years);
        var spread = volatility * Math.Sqrt(years);
        if (spread <= 0)
            return Math.Max(0, type == OptionType.CE ? spot - discountedStrike : discountedStrike - spot);

        var d1 = (Math.Log(spot / strike) + (rate + volatility * volatility / 2) * years) / spread;
        var d2 = d1 - spread;
        var value = type == OptionType.CE
            ? spot * StandardNormal.Cdf(d1) - discountedStrike * StandardNormal.Cdf(d2)
            : discountedStrike * StandardNormal.Cdf(-d2) - spot * StandardNormal.Cdf(-d1);
        // Cancellation can leave a hair below zero deep out of the money.
        return Math.Max(0, value);
    }

    /// <summary>Nearest multiple of the tick, halves away from zero (exchange prices are tick multiples).</summary>
    public static decimal RoundToTick(decimal price, decimal tick) =>
        Math.Round(price / tick, MidpointRounding.AwayFromZero) * tick;
}
