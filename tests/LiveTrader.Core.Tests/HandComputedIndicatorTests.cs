using LiveTrader.Core.Indicators;
using LiveTrader.Core.Market;
using LiveTrader.Core.Signals;

namespace LiveTrader.Core.Tests;

/// <summary>A 15-close series worked out by hand with exact fractions (Wilder's averages over 9, so
/// the denominators are powers of 9), then the strength lines from those RSI values. The decimals
/// below are the fractions evaluated, not output of the code under test.</summary>
public class HandComputedIndicatorTests
{
    // closes:  100 102 101 104 103 105 104 106 107 105 | 108 107 109 106 110
    // changes:    +2  -1  +3  -1  +2  -1  +2  +1  -2   | +3  -1  +2  -3  +4
    private static readonly double[] Closes = [100, 102, 101, 104, 103, 105, 104, 106, 107, 105, 108, 107, 109, 106, 110];

    // RSI = 100*G/(G+L) (= 100 - 100/(1+G/L)).
    // R1 (close #10): gains 2+3+2+2+1 = 10, losses 1+1+1+2 = 5 -> G = 10/9, L = 5/9 -> 100*10/15 = 200/3
    // R2 (+3): G = (10/9*8 + 3)/9 = 107/81,   L = (5/9*8 + 0)/9 = 40/81     -> 10700/147
    // R3 (-1): G = 107*8/729 = 856/729,       L = (40*8 + 81)/729 = 401/729 -> 85600/1257
    // R4 (+2): G = (856*8 + 2*729)/6561 = 8306/6561, L = 401*8/6561 = 3208/6561 -> 415300/5757
    // R5 (-3): G = 8306*8/59049 = 66448/59049, L = (3208*8 + 3*6561)/59049 = 45347/59049 -> 1328960/22359
    // R6 (+4): G = (66448*8 + 4*59049)/531441 = 767780/531441, L = 45347*8/531441 = 362776/531441 -> 19194500/282639
    private static readonly double[] ExpectedRsi =
    [
        66.66666666666667,  // 200/3
        72.78911564625851,  // 10700/147
        68.09864757358791,  // 85600/1257
        72.13826645822476,  // 415300/5757
        59.43736303054698,  // 1328960/22359
        67.91171777426328,  // 19194500/282639
    ];

    // EMA(3), alpha = 2/(3+1) = 1/2, seeded with the mean of R1..R3:
    // E3 = (200/3 + 10700/147 + 85600/1257)/3 = 4261300/61593
    // E4 = (R4 + E3)/2 = 8351979500/118196967
    // E5 = (R5 + E4)/2, E6 = (R6 + E5)/2
    private static readonly double[] ExpectedEma =
    [
        69.18480996217103,
        70.6615382101979,
        65.04945062037244,
        66.48058419731787,
    ];

    // WMA(6) at R6: (1*R1 + 2*R2 + 3*R3 + 4*R4 + 5*R5 + 6*R6)/21
    private const double ExpectedWma = 67.13100134815053;

    private const int Precision = 10; // decimal places

    [Fact]
    public void Rsi9_of_the_hand_series()
    {
        var rsi = new WilderRsi(9);
        var values = Closes.Select(c => rsi.Next(c)).ToList();
        Assert.All(values.Take(9), v => Assert.Null(v)); // 10 closes = 9 changes before the first value
        for (var i = 0; i < ExpectedRsi.Length; i++) Assert.Equal(ExpectedRsi[i], values[9 + i]!.Value, Precision);
    }

    [Fact]
    public void Ema3_of_the_hand_rsi_values()
    {
        var ema = new ExponentialMovingAverage(3);
        var values = ExpectedRsi.Select(r => ema.Next(r)).ToList();
        Assert.Null(values[0]);
        Assert.Null(values[1]);
        for (var i = 0; i < ExpectedEma.Length; i++) Assert.Equal(ExpectedEma[i], values[2 + i]!.Value, Precision);
    }

    [Fact]
    public void Wma6_of_the_hand_rsi_values()
    {
        var wma = new WeightedMovingAverage(6);
        var values = ExpectedRsi.Select(r => wma.Next(r)).ToList();
        Assert.All(values.Take(5), v => Assert.Null(v));
        Assert.Equal(ExpectedWma, values[5]!.Value, Precision);
    }

