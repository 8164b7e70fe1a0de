using LiveTrader.Core.Market;

namespace LiveTrader.Core.Tests;

/// <summary>1-minute candles folded into 3/5/15/30/60-minute buckets aligned to the 09:15 open
/// (DECISIONS.md, Kite's convention).</summary>
public class CandleResamplerTests
{
    private static readonly DateOnly Day = new(2024, 8, 1);

    /// <summary>One minute candle per minute from <paramref name="from"/> to <paramref name="to"/>
    /// (exclusive), with prices that identify the minute: open = 1000 + k, close = 1000 + k + 0.5,
    /// high = open + 2 + (k % 7), low = open - 1 - (k % 5), volume = k + 1 (k = minutes since 09:15).</summary>
    private static List<Candle> Minutes(DateOnly day, TimeOnly from, TimeOnly to)
    {
        var list = new List<Candle>();
        for (var t = from; t < to; t = t.AddMinutes(1))
        {
            var k = (int)(t - MarketHours.Open).TotalMinutes;
            list.Add(new Candle(Ist.At(day, t), 1000 + k, 1002 + k + k % 7, 999 + k - k % 5, 1000.5m + k, k + 1));
        }
        return list;
    }

    private static List<Candle> FullSession(DateOnly day) => Minutes(day, new TimeOnly(9, 15), new TimeOnly(15, 30));

    private static string Hhmm(Candle c) => Ist.TimeOf(c.Start).ToString("HH:mm");

    [Theory]
    [InlineData(3, 125, "09:15", "09:18", "15:27")]
    [InlineData(5, 75, "09:15", "09:20", "15:25")]
    [InlineData(15, 25, "09:15", "09:30", "15:15")]
    [InlineData(30, 13, "09:15", "09:45", "15:15")]
    [InlineData(60, 7, "09:15", "10:15", "15:15")]
    public void Full_session_buckets_start_at_the_open_and_step_by_the_timeframe(int minutes, int count, string first, string second, string last)
    {
        var buckets = CandleResampler.Resample(FullSession(Day), Timeframe.FromMinutes(minutes));
        Assert.Equal(count, buckets.Count);
        Assert.Equal(first, Hhmm(buckets[0]));
        Assert.Equal(second, Hhmm(buckets[1]));
        Assert.Equal(last, Hhmm(buckets[^1]));
        for (var i = 0; i < buckets.Count; i++)
        {
            Assert.Equal(Ist.At(Day, MarketHours.Open).AddMinutes(i * minutes), buckets[i].Start);
            Assert.Equal(TimeSpan.FromMinutes(330), buckets[i].Start.Offset);
        }
        // Every minute lands in exactly one bucket: volumes 1..375 sum to 375*376/2.
        Assert.Equal(375L * 376 / 2, buckets.Sum(b => b.Volume));
    }

    [Fact]
    public void Sixty_minute_buckets_are_09_15_to_15_15()
    {
        var buckets = CandleResampler.Resample(FullSession(Day), Timeframe.FromMinutes(60));
        Assert.Equal(["09:15", "10:15", "11:15", "12:15", "13:15", "14:15", "15:15"], buckets.Select(Hhmm));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(15)]
    [InlineData(30)]
    [InlineData(60)]
    public void Ohlcv_is_first_open_max_high_min_low_last_close_summed_volume(int minutes)
    {
        var input = FullSession(Day);
        var buckets = CandleResampler.Resample(input, Timeframe.FromMinutes(minutes));
        foreach (var b in buckets)
        {
            var members = input.Where(c => c.Start >= b.Start && c.Start < b.Start.AddMinutes(minutes)).ToList();
            Assert.NotEmpty(members);
            Assert.Equal(members[0].Open, b.Open);
            Assert.Equal(members.Max(c => c.High), b.High);
            Assert.Equal(members.Min(c => c.Low), b.Low);
            Assert.Equal(members[^1].Close, b.Close);
            Assert.Equal(members.Sum(c => c.Volume), b.Volume);
        }
    }

