using LiveTrader.Core.Market;
using LiveTrader.Core.Signals;

namespace LiveTrader.Core.Tests;

/// <summary>The cross and colour rules of DECISIONS.md ("Strategy lines").
/// To build exact ties the lines are driven directly: Price Strength = EMA(1) of close (alpha 1, so
/// exactly the close) and Volume Strength = WMA(1) of volume (exactly the volume, for small integers).
/// So each candle's close is PS and its volume is VS.</summary>
public class SignalRuleTests
{
    private static readonly StrategyParameters Direct = new(
        RsiPeriod: 9,
        PriceStrengthLength: 1, PriceStrengthSource: LineSource.Close,
        VolumeStrengthLength: 1, VolumeStrengthSource: LineSource.Volume);

    private static readonly DateTimeOffset Day1 = Ist.At(new DateOnly(2024, 7, 25), new TimeOnly(9, 15));

    private enum Colour { Green, Red, Doji }

    /// <summary>A candle whose close is <paramref name="ps"/> and volume <paramref name="vs"/>.</summary>
    private static Candle Bar(int index, decimal ps, long vs, Colour colour)
    {
        var open = colour switch { Colour.Green => ps - 1, Colour.Red => ps + 1, _ => ps };
        return new Candle(Day1.AddMinutes(5 * index), open, Math.Max(open, ps) + 1, Math.Min(open, ps) - 1, ps, vs);
    }

    private static List<SignalReading> Run(StrategyParameters p, params Candle[] candles)
    {
        var engine = new SignalEngine(p);
        return candles.Select(c => engine.OnCandleClosed(c)).ToList();
    }

    [Fact]
    public void Direct_lines_are_exactly_close_and_volume()
    {
        var r = Run(Direct, Bar(0, 100, 90, Colour.Green), Bar(1, 123.45m, 7, Colour.Red));
        Assert.Equal(100d, r[0].PriceStrength);
        Assert.Equal(90d, r[0].VolumeStrength);
        Assert.Equal(123.45d, r[1].PriceStrength);
        Assert.Equal(7d, r[1].VolumeStrength);
    }

    [Fact]
    public void Cross_up_from_an_exact_tie_counts()
    {
        // t-1: PS == VS == 100; t: PS 101 > VS 100 on a green candle -> BUY_CE.
        var r = Run(Direct, Bar(0, 99, 100, Colour.Green), Bar(1, 100, 100, Colour.Green), Bar(2, 101, 100, Colour.Green));
        Assert.Equal(Cross.None, r[1].Cross); // reaching the tie from below is not a cross (PS[t] > VS[t] is strict)
        Assert.Equal(Cross.Up, r[2].Cross);
        Assert.Equal(Signal.BuyCe, r[2].Signal);
    }

    [Fact]
    public void Cross_down_from_an_exact_tie_counts()
    {
        var r = Run(Direct, Bar(0, 101, 100, Colour.Red), Bar(1, 100, 100, Colour.Red), Bar(2, 99, 100, Colour.Red));
        Assert.Equal(Cross.None, r[1].Cross);
        Assert.Equal(Cross.Down, r[2].Cross);
        Assert.Equal(Signal.BuyPe, r[2].Signal);
    }

    [Fact]
    public void Touch_and_bounce_is_a_cross_under_the_inclusive_rule()
    {
        // above, touch, above: TradingView's ta.crossover fires on the bounce (PS[t-1] <= VS[t-1]).
        var up = Run(Direct, Bar(0, 105, 100, Colour.Green), Bar(1, 100, 100, Colour.Red), Bar(2, 103, 100, Colour.Green));
        Assert.Equal([Cross.None, Cross.None, Cross.Up], up.Select(x => x.Cross));
        Assert.Equal(Signal.BuyCe, up[2].Signal);
        // below, touch, below: ta.crossunder fires likewise.
        var down = Run(Direct, Bar(0, 95, 100, Colour.Red), Bar(1, 100, 100, Colour.Green), Bar(2, 97, 100, Colour.Red));
        Assert.Equal([Cross.None, Cross.None, Cross.Down], down.Select(x => x.Cross));
        Assert.Equal(Signal.BuyPe, down[2].Signal);
    }

