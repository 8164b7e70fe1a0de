using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Pricing;

namespace LiveTrader.Core.Tests.Pricing;

public class TradingTimeTests
{
    private static readonly TradingTime Clock = new(ExpiryCalendar.Default);
    private static DateTimeOffset At(int y, int m, int d, int h, int min, int s = 0) => Ist.At(new DateOnly(y, m, d), new TimeOnly(h, min, s));

    [Fact]
    public void Counts_the_rest_of_today_and_whole_sessions_to_expiry_skipping_holidays()
    {
        // Tue 23 Dec 2025 10:55:55 -> Tue 30 Dec 15:30: rest of today, then 24, 26, 29, 30 (25th is Christmas).
        var minutes = Clock.SessionMinutesToExpiry(At(2025, 12, 23, 10, 55, 55), new DateOnly(2025, 12, 30));
        Assert.Equal(274 + 5 / 60.0 + 4 * 375, minutes, 1e-9);
        Assert.Equal(minutes / (375 * 252.0), Clock.YearsToExpiry(At(2025, 12, 23, 10, 55, 55), new DateOnly(2025, 12, 30)), 1e-15);
    }

    [Fact]
    public void Weekend_adds_nothing()
    {
        // Fri 16:00 -> Mon expiry: only Monday's session remains.
        Assert.Equal(375, Clock.SessionMinutesToExpiry(At(2026, 1, 9, 16, 0), new DateOnly(2026, 1, 12)));
        Assert.Equal(375, Clock.SessionMinutesToExpiry(At(2026, 1, 10, 12, 0), new DateOnly(2026, 1, 12)));
    }

    [Fact]
    public void Before_the_open_the_whole_day_counts_and_after_the_close_on_expiry_nothing()
    {
        Assert.Equal(375, Clock.SessionMinutesToExpiry(At(2025, 12, 30, 8, 0), new DateOnly(2025, 12, 30)));
        Assert.Equal(15, Clock.SessionMinutesToExpiry(At(2025, 12, 30, 15, 15), new DateOnly(2025, 12, 30)));
        Assert.Equal(0, Clock.SessionMinutesToExpiry(At(2025, 12, 30, 15, 45), new DateOnly(2025, 12, 30)));
        Assert.Equal(0, Clock.SessionMinutesToExpiry(At(2025, 12, 31, 10, 0), new DateOnly(2025, 12, 30)));
    }

    [Fact]
    public void Same_instant_in_any_offset_gives_the_same_time()
    {
        var ist = At(2025, 12, 23, 10, 55, 55);
        var utc = ist.ToUniversalTime();
        var tokyo = ist.ToOffset(TimeSpan.FromHours(9));
        var expiry = new DateOnly(2025, 12, 30);
        Assert.Equal(Clock.YearsToExpiry(ist, expiry), Clock.YearsToExpiry(utc, expiry));
        Assert.Equal(Clock.YearsToExpiry(ist, expiry), Clock.YearsToExpiry(tokyo, expiry));
    }
}
