using LiveTrader.Core.Market;

namespace LiveTrader.Core.Tests.Market;

public sealed class LiveCandleBuilderTests
{
    private static readonly DateOnly Day = new(2026, 1, 6);
    private static DateTimeOffset At(int h, int m, int s = 0) => Ist.At(Day, new TimeOnly(h, m, s));

    private readonly LiveCandleBuilder _builder = new(Timeframe.FiveMinutes, TimeSpan.FromSeconds(2));

    [Fact]
    public void A_candle_closes_on_the_first_tick_past_its_end_with_ohlc_of_its_ticks()
    {
        Assert.Null(_builder.OnTick(At(9, 15, 1), 100m));
        Assert.Null(_builder.OnTick(At(9, 16), 104m));
        Assert.Null(_builder.OnTick(At(9, 17), 98m));
        Assert.Null(_builder.OnTick(At(9, 19, 59), 101m));

        var closed = _builder.OnTick(At(9, 20, 0), 102m);

        Assert.Equal(new Candle(At(9, 15), 100m, 104m, 98m, 101m, 0), closed);
        Assert.Equal(At(9, 15), _builder.LastClosedStart);
    }

    [Fact]
    public void A_quiet_market_closes_the_candle_by_the_clock_after_the_grace()
    {
        _builder.OnTick(At(9, 15, 5), 100m);
        _builder.OnTick(At(9, 18), 103m);

        Assert.Null(_builder.OnClock(At(9, 20, 1)));
        var closed = _builder.OnClock(At(9, 20, 2));

        Assert.Equal(new Candle(At(9, 15), 100m, 103m, 100m, 103m, 0), closed);
        Assert.Null(_builder.OnClock(At(9, 20, 3)));
    }

    [Fact]
    public void A_late_tick_for_a_candle_closed_by_the_clock_is_ignored_and_never_reopens_it()
    {
        _builder.OnTick(At(9, 15, 5), 100m);
        _builder.OnClock(At(9, 20, 2));

        Assert.Null(_builder.OnTick(At(9, 19, 59), 150m));
        _builder.OnTick(At(9, 20, 3), 101m);
        var next = _builder.OnTick(At(9, 25, 0), 99m);

        Assert.Equal(new Candle(At(9, 20), 101m, 101m, 101m, 101m, 0), next);
    }

    [Fact]
    public void A_tick_stamped_before_the_boundary_that_arrives_after_it_within_the_grace_joins_its_candle()
    {
        var builder = new LiveCandleBuilder(Timeframe.FiveMinutes, TimeSpan.FromSeconds(1.5));
        builder.OnTick(At(9, 15, 0), 100m);
        Assert.Null(builder.OnClock(At(9, 20, 1)));          // 1 s after the boundary: still waiting
        Assert.Null(builder.OnTick(At(9, 19, 59), 97m));     // Kite's last tick of the candle, 1.2 s late
        var closed = builder.OnTick(At(9, 20, 0), 98m);

        Assert.Equal(new Candle(At(9, 15), 100m, 100m, 97m, 97m, 0), closed);
    }

    [Fact]
    public void Ticks_outside_market_hours_never_reach_a_candle()
    {
        Assert.Null(_builder.OnTick(At(9, 14, 59), 90m));
        Assert.Null(_builder.OnTick(At(9, 15), 100m));
        var closed = _builder.OnTick(At(9, 20), 100m);
        Assert.Equal(100m, closed!.Value.Low);
        Assert.Null(_builder.OnTick(At(15, 30), 120m));
    }

    [Fact]
    public void Candles_missed_while_disconnected_are_reported_not_invented()
    {
        _builder.OnTick(At(9, 15), 100m);
        var first = _builder.OnTick(At(9, 21), 101m); // closes 09:15
        Assert.NotNull(first);

        // Disconnected from 09:22 to 09:41: the 09:20 candle closes on the next tick, 09:25-09:35 had no ticks.
        var second = _builder.OnTick(At(9, 41), 105m);
        Assert.Equal(At(9, 20), second!.Value.Start);

        var missed = _builder.MissedSince(CandleResampler.BucketStart(At(9, 41), Timeframe.FiveMinutes));
        Assert.Equal([At(9, 25), At(9, 30), At(9, 35)], missed);
    }

    [Fact]
    public void Volume_adds_up_within_a_candle()
    {
        _builder.OnTick(At(9, 15), 100m, 10);
        _builder.OnTick(At(9, 16), 100m, 15);
        var closed = _builder.OnTick(At(9, 20), 100m, 7);
        Assert.Equal(25, closed!.Value.Volume);
    }

    [Fact]
    public void Ticks_stamped_in_another_zone_land_on_the_ist_grid()
    {
        var utc = At(9, 15, 30).ToUniversalTime();
        _builder.OnTick(utc, 100m);
        var closed = _builder.OnTick(At(9, 20).ToOffset(TimeSpan.FromHours(-5)), 101m);
        Assert.Equal(At(9, 15), closed!.Value.Start);
        Assert.Equal(Ist.Offset, Ist.From(closed.Value.Start).Offset);
    }
}
