using FsCheck.Xunit;
using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;

namespace LiveTrader.Core.Tests.Instruments;

public class ExpiryCalendarTests
{
    private static readonly ExpiryCalendar Calendar = ExpiryCalendar.Default;
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    // NIFTY, Thursday era
    [InlineData("NIFTY", "2024-07-22", "2024-07-25")]  // last Thursday of July 2024: monthly
    [InlineData("NIFTY", "2024-07-12", "2024-07-18")]  // ordinary weekly
    [InlineData("NIFTY", "2024-07-25", "2024-07-25")]  // expiry day itself counts
    [InlineData("NIFTY", "2024-04-08", "2024-04-10")]  // Thu 11 Apr Id-Ul-Fitr -> Wednesday
    [InlineData("NIFTY", "2024-08-12", "2024-08-14")]  // Thu 15 Aug Independence Day -> Wednesday
    [InlineData("NIFTY", "2025-04-07", "2025-04-09")]  // Thu 10 Apr Mahavir Jayanti -> Wednesday
    [InlineData("NIFTY", "2025-08-29", "2025-09-02")]  // first Tuesday weekly after the switch
    // NIFTY, Tuesday era
    [InlineData("NIFTY", "2025-10-16", "2025-10-20")]  // Tue 21 Oct Diwali -> Monday
    [InlineData("NIFTY", "2025-12-23", "2025-12-23")]  // weekly on the day
    [InlineData("NIFTY", "2025-12-24", "2025-12-30")]  // December monthly
    [InlineData("NIFTY", "2026-02-27", "2026-03-02")]  // Tue 3 Mar Holi -> Monday
    [InlineData("NIFTY", "2026-03-25", "2026-03-30")]  // Tue 31 Mar Mahavir Jayanti: monthly moves to Monday
    // BANKNIFTY
    [InlineData("BANKNIFTY", "2024-07-08", "2024-07-10")]  // Wednesday weekly
    [InlineData("BANKNIFTY", "2024-07-11", "2024-07-16")]  // Wed 17 Jul Moharram -> Tuesday
    [InlineData("BANKNIFTY", "2024-07-22", "2024-07-25")]  // monthly week: no Wednesday weekly, Thursday monthly
    [InlineData("BANKNIFTY", "2024-11-14", "2024-11-28")]  // weeklies gone after 13 Nov 2024
    [InlineData("BANKNIFTY", "2025-01-01", "2025-01-30")]
    [InlineData("BANKNIFTY", "2025-12-01", "2025-12-30")]  // last Tuesday
    // SENSEX
    [InlineData("SENSEX", "2024-10-28", "2024-10-31")]  // Fri 1 Nov Diwali -> Thursday
    [InlineData("SENSEX", "2024-12-23", "2024-12-27")]  // last Friday era
    [InlineData("SENSEX", "2024-12-28", "2025-01-07")]  // first Tuesday expiry
    [InlineData("SENSEX", "2025-12-22", "2025-12-24")]  // Thu 25 Dec Christmas -> Wednesday
    [InlineData("SENSEX", "2025-12-26", "2026-01-01")]  // the real SENSEX2610185500CE
    public void Next_expiry_matches_real_contracts(string segment, string tradeDate, string expected)
    {
        Assert.True(Segments.TryParse(segment, out var seg));
        Assert.Equal(D(expected), Calendar.NextExpiry(seg, D(tradeDate)));
    }

    [Theory]
    [InlineData("NIFTY", "2025-12-30", true)]
    [InlineData("NIFTY", "2025-12-23", false)]
    [InlineData("NIFTY", "2024-07-25", true)]
    [InlineData("NIFTY", "2024-07-18", false)]
    [InlineData("NIFTY", "2025-08-28", true)]   // last Thursday monthly before the switch
    [InlineData("NIFTY", "2025-09-30", true)]   // first Tuesday monthly
    [InlineData("NIFTY", "2026-03-30", true)]   // holiday-shifted monthly
    [InlineData("SENSEX", "2026-01-01", false)]
    [InlineData("SENSEX", "2025-12-24", true)]  // shifted from Christmas, still December's monthly
    [InlineData("BANKNIFTY", "2025-12-30", true)]
    public void Knows_monthly_expiries(string segment, string expiry, bool monthly)
    {
        Assert.True(Segments.TryParse(segment, out var seg));
        Assert.Equal(monthly, Calendar.IsMonthlyExpiry(seg, D(expiry)));
    }

    [Theory]
    [InlineData("2025-12-25", false)] // Christmas
    [InlineData("2025-12-26", true)]
    [InlineData("2025-12-27", false)] // Saturday
    [InlineData("2025-02-01", true)]  // Saturday Budget session
    [InlineData("2024-03-02", false)] // Saturday DR drill is not counted
    [InlineData("2024-01-22", false)]
    [InlineData("2026-01-15", false)]
    [InlineData("2026-01-16", true)]
    public void Knows_trading_days(string day, bool trading) => Assert.Equal(trading, Calendar.IsTradingDay(D(day)));

    [Fact]
    public void Embedded_data_covers_2024_to_2026_for_every_segment()
    {
        Assert.Equal(new[] { 2024, 2025, 2026 }, Calendar.HolidayYears.Order());
        foreach (var seg in Segments.All)
            Assert.NotNull(Calendar.RuleFor(seg, D("2026-12-31")));
    }

    [Fact]
    public void Dates_before_the_data_are_refused_not_guessed() =>
        Assert.Throws<InvalidOperationException>(() => Calendar.NextExpiry(Segment.NIFTY, D("2023-06-01")));

    [Fact]
    public void Calendar_is_read_from_json_data()
    {
        const string json = """
            { "rules": { "NIFTY": [ { "from": "2030-01-01", "to": null, "weekly": "Monday", "monthly": "Monday" } ] },
              "holidayYears": [2030], "holidays": [ { "date": "2030-01-07", "name": "test" } ], "specialSessions": [] }
            """;
        var cal = ExpiryCalendar.FromJson(json);
        Assert.Equal(D("2030-01-04"), cal.NextExpiry(Segment.NIFTY, D("2030-01-02"))); // Monday holiday -> Friday
        Assert.Equal(D("2030-01-28"), cal.MonthlyExpiry(Segment.NIFTY, 2030, 1));
    }

    [Property(MaxTest = 300)]
    public bool Next_expiry_is_a_trading_day_soon_after(ushort offset, byte segmentIndex)
    {
        var day = D("2024-01-01").AddDays(offset % 1090);
        var seg = Segments.All[segmentIndex % 3];
        var expiry = Calendar.NextExpiry(seg, day);
        var limit = Calendar.RuleFor(seg, day).HasWeeklies ? 8 : 36;
        return expiry >= day && Calendar.IsTradingDay(expiry) && expiry.DayNumber - day.DayNumber <= limit;
    }
}
