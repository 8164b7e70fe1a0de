using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;

namespace LiveTrader.Core.Pricing;

/// <summary>Time to expiry measured in trading time, the clock option premiums actually decay on.
/// Convention: count the session minutes (09:15-15:30 IST, 375 a day) still to come on trading days,
/// from now until 15:30 IST on the expiry day, and divide by 375 * 252 minutes per year. Nights,
/// weekends and holidays add nothing, so a Friday-to-Monday gap does not bleed premium over the weekend
/// and the expiry-day decay is spread over the session; the implied volatility is calibrated on this
/// clock (11 % fits the real NIFTY premiums of Dec 2025, see the tests).</summary>
public sealed class TradingTime
{
    public const int SessionMinutes = 375;
    public const int TradingDaysPerYear = 252;
    public const double MinutesPerYear = SessionMinutes * (double)TradingDaysPerYear;

    private readonly ExpiryCalendar _calendar;

    public TradingTime(ExpiryCalendar calendar) => _calendar = calendar;

    /// <summary>Session minutes left until the expiry's 15:30 close; 0 once it has passed. Before
    /// 09:15 the whole day counts, after 15:30 none of it.</summary>
    public double SessionMinutesToExpiry(DateTimeOffset now, DateOnly expiry)
    {
        var today = Ist.DayOf(now);
        if (today > expiry) return 0;

        double minutes = 0;
        if (_calendar.IsTradingDay(today))
        {
            var open = Ist.At(today, MarketHours.Open);
            var close = Ist.At(today, MarketHours.Close);
            var from = now < open ? open : now > close ? close : now;
            minutes += (close - from).TotalMinutes;
        }
        // Added a day at a time, as before the count was kept, so every premium stays bit for bit.
        for (var days = WholeDaysAfter(today, expiry); days > 0; days--) minutes += SessionMinutes;
        return minutes;
    }

    /// <summary>Trading days after <paramref name="today"/> up to the expiry. Every price of a day asks
    /// the same question, so the last answer is kept (one immutable object: threads may share it).</summary>
    private int WholeDaysAfter(DateOnly today, DateOnly expiry)
    {
        if (_lastCount is { } last && last.Today == today && last.Expiry == expiry) return last.Days;
        var days = 0;
        for (var day = today.AddDays(1); day <= expiry; day = day.AddDays(1))
            if (_calendar.IsTradingDay(day)) days++;
        _lastCount = new DayCount(today, expiry, days);
        return days;
    }

    private sealed record DayCount(DateOnly Today, DateOnly Expiry, int Days);

    private DayCount? _lastCount;

    /// <summary>Years to expiry on the trading clock, for Black-Scholes.</summary>
    public double YearsToExpiry(DateTimeOffset now, DateOnly expiry) => SessionMinutesToExpiry(now, expiry) / MinutesPerYear;
}
