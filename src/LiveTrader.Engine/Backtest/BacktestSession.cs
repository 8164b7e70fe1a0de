using System.Globalization;
using LiveTrader.Core.Charges;
using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Pricing;
using LiveTrader.Core.Risk;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Execution;

namespace LiveTrader.Engine.Backtest;

/// <summary>Wires a backtest: calendar contracts, modelled fills, dated charges, and the segments
/// run as one account.</summary>
public static class BacktestSession
{
    public static BacktestResult Run(BacktestInput input, LiveTraderSettings settings, IProgress<int>? progress = null) =>
        RunAll([(input, settings)], _ => progress)[0];

    /// <summary>Every segment of a run with the same settings; see the other overload.</summary>
    public static IReadOnlyList<BacktestResult> RunAll(IReadOnlyList<BacktestInput> inputs, LiveTraderSettings settings,
        Func<int, IProgress<int>?>? progressOf = null) =>
        RunAll(inputs.Select(i => (i, settings)).ToList(), progressOf);

    /// <summary>Several segments as one account, as a paper session trades them: stepped together in
    /// time order against one risk book, so a global daily loss limit or profit target counts every
    /// segment. (One core: on the benchmark machine a core per segment was no faster, see
    /// BENCHMARKS.md.) The global limits are the first part's.</summary>
    public static IReadOnlyList<BacktestResult> RunAll(IReadOnlyList<(BacktestInput Input, LiveTraderSettings Settings)> parts,
        Func<int, IProgress<int>?>? progressOf = null)
    {
        if (parts.Count == 0) return [];
        var charges = new RateTableCharges(new ChargesCalculator(parts[0].Settings.ChargeRates));
        return BacktestRunner.RunTogether(parts.Select((p, i) => Wire(p.Input, p.Settings, progressOf?.Invoke(i))).ToList(), charges);
    }

    /// <summary>A segment's calendar contracts and the simulated venue with the candle fill model.</summary>
    private static BacktestRunner.Part Wire(BacktestInput input, LiveTraderSettings settings, IProgress<int>? progress)
    {
        var segment = settings.Segments[input.Segment.ToString()];
        var pricer = new OptionPricer(ExpiryCalendar.Default);
        var premium = new ModelPremium(segment, pricer);
        return new BacktestRunner.Part(input, settings, new CalendarContractSelector(input.Segment, segment, pricer),
            new OrderRoute(new SimulatedVenue(new CandleFillModel(segment, premium)), RiskLimits.From(settings, input.Segment)).Risk, premium, progress);
    }

    /// <summary>Said on screen and in the workbook: these premiums are a model, not market prices.</summary>
    public static string PremiumNote(LiveTraderSettings settings, IEnumerable<Segment> segments) =>
        "Option premiums are MODELLED (Black-Scholes on trading time to the calendar's expiry, implied volatility " +
        string.Join(", ", segments.Select(s => $"{s} {settings.Segments[s.ToString()].ImpliedVolatility.ToString("0.###", CultureInfo.InvariantCulture)}")) +
        "), not observed prices.";
}