    [Fact]
    public void Signal_engine_produces_the_same_three_lines()
    {
        var engine = new SignalEngine(new StrategyParameters());
        var start = Ist.At(new DateOnly(2024, 7, 26), new TimeOnly(9, 15));
        var readings = Closes.Select((c, i) =>
            engine.OnCandleClosed(new Candle(start.AddMinutes(5 * i), (decimal)c, (decimal)c + 1, (decimal)c - 1, (decimal)c, 0))).ToList();

        for (var i = 0; i < 9; i++) Assert.Null(readings[i].Rsi);
        for (var i = 0; i < 11; i++) Assert.Null(readings[i].PriceStrength);
        for (var i = 0; i < 14; i++) Assert.Null(readings[i].VolumeStrength);
        for (var i = 0; i < 6; i++) Assert.Equal(ExpectedRsi[i], readings[9 + i].Rsi!.Value, Precision);
        for (var i = 0; i < 4; i++) Assert.Equal(ExpectedEma[i], readings[11 + i].PriceStrength!.Value, Precision);
        Assert.Equal(ExpectedWma, readings[14].VolumeStrength!.Value, Precision);
        // The first candle with both lines has no previous pair, so it cannot cross.
        Assert.Equal(Cross.None, readings[14].Cross);
    }

    [Fact]
    public void Wma_small_integers()
    {
        // 1..8, WMA(6): (1*1+2*2+...+6*6)/21 = 91/21; then 112/21 (2..7); then 133/21 (3..8).
        var wma = new WeightedMovingAverage(6);
        var v = Enumerable.Range(1, 8).Select(x => wma.Next(x)).ToList();
        Assert.Equal(91d / 21, v[5]!.Value, 12);
        Assert.Equal(112d / 21, v[6]!.Value, 12);
        Assert.Equal(133d / 21, v[7]!.Value, 12);
    }

    [Fact]
    public void Ema_small_integers()
    {
        // 2,4,6 -> seed 4; 8 -> (8+4)/2 = 6; 10 -> (10+6)/2 = 8; 0 -> 4.
        var ema = new ExponentialMovingAverage(3);
        var v = new double[] { 2, 4, 6, 8, 10, 0 }.Select(x => ema.Next(x)).ToList();
        Assert.Equal([null, null, 4d, 6d, 8d, 4d], v);
    }

    [Fact]
    public void Rsi_edge_cases_from_decisions()
    {
        // No losses -> 100; no gains -> 0; no change at all -> 50 (DECISIONS.md).
        Assert.Equal(100d, Last(new WilderRsi(9), Enumerable.Range(0, 12).Select(i => 100d + i)));
        Assert.Equal(0d, Last(new WilderRsi(9), Enumerable.Range(0, 12).Select(i => 100d - i)));
        Assert.Equal(50d, Last(new WilderRsi(9), Enumerable.Repeat(100d, 12)));
        // Flat for 10 closes (50), then one rise: avg loss stays 0 -> 100.
        Assert.Equal(100d, Last(new WilderRsi(9), Enumerable.Repeat(100d, 10).Append(101d)));
        // Flat, then one fall: G = 0 -> 0.
        Assert.Equal(0d, Last(new WilderRsi(9), Enumerable.Repeat(100d, 10).Append(99d)));
    }

    [Fact]
    public void Rsi_smoothing_after_the_seed()
    {
        // Nine +1 changes then one -9: seed G = 1, L = 0 (RSI 100); then G = 8/9, L = 9/9 = 1
        // -> RSI = 100*(8/9)/(8/9+1) = 800/17.
        var closes = Enumerable.Range(0, 10).Select(i => 100d + i).Append(100d);
        Assert.Equal(800d / 17, Last(new WilderRsi(9), closes)!.Value, 12);
    }

    private static double? Last(WilderRsi rsi, IEnumerable<double> closes)
    {
        double? last = null;
        foreach (var c in closes) last = rsi.Next(c);
        return last;
    }
}
