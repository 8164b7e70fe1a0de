using System.Globalization;
using LiveTrader.Core.Market;
using LiveTrader.Core.Signals;

namespace LiveTrader.Core.Tests;

/// <summary>Compares <see cref="SignalEngine"/> (default parameters: RSI 9, PS = EMA 3 of RSI,
/// VS = WMA 6 of RSI) on the real shared data with the fixtures written by the independent Node
/// reference in tests/indicator-reference (npm technicalindicators), candle by candle.</summary>
public class IndicatorFixtureTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const double Tolerance = 1e-6;

    public static TheoryData<string, string, int?, int> Cases => new()
    {
        // input file, fixture, resample to (minutes), expected candle count
        { "NIFTY_5minute_2024-07-25_2025-07-25.csv", "NIFTY_5minute_2024-07-25_2025-07-25.csv.gz", null, 18676 },
        { "NIFTY_minute_2024-01-01_2024-08-23.csv", "NIFTY_5minute_from_minute_2024-01-01_2024-08-23.csv.gz", 5, 11592 },
        { "BANKNIFTY_minute_2024-01-01_2024-08-23.csv", "BANKNIFTY_5minute_from_minute_2024-01-01_2024-08-23.csv.gz", 5, 11592 },
    };

    private sealed record FixtureRow(string Date, Candle Candle, double? Rsi, double? Ps, double? Vs, string Signal);

    private static List<FixtureRow> ReadFixture(string name)
    {
        var rows = new List<FixtureRow>();
        var first = true;
        foreach (var line in TestData.ReadLines(Path.Combine(TestData.Fixtures, name)))
        {
            if (first)
            {
                Assert.Equal("date,open,high,low,close,volume,rsi,price_strength,volume_strength,signal", line);
                first = false;
                continue;
            }
            var f = line.Split(',');
            Assert.Equal(10, f.Length);
            rows.Add(new FixtureRow(f[0], TestData.ParseCandle(f), Opt(f[6]), Opt(f[7]), Opt(f[8]), f[9]));
        }
        return rows;
    }

    private static double? Opt(string s) => s.Length == 0 ? null : double.Parse(s, CultureInfo.InvariantCulture);

    private static List<Candle> EngineInput(string input, int? resampleTo)
    {
        var raw = TestData.ReadCandles(Path.Combine(TestData.SharedData, input));
        var inHours = raw.Where(c => MarketHours.Contains(c.Start)).ToList();
        return resampleTo is int m ? CandleResampler.Resample(inHours, Timeframe.FromMinutes(m)) : inHours;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Engine_matches_reference_on_every_candle(string input, string fixture, int? resampleTo, int expectedCount)
    {
        var candles = EngineInput(input, resampleTo);
        var expected = ReadFixture(fixture);
        Assert.Equal(expectedCount, expected.Count);
        Assert.Equal(expected.Count, candles.Count);

        var engine = new SignalEngine(new StrategyParameters());
        var failures = new List<string>();
        double maxRsi = 0, maxPs = 0, maxVs = 0;
        for (var i = 0; i < candles.Count; i++)
        {
            var e = expected[i];
            var reading = engine.OnCandleClosed(candles[i]);
            var where = $"#{i} {e.Date}";

            // The candle itself: the reference resampled independently.
            if (reading.Candle.Start != e.Candle.Start) failures.Add($"{where}: start {reading.Candle.Start:O}");
            if (reading.Candle != e.Candle) failures.Add($"{where}: candle {reading.Candle} != {e.Candle}");
            if (Ist.From(reading.Candle.Start).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) != e.Date)
                failures.Add($"{where}: stamp text");

            Compare(where, "rsi", reading.Rsi, e.Rsi, ref maxRsi, failures);
            Compare(where, "ps", reading.PriceStrength, e.Ps, ref maxPs, failures);
            Compare(where, "vs", reading.VolumeStrength, e.Vs, ref maxVs, failures);
            if (reading.Signal.ToCode() != e.Signal) failures.Add($"{where}: signal {reading.Signal.ToCode()} != {e.Signal}");
            if (failures.Count > 20) break;
        }
        output.WriteLine($"{fixture}: {candles.Count} candles, max |diff| rsi {maxRsi:E2}, ps {maxPs:E2}, vs {maxVs:E2}, " +
            $"signals {string.Join(" ", expected.GroupBy(r => r.Signal).Select(g => $"{g.Key}={g.Count()}"))}");
        Assert.True(failures.Count == 0,
            $"{failures.Count} mismatches (max |diff| rsi {maxRsi:E2}, ps {maxPs:E2}, vs {maxVs:E2}):\n" + string.Join("\n", failures));
    }

    private static void Compare(string where, string what, double? actual, double? expected, ref double max, List<string> failures)
    {
        if (actual is null != expected is null)
        {
            failures.Add($"{where}: {what} warm-up differs: engine {actual?.ToString("R") ?? "null"}, reference {expected?.ToString("R") ?? "null"}");
            return;
        }
        if (actual is double a && expected is double x)
        {
            var d = Math.Abs(a - x);
            max = Math.Max(max, d);
            if (d > Tolerance) failures.Add($"{where}: {what} {a:R} != {x:R} (diff {d:E2})");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fixture_warm_up_is_exactly_the_defined_length(string input, string fixture, int? resampleTo, int expectedCount)
    {
        _ = (input, resampleTo, expectedCount);
        var rows = ReadFixture(fixture);
        // RSI(9) needs 9 changes = 10 closes; EMA(3) of RSI needs 3 RSI values; WMA(6) needs 6.
        Assert.Equal(9, rows.TakeWhile(r => r.Rsi is null).Count());
        Assert.Equal(9 + 2, rows.TakeWhile(r => r.Ps is null).Count());
        Assert.Equal(9 + 5, rows.TakeWhile(r => r.Vs is null).Count());
        Assert.All(rows.Skip(9), r => Assert.NotNull(r.Rsi));
        Assert.All(rows.Skip(14), r => { Assert.NotNull(r.Ps); Assert.NotNull(r.Vs); });
        // Real data crosses often: the fixture must exercise both signals, or the comparison proves little.
        Assert.Contains(rows, r => r.Signal == "BUY_CE");
        Assert.Contains(rows, r => r.Signal == "BUY_PE");
    }
}
