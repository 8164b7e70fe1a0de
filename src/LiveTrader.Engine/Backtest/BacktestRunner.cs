using LiveTrader.Core.Orders;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Trading;

namespace LiveTrader.Engine.Backtest;

/// <summary>Drives segment agents over candles with a data-driven clock: the candle's own time is
/// the only time there is.</summary>
public static class BacktestRunner
{
    /// <summary>One segment of a run: its candles, settings, contracts and fills.</summary>
    public sealed record Part(BacktestInput Input, LiveTraderSettings Settings, IContractSelector Contracts, IOrderVenue Venue,
        IMarkPrice Marks, IProgress<int>? Progress = null);

    /// <summary>Several segments as the one account a paper session trades: candles are taken in
    /// close-time order across segments, and for one close every segment's stops run before any
    /// segment's signal (ties in segment order), all against one risk book, so the global daily loss
    /// limit and profit target count every exit up to the moment of an entry.</summary>
    public static IReadOnlyList<BacktestResult> RunTogether(IReadOnlyList<Part> parts, ITradeCharges charges)
    {
        var limits = parts[0].Settings.Risk;
        var risk = new SessionRiskBook(AccountRules.From(limits));
        var walks = parts.Select(p => new SegmentCandleWalk(p, charges, risk)).OrderBy(w => w.Segment).ToList();
        var closing = new List<SegmentCandleWalk>(walks.Count);
        // One segment (every sweep set of one index) has no order across segments to keep.
        if (walks.Count == 1)
            for (var walk = walks[0]; walk.HasCandle;)
            {
                walk.ManageCandle();
                walk.CloseCandle();
            }
        while (true)
        {
            DateTimeOffset? earliest = null;
            foreach (var walk in walks)
                if (walk.NextClose is DateTimeOffset close && (earliest is not DateTimeOffset e || close < e)) earliest = close;
            if (earliest is null) break;
            closing.Clear();
            // A plain loop: this runs once per candle, and a year's sweep runs it millions of times.
            foreach (var walk in walks)
                if (walk.NextClose == earliest) closing.Add(walk);
            foreach (var walk in closing) walk.ManageCandle();
            foreach (var walk in closing) walk.CloseCandle();
        }
        // Results in the parts' order, whatever order the segments were stepped in.
        return parts.Select(p => walks.First(w => ReferenceEquals(w.Part, p)).Finish()).ToList();
    }
}
