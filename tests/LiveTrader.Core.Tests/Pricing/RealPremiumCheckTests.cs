using System.Globalization;
using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Pricing;
using Xunit.Abstractions;

namespace LiveTrader.Core.Tests.Pricing;

/// <summary>Sanity check of the backtest's option model against real NIFTY premiums seen on Kite
/// between 23 and 26 Dec 2025 (shared/data/kite-2025-12-23). One implied volatility for all of them:
/// if the model or the trading clock were badly off, no single IV would fit.</summary>
public class RealPremiumCheckTests(ITestOutputHelper output)
{
    // Measured when written (245 observations, IV 0.11): median |error| 1.06 %, 2.85 rupees;
    // mean |error| 14.05 %, 7.69 rupees. 188 of the rows are the ITM NIFTY25DEC26000CE (median error
    // under 1 %); the out-of-the-money 26400CE and 26000PE come out about 24-28 rupees (55-80 %) too
    // dear at this IV: the volatility skew, which one IV cannot fit. The strategy buys ITM options.
    private const double MedianPercentBound = 2.0;
    private const double MedianRupeeBound = 6.0;

    private sealed record Stats(double Iv, int Count, double MedianPct, double MeanPct, double MedianRupees, double MeanRupees,
        IReadOnlyDictionary<string, (int Count, double MedianSignedRupees, double MedianPct)> BySymbol);

    private static Stats Measure(double iv)
    {
        var bySymbol = new Dictionary<string, List<(double Signed, double Pct)>>();
        var pricer = new OptionPricer(ExpiryCalendar.Default);
        var pct = new List<double>();
        var rupees = new List<double>();
        foreach (var row in TestData.OptionPremiums().Where(r => r.IndexSpot is not null && r.Expiry is not null))
        {
            Assert.True(Segments.TryParse(row.Underlying, out var seg));
            var contract = pricer.Contract(seg, row.Expiry!.Value, row.Strike, Enum.Parse<OptionType>(row.OptionType));
            var model = pricer.Price(contract, row.Time, row.IndexSpot!.Value, iv);
            var error = (double)Math.Abs(model - row.Premium);
            rupees.Add(error);
            pct.Add(error / (double)row.Premium * 100);
            if (!bySymbol.TryGetValue(row.TradingSymbol, out var list)) bySymbol[row.TradingSymbol] = list = [];
            list.Add(((double)(model - row.Premium), error / (double)row.Premium * 100));
        }
        return new Stats(iv, pct.Count, Median(pct), pct.Average(), Median(rupees), rupees.Average(),
            bySymbol.ToDictionary(k => k.Key, k => (k.Value.Count, Median(k.Value.Select(v => v.Signed).ToList()), Median(k.Value.Select(v => v.Pct).ToList()))));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    [Fact]
    public void One_implied_volatility_fits_the_real_nifty_premiums()
    {
        var scan = Enumerable.Range(0, 9).Select(i => Measure(0.08 + i * 0.005)).ToList();
        foreach (var s in scan)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"IV {s.Iv:0.000}: n={s.Count} median |err| {s.MedianPct:0.00} % / {s.MedianRupees:0.00} Rs, mean |err| {s.MeanPct:0.00} % / {s.MeanRupees:0.00} Rs"));

        var best = scan.MinBy(s => s.MedianPct)!;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best IV {best.Iv:0.000}"));
        // The file is mostly one ITM call; out-of-the-money options carry the skew a single IV cannot fit.
        foreach (var (symbol, s) in best.BySymbol)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {symbol}: n={s.Count} median model-minus-market {s.MedianSignedRupees:0.00} Rs, median |err| {s.MedianPct:0.00} %"));

        Assert.Equal(245, best.Count);
        Assert.Equal(0.11, best.Iv, 1e-9);
        Assert.True(best.MedianPct < MedianPercentBound, $"median abs % error {best.MedianPct:0.00} >= {MedianPercentBound}");
        Assert.True(best.MedianRupees < MedianRupeeBound, $"median abs error {best.MedianRupees:0.00} Rs >= {MedianRupeeBound}");
    }
}