    [Fact]
    public void Fifteen_minute_bucket_worked_by_hand()
    {
        // 09:30..09:44 is k = 15..29: open 1015, close 1029.5, volume 16+...+30 = 345,
        // high = max(1002 + k + k%7) = 1002 + 27 + 6 = 1035 (k = 27), low = min(999 + k - k%5) = 999 + 15 - 0 = 1014.
        var b = CandleResampler.Resample(FullSession(Day), Timeframe.FromMinutes(15))[1];
        Assert.Equal(Ist.At(Day, new TimeOnly(9, 30)), b.Start);
        Assert.Equal(1015m, b.Open);
        Assert.Equal(1035m, b.High);
        Assert.Equal(1014m, b.Low);
        Assert.Equal(1029.5m, b.Close);
        Assert.Equal(345L, b.Volume);
    }

    [Fact]
    public void A_new_day_starts_a_new_bucket_at_09_15()
    {
        var day2 = Day.AddDays(1);
        var input = Minutes(Day, new TimeOnly(15, 0), new TimeOnly(15, 30)).Concat(Minutes(day2, new TimeOnly(9, 15), new TimeOnly(9, 50))).ToList();
        var buckets = CandleResampler.Resample(input, Timeframe.FromMinutes(30));
        Assert.Equal(
            [Ist.At(Day, new TimeOnly(14, 45)), Ist.At(Day, new TimeOnly(15, 15)), Ist.At(day2, new TimeOnly(9, 15)), Ist.At(day2, new TimeOnly(9, 45))],
            buckets.Select(b => b.Start));
        // 14:45 bucket holds 15:00..15:14 only; 15:15 bucket 15:15..15:29; day 2 09:15 bucket 09:15..09:44.
        Assert.Equal(input[0].Open, buckets[0].Open);
        Assert.Equal(input[14].Close, buckets[0].Close);
        Assert.Equal(input[15].Open, buckets[1].Open);
        Assert.Equal(input[29].Close, buckets[1].Close);
        Assert.Equal(input[30].Open, buckets[2].Open);
        Assert.Equal(input[59].Close, buckets[2].Close);
        Assert.Equal(Enumerable.Range(30, 30).Sum(i => input[i].Volume), buckets[2].Volume);
        Assert.Equal(input[60].Open, buckets[3].Open);
    }

    [Fact]
    public void A_day_change_is_a_new_bucket_even_at_the_same_clock_time()
    {
        // 60-minute buckets: day 1 15:15 and day 2 09:15 differ; so do two 09:15 buckets on consecutive days.
        var day2 = Day.AddDays(1);
        var input = Minutes(Day, new TimeOnly(9, 15), new TimeOnly(9, 20)).Concat(Minutes(day2, new TimeOnly(9, 15), new TimeOnly(9, 20))).ToList();
        var buckets = CandleResampler.Resample(input, Timeframe.FromMinutes(60));
        Assert.Equal(2, buckets.Count);
        Assert.Equal(Ist.At(Day, MarketHours.Open), buckets[0].Start);
        Assert.Equal(Ist.At(day2, MarketHours.Open), buckets[1].Start);
    }

    [Fact]
    public void A_short_session_ends_with_a_partial_bucket()
    {
        // Like 2024-03-02: trading 09:15 to 12:29.
        var input = Minutes(Day, new TimeOnly(9, 15), new TimeOnly(12, 30));
        var thirty = CandleResampler.Resample(input, Timeframe.FromMinutes(30));
        Assert.Equal(7, thirty.Count); // 09:15 .. 12:15
        Assert.Equal("12:15", Hhmm(thirty[^1]));
        Assert.Equal(input[^15].Open, thirty[^1].Open); // 12:15..12:29
        Assert.Equal(input[^1].Close, thirty[^1].Close);
        var sixty = CandleResampler.Resample(input, Timeframe.FromMinutes(60));
        Assert.Equal(["09:15", "10:15", "11:15", "12:15"], sixty.Select(Hhmm));
    }

    [Fact]
    public void A_late_start_keeps_the_09_15_grid()
    {
        // A day that starts at 09:30 (as BANKNIFTY on 2025-12-23): the first 30-minute candle is still stamped 09:15.
        var input = Minutes(Day, new TimeOnly(9, 30), new TimeOnly(10, 30));
        var buckets = CandleResampler.Resample(input, Timeframe.FromMinutes(30));
        Assert.Equal(["09:15", "09:45", "10:15"], buckets.Select(Hhmm));
        Assert.Equal(input[0].Open, buckets[0].Open);
        Assert.Equal(input[14].Close, buckets[0].Close);
    }

