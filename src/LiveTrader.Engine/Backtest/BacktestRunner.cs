using LiveTrader.Core.Settings;
using LiveTrader.Core.Trading;

namespace LiveTrader.Engine.Backtest;

/// <summary>Drives segment agents over candles with a data-driven clock: the candle's own time is
/// the only time there is.</summary>
public static class BacktestRunner
{
    /// <summary>One segment of a run: its candles, settings, contracts and fills.</summary>
    public sealed record Part(BacktestInput Input, LiveTraderSettings Settings, IContractSelector Contracts, IOptionExecution Execution,
        IProgress<int>? Progress = null);

    public static BacktestResult Run(
        BacktestInput input,
        LiveTraderSettings settings,
        IContractSelector contracts,
        IOptionExecution execution,
        ITradeCharges charges,
        IProgress<int>? progress = null) =>
        RunTogether([new Part(input, settings, contracts, execution, progress)], charges)[0];

    /// <summary>Several segments as the one account a paper session trades: candles are taken in
    /// close-time order across segments (ties in segment order, as a replayed session takes them) and every agent asks the same
    /// risk book, so the global daily loss limit and profit target count all segments' trades.</summary>
    public static IReadOnlyList<BacktestResult> RunTogether(IReadOnlyList<Part> parts, ITradeCharges charges)
    {
        var limits = parts[0].Settings.Risk;
        var risk = new SessionRiskBook(limits.DailyLossLimit, limits.DailyProfitTarget);
        var walks = parts.Select(p => new SegmentCandleWalk(p, charges, risk)).ToList();
        while (true)
        {
            SegmentCandleWalk? earliest = null;
            DateTimeOffset? earliestClose = null;
            foreach (var walk in walks)
            {
                if (walk.NextClose is not DateTimeOffset close) continue;
                if (earliestClose is DateTimeOffset e && (close > e || (close == e && walk.Segment > earliest!.Segment))) continue;
                earliest = walk;
                earliestClose = close;
            }
            if (earliest is null) break;
            earliest.Step();
        }
        return walks.Select(w => w.Finish()).ToList();
    }
}
