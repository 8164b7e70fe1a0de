using System.Globalization;
using LiveTrader.Core.Charges;
using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Pricing;
using LiveTrader.Core.Settings;

namespace LiveTrader.Engine.Backtest;

/// <summary>Wires a segment's backtest: calendar contracts, modelled fills, dated charges.</summary>
public static class BacktestSession
{
    public static BacktestResult Run(BacktestInput input, LiveTraderSettings settings, IProgress<int>? progress = null)
    {
        var segment = settings.Segments[input.Segment.ToString()];
        var pricer = new OptionPricer(ExpiryCalendar.Default);
        return BacktestRunner.Run(
            input,
            settings,
            new CalendarContractSelector(input.Segment, segment, pricer),
            new ModelledOptionExecution(segment, pricer),
            new RateTableCharges(new ChargesCalculator(settings.ChargeRates)),
            progress);
    }

    /// <summary>Said on screen and in the workbook: these premiums are a model, not market prices.</summary>
    public static string PremiumNote(LiveTraderSettings settings, IEnumerable<Segment> segments) =>
        "Option premiums are MODELLED (Black-Scholes on trading time to the calendar's expiry, implied volatility " +
        string.Join(", ", segments.Select(s => $"{s} {settings.Segments[s.ToString()].ImpliedVolatility.ToString("0.###", CultureInfo.InvariantCulture)}")) +
        "), not observed prices.";
}