    [Fact]
    public void Missing_minutes_inside_a_bucket_do_not_move_it()
    {
        var input = FullSession(Day).Where((c, i) => i % 5 != 0).ToList(); // drop 09:15, 09:20, ...
        var buckets = CandleResampler.Resample(input, Timeframe.FromMinutes(5));
        Assert.Equal(75, buckets.Count);
        Assert.All(buckets, b => Assert.Equal(0, (int)(Ist.TimeOf(b.Start) - MarketHours.Open).TotalMinutes % 5));
        Assert.Equal(input[0].Open, buckets[0].Open); // 09:16's open
    }

    [Fact]
    public void Streaming_emits_a_bucket_when_the_next_one_starts_and_the_last_on_flush()
    {
        var resampler = new CandleResampler(Timeframe.FromMinutes(5));
        var input = Minutes(Day, new TimeOnly(9, 15), new TimeOnly(9, 27));
        var emitted = new List<(int index, Candle bucket)>();
        for (var i = 0; i < input.Count; i++)
        {
            if (resampler.Add(input[i]) is Candle done) emitted.Add((i, done));
        }
        Assert.Equal([5, 10], emitted.Select(e => e.index)); // 09:20 closes 09:15's bucket, 09:25 closes 09:20's
        Assert.Equal(Ist.At(Day, new TimeOnly(9, 15)), emitted[0].bucket.Start);
        var last = resampler.Flush();
        Assert.NotNull(last);
        Assert.Equal(Ist.At(Day, new TimeOnly(9, 25)), last.Value.Start);
        Assert.Equal(input[^1].Close, last.Value.Close);
        Assert.Null(resampler.Flush());
    }

    [Fact]
    public void Input_in_another_offset_is_bucketed_by_its_ist_time()
    {
        // 03:45Z is 09:15 IST; 04:17Z is 09:47 IST -> 30-minute bucket 09:45 IST.
        var utc = new DateTimeOffset(2024, 8, 1, 4, 17, 0, TimeSpan.Zero);
        Assert.Equal(Ist.At(Day, new TimeOnly(9, 45)), CandleResampler.BucketStart(utc, Timeframe.FromMinutes(30)));
        Assert.Equal(TimeSpan.FromMinutes(330), CandleResampler.BucketStart(utc, Timeframe.FromMinutes(30)).Offset);
    }

    [Fact]
    public void Market_hours_keep_09_15_to_15_29_and_drop_the_rest()
    {
        Assert.True(MarketHours.Contains(Ist.At(Day, new TimeOnly(9, 15))));
        Assert.True(MarketHours.Contains(Ist.At(Day, new TimeOnly(15, 29))));
        Assert.False(MarketHours.Contains(Ist.At(Day, new TimeOnly(9, 14))));
        Assert.False(MarketHours.Contains(Ist.At(Day, new TimeOnly(15, 30))));
        Assert.False(MarketHours.Contains(Ist.At(Day, new TimeOnly(18, 16))));
        // The same instant in UTC: 09:44:00Z is 15:14 IST.
        Assert.True(MarketHours.Contains(new DateTimeOffset(2024, 8, 1, 9, 44, 0, TimeSpan.Zero)));
        Assert.False(MarketHours.Contains(new DateTimeOffset(2024, 8, 1, 10, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void The_real_saturday_session_running_to_18_16_loses_its_after_hours_rows()
    {
        // 2024-01-20 in the shared NIFTY 1-minute file has 542 rows up to 18:16 (data README).
        var rows = TestData.ReadCandles(Path.Combine(TestData.SharedData, "NIFTY_minute_2024-01-01_2024-08-23.csv"))
            .Where(c => Ist.DayOf(c.Start) == new DateOnly(2024, 1, 20)).ToList();
        Assert.Equal(542, rows.Count);
        var kept = rows.Where(c => MarketHours.Contains(c.Start)).ToList();
        Assert.All(kept, c => Assert.InRange(Ist.TimeOf(c.Start), new TimeOnly(9, 15), new TimeOnly(15, 29)));
        var five = CandleResampler.Resample(kept, Timeframe.FiveMinutes);
        Assert.True(five.Count <= 75);
        Assert.All(five, b => Assert.InRange(Ist.TimeOf(b.Start), new TimeOnly(9, 15), new TimeOnly(15, 25)));
    }
}
