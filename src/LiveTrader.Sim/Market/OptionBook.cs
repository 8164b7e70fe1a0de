using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Pricing;

namespace LiveTrader.Sim.Market;

/// <summary>One depth level in decimal units.</summary>
public readonly record struct SimDepthLevel(double Price, long Quantity, int Orders);

/// <summary>
/// Prices derivatives from the index: options by Black-Scholes on the trading-time clock (LiveTrader.Core) with a
/// volatility smile (put skew plus curvature in standardised moneyness), futures by cost of carry; and builds a
/// five-level bid/ask book around a price.
/// </summary>
public sealed class OptionBook
{
    private readonly TradingTime _time;
    private readonly ExpiryCalendar _calendar;

    public OptionBook(ExpiryCalendar calendar, double futuresRate = 0.065)
    {
        _calendar = calendar;
        _time = new TradingTime(calendar);
        FuturesRate = futuresRate;
    }

    public double FuturesRate { get; }

    /// <summary>Implied volatility for a strike: ATM level × (1 − 0.04·z + 0.03·z²), z = ln(K/S)/(σ√T) clamped to ±4.</summary>
    public static double Volatility(IndexSpec spec, double spot, double strike, double years)
    {
        double atm = spec.AtmVolatility;
        double spread = atm * Math.Sqrt(Math.Max(years, 1.0 / (252 * 375)));
        double z = Math.Clamp(Math.Log(strike / spot) / spread, -4, 4);
        return atm * (1 - 0.04 * z + 0.03 * z * z);
    }

    public double YearsToExpiry(DateTimeOffset now, DateOnly expiry) => _time.YearsToExpiry(now, expiry);

    /// <summary>Option premium on the 0.05 grid, at least one tick.</summary>
    public double OptionPrice(IndexSpec spec, OptionType type, double strike, DateOnly expiry, double spot, DateTimeOffset now)
    {
        double years = _time.YearsToExpiry(now, expiry);
        double vol = Volatility(spec, spot, strike, years);
        double value = BlackScholes.Value(type, spot, strike, years, vol);
        return Math.Max(0.05, IndexDay.Round05(value));
    }

    /// <summary>Futures price: spot carried at the futures rate over calendar days to expiry, on the futures tick.</summary>
    public static double FuturePrice(double spot, DateOnly expiry, DateTimeOffset now, double rate, decimal tick)
    {
        double days = Math.Max(0, (Ist.At(expiry, MarketHours.Close) - now).TotalDays);
        double f = spot * Math.Exp(rate * days / 365);
        double t = (double)tick;
        return Math.Round(Math.Round(f / t, MidpointRounding.AwayFromZero) * t, 2);
    }

    /// <summary>The previous trading day of <paramref name="day"/>.</summary>
    public DateOnly PreviousTradingDay(DateOnly day)
    {
        var d = day.AddDays(-1);
        while (!_calendar.IsTradingDay(d)) d = d.AddDays(-1);
        return d;
    }

    /// <summary>
    /// Five bid and five offer levels around <paramref name="price"/>: the best bid sits one tick or more below, the
    /// best offer above it (spread widens with the premium), quantities in whole lots, all from a stateless hash so a
    /// given (instrument, second) always shows the same book.
    /// </summary>
    public static (SimDepthLevel[] Bids, SimDepthLevel[] Offers) Depth(double price, double tick, int lotSize, ulong hash)
    {
        int spreadTicks = 1 + (int)(price / 150);
        long below = 1 + (long)(SimRandom.Hash(hash, 1) % (ulong)spreadTicks);
        double bestBid = Math.Round(price - below * tick, 2);
        if (bestBid < tick) bestBid = 0;
        double bestAsk = Math.Round(Math.Max(price, bestBid) + (spreadTicks - below + 1) * tick, 2);
        if (bestAsk <= bestBid) bestAsk = Math.Round(bestBid + tick, 2);
        var bids = new SimDepthLevel[5];
        var offers = new SimDepthLevel[5];
        int lot = Math.Max(1, lotSize);
        for (int i = 0; i < 5; i++)
        {
            ulong hb = SimRandom.Hash(hash, 10 + (ulong)i), ho = SimRandom.Hash(hash, 20 + (ulong)i);
            double bp = Math.Round(bestBid - i * tick, 2);
            bids[i] = bp >= tick
                ? new SimDepthLevel(bp, lot * (long)(1 + hb % 40), 1 + (int)(hb >> 40) % 12)
                : default;
            offers[i] = new SimDepthLevel(Math.Round(bestAsk + i * tick, 2), lot * (long)(1 + ho % 40), 1 + (int)(ho >> 40) % 12);
        }
        return (bids, offers);
    }
}