    [Fact]
    public void Ties_on_both_candles_never_cross()
    {
        var r = Run(Direct, Bar(0, 100, 100, Colour.Green), Bar(1, 100, 100, Colour.Green), Bar(2, 100, 100, Colour.Red));
        Assert.All(r, x => Assert.Equal(Cross.None, x.Cross));
        Assert.All(r, x => Assert.Equal(Signal.Hold, x.Signal));
    }

    [Fact]
    public void Staying_on_one_side_is_no_cross()
    {
        var r = Run(Direct, Bar(0, 90, 100, Colour.Green), Bar(1, 101, 100, Colour.Green), Bar(2, 120, 100, Colour.Green));
        Assert.Equal([Cross.None, Cross.Up, Cross.None], r.Select(x => x.Cross));
        Assert.Equal([Signal.Hold, Signal.BuyCe, Signal.Hold], r.Select(x => x.Signal));
    }

    [Fact]
    public void A_doji_never_signals()
    {
        // close == open on the crossing candle: the cross is reported, the signal is HOLD.
        var up = Run(Direct, Bar(0, 99, 100, Colour.Green), Bar(1, 101, 100, Colour.Doji));
        Assert.Equal(Cross.Up, up[1].Cross);
        Assert.Equal(Signal.Hold, up[1].Signal);
        var down = Run(Direct, Bar(0, 101, 100, Colour.Red), Bar(1, 99, 100, Colour.Doji));
        Assert.Equal(Cross.Down, down[1].Cross);
        Assert.Equal(Signal.Hold, down[1].Signal);
    }

    [Fact]
    public void Colour_filter_rejects_a_cross_against_the_candle()
    {
        // Cross up on a red candle, cross down on a green candle: both HOLD.
        var up = Run(Direct, Bar(0, 99, 100, Colour.Green), Bar(1, 101, 100, Colour.Red));
        Assert.Equal(Cross.Up, up[1].Cross);
        Assert.Equal(Signal.Hold, up[1].Signal);
        var down = Run(Direct, Bar(0, 101, 100, Colour.Green), Bar(1, 99, 100, Colour.Green));
        Assert.Equal(Cross.Down, down[1].Cross);
        Assert.Equal(Signal.Hold, down[1].Signal);
    }

    [Fact]
    public void No_signal_until_both_lines_and_a_previous_pair_exist()
    {
        // PS = close from candle 1; VS = WMA(3) of volume, first value on candle 3.
        var p = Direct with { VolumeStrengthLength = 3 };
        // Volumes 300,0,0 -> VS(3) = (1*300+2*0+3*0)/6 = 50; PS 100 > 50 on a green candle.
        // Before that, PS (100, 90) was "below" the missing VS; a null line must not count as a tie/cross.
        var r = Run(p, Bar(0, 100, 300, Colour.Green), Bar(1, 90, 0, Colour.Red), Bar(2, 100, 0, Colour.Green),
            // Then volumes 0,0,300 -> VS = (3*300)/6 = 150 and PS falls to 40 on a red candle: a real cross down.
            Bar(3, 40, 300, Colour.Red));
        Assert.Null(r[0].VolumeStrength);
        Assert.Null(r[1].VolumeStrength);
        Assert.Equal(50d, r[2].VolumeStrength);
        Assert.Equal(Cross.None, r[2].Cross);
        Assert.Equal(Signal.Hold, r[2].Signal);
        Assert.Equal(150d, r[3].VolumeStrength);
        Assert.Equal(Cross.Down, r[3].Cross);
        Assert.Equal(Signal.BuyPe, r[3].Signal);
    }

