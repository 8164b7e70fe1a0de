using LiveTrader.Kite.Historical;
using LiveTrader.Kite.Rest;

namespace LiveTrader.Kite.Tests;

public class KiteTimeAndHistoricalTests
{
    private static readonly TimeSpan Ist = TimeSpan.FromMinutes(330);

    [Theory]
    [InlineData("2017-12-15T09:15:00+0530", 2017, 12, 15, 3, 45, 0)]
    [InlineData("2017-12-15T09:15:00+05:30", 2017, 12, 15, 3, 45, 0)]
    [InlineData("2021-06-08 15:45:56", 2021, 6, 8, 10, 15, 56)]
    [InlineData("2021-06-08T15:45:56", 2021, 6, 8, 10, 15, 56)]
    [InlineData("2019-12-04T00:00:00+0530", 2019, 12, 3, 18, 30, 0)]
    [InlineData("2021-06-08", 2021, 6, 7, 18, 30, 0)]
    public void Parses_kite_timestamps_to_the_right_instant_in_any_machine_zone(string s, int y, int mo, int d, int h, int mi, int sec)
    {
        var parsed = KiteTime.Parse(s);
        Assert.Equal(new DateTimeOffset(y, mo, d, h, mi, sec, TimeSpan.Zero), parsed.ToUniversalTime());
        Assert.Equal(Ist, parsed.Offset);
    }

    [Theory]
    [InlineData("09:16:39")]
    [InlineData("")]
    [InlineData("garbage")]
    public void Rejects_non_timestamps(string s) => Assert.False(KiteTime.TryParse(s, out _));

    [Fact]
    public void Formats_queries_as_ist_wall_clock_whatever_the_input_offset()
    {
        var utc = new DateTimeOffset(2024, 1, 1, 3, 45, 0, TimeSpan.Zero);
        Assert.Equal("2024-01-01 09:15:00", KiteTime.FormatQuery(utc));
        Assert.Equal("2024-01-01 09:15:00", KiteTime.FormatQuery(utc.ToOffset(TimeSpan.FromHours(-5))));
    }

    [Theory]
    [InlineData(KiteInterval.Minute, "minute", 60)]
    [InlineData(KiteInterval.ThreeMinute, "3minute", 100)]
    [InlineData(KiteInterval.FiveMinute, "5minute", 100)]
    [InlineData(KiteInterval.TenMinute, "10minute", 100)]
    [InlineData(KiteInterval.FifteenMinute, "15minute", 200)]
    [InlineData(KiteInterval.ThirtyMinute, "30minute", 200)]
    [InlineData(KiteInterval.SixtyMinute, "60minute", 400)]
    [InlineData(KiteInterval.Day, "day", 2000)]
    public void Interval_names_and_limits_follow_the_spec(KiteInterval interval, string wire, int maxDays)
    {
        Assert.Equal(wire, HistoricalCandles.WireName(interval));
        Assert.Equal(maxDays, HistoricalCandles.MaxDays(interval));
    }

    [Theory]
    [InlineData(KiteInterval.Minute, 0, 1)]
    [InlineData(KiteInterval.Minute, 59, 1)]
    [InlineData(KiteInterval.Minute, 60, 2)]
    [InlineData(KiteInterval.Minute, 365, 7)]
    [InlineData(KiteInterval.FiveMinute, 365, 4)]
    [InlineData(KiteInterval.Day, 5000, 3)]
    public void Split_covers_the_range_without_gaps_and_within_limits(KiteInterval interval, int days, int expectedChunks)
    {
        var from = new DateTimeOffset(2024, 1, 1, 9, 15, 0, Ist);
        var to = from.AddDays(days).AddHours(6);
        var chunks = HistoricalCandles.Split(from, to, interval);
        Assert.Equal(expectedChunks, chunks.Count);
        Assert.Equal(from, chunks[0].From);
        Assert.Equal(to, chunks[^1].To);
        for (int i = 0; i < chunks.Count; i++)
        {
            var c = chunks[i];
            Assert.True(c.From <= c.To);
            int inclusiveDates = c.To.Date.DayNumber() - c.From.Date.DayNumber() + 1;
            Assert.True(inclusiveDates <= HistoricalCandles.MaxDays(interval), $"chunk {i} spans {inclusiveDates} dates");
            if (i > 0) Assert.Equal(chunks[i - 1].To.AddSeconds(1), c.From);
        }
    }

    [Fact]
    public void Split_works_in_ist_even_for_utc_inputs()
    {
        // 2024-01-01 20:00 UTC is already 2024-01-02 01:30 IST, so the first chunk ends 2024-03-01 23:59:59 IST.
        var from = new DateTimeOffset(2024, 1, 1, 20, 0, 0, TimeSpan.Zero);
        var chunks = HistoricalCandles.Split(from, from.AddDays(90), KiteInterval.Minute);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 23, 59, 59, Ist), chunks[0].To);
    }
}

internal static class DateExtensions
{
    public static int DayNumber(this DateTime d) => DateOnly.FromDateTime(d).DayNumber;
}