    [Fact]
    public void Default_parameters_never_signal_during_warm_up()
    {
        // Zig-zag closes on alternating colours: plenty of would-be crosses once the lines exist.
        var engine = new SignalEngine(new StrategyParameters());
        var readings = new List<SignalReading>();
        for (var i = 0; i < 60; i++)
        {
            var close = 100m + (i % 4 < 2 ? i % 4 : 4 - i % 4) * 3 + i * 0.1m;
            var open = i % 2 == 0 ? close - 0.5m : close + 0.5m;
            readings.Add(engine.OnCandleClosed(new Candle(Day1.AddMinutes(5 * i), open, Math.Max(open, close), Math.Min(open, close), close, 0)));
        }
        // RSI from candle 10, PS from 12, VS from 15; the earliest possible cross is candle 16 (index 15).
        Assert.All(readings.Take(15), x => Assert.Equal(Cross.None, x.Cross));
        Assert.All(readings.Take(15), x => Assert.Equal(Signal.Hold, x.Signal));
        Assert.NotNull(readings[14].VolumeStrength);
        Assert.Null(readings[13].VolumeStrength);
        Assert.Contains(readings.Skip(15), x => x.Cross != Cross.None);
    }

    [Fact]
    public void A_cross_across_the_day_boundary_signals_on_the_first_candle_of_the_new_day()
    {
        // Day 1 ends 15:25 with a tie; day 2 opens 09:15 above: the cross uses yesterday's last pair.
        var lastOfDay1 = Ist.At(new DateOnly(2024, 7, 25), new TimeOnly(15, 25));
        var firstOfDay2 = Ist.At(new DateOnly(2024, 7, 26), new TimeOnly(9, 15));
        var r = Run(Direct,
            new Candle(lastOfDay1.AddMinutes(-5), 98, 100, 97, 99, 100),
            new Candle(lastOfDay1, 99, 101, 98, 100, 100),
            new Candle(firstOfDay2, 100, 103, 100, 102, 100));
        Assert.Equal(Cross.Up, r[2].Cross);
        Assert.Equal(Signal.BuyCe, r[2].Signal);
    }

    [Fact]
    public void Indicators_carry_over_a_day_boundary()
    {
        // 20 candles on day 1 (09:15..10:50), 10 on day 2 from 09:15; the same closes stamped as one
        // long day must give identical lines: the engine does not look at the date.
        var closes = Enumerable.Range(0, 30).Select(i => 100m + (decimal)Math.Round(Math.Sin(i * 0.7) * 5, 2)).ToArray();
        var day1 = Ist.At(new DateOnly(2024, 7, 25), new TimeOnly(9, 15));
        var day2 = Ist.At(new DateOnly(2024, 7, 26), new TimeOnly(9, 15));
        Candle At(DateTimeOffset t, decimal c) => new(t, c - 0.3m, c + 1, c - 1, c, 0);

        var split = new SignalEngine(new StrategyParameters());
        var oneDay = new SignalEngine(new StrategyParameters());
        var fresh = new SignalEngine(new StrategyParameters());
        for (var i = 0; i < 30; i++)
        {
            var stamp = i < 20 ? day1.AddMinutes(5 * i) : day2.AddMinutes(5 * (i - 20));
            var a = split.OnCandleClosed(At(stamp, closes[i]));
            var b = oneDay.OnCandleClosed(At(day1.AddMinutes(5 * i), closes[i]));
            Assert.Equal(b.Rsi, a.Rsi);
            Assert.Equal(b.PriceStrength, a.PriceStrength);
            Assert.Equal(b.VolumeStrength, a.VolumeStrength);
            Assert.Equal(b.Signal, a.Signal);
            if (i >= 20)
            {
                // Day 2's first candle already has all three lines, carried from day 1 ...
                Assert.NotNull(a.Rsi);
                Assert.NotNull(a.PriceStrength);
                Assert.NotNull(a.VolumeStrength);
                // ... which a reset engine would not have: fed day 2 alone, WMA(6) of RSI(9) needs 15
                // candles and day 2 has only 10.
                Assert.Null(fresh.OnCandleClosed(At(stamp, closes[i])).VolumeStrength);
            }
        }
    }
}
