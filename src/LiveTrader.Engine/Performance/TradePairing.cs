using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;

namespace LiveTrader.Engine.Performance;

/// <summary>Pairs one day's paper trades with the backtest's by segment, entry candle and direction,
/// and explains every difference by its cause (<see cref="DifferenceCause"/>): for a pair, the fill
/// prices (quote vs model), the exit path, a stale quote, slippage, charges and quantity, which add up
/// to the difference in net; for a trade only one side took, why the other did not, read from that
/// side's own events at the entry candle (a stale quote, a late or corrected candle, an earlier trade
/// still open, a limit, the session not running, or no signal at all).</summary>
public static class TradePairing
{
    public static IReadOnlyList<TradePair> Pair(DateOnly day, IReadOnlyList<TradeRecord> paper, IReadOnlyList<TradeRecord> backtest,
        IReadOnlyList<AgentEvent> paperEvents, IReadOnlyList<AgentEvent> backtestEvents, IReadOnlyDictionary<Segment, SegmentFacts> facts)
    {
        var waiting = new Dictionary<(Segment, DateTimeOffset, OptionType), Queue<TradeRecord>>();
        foreach (var b in backtest.OrderBy(t => t.EntryTime))
        {
            var key = KeyOf(b, facts);
            if (!waiting.TryGetValue(key, out var queue)) waiting[key] = queue = new Queue<TradeRecord>();
            queue.Enqueue(b);
        }
        var pairs = new List<TradePair>();
        foreach (var p in paper.OrderBy(t => t.EntryTime))
        {
            var key = KeyOf(p, facts);
            var f = facts[p.Segment];
            if (waiting.TryGetValue(key, out var queue) && queue.TryDequeue(out var b))
                pairs.Add(new TradePair(day, p.Segment, key.Item2, p.OptionType, p, b, Explain(p, b, f, paperEvents)));
            else
                pairs.Add(new TradePair(day, p.Segment, key.Item2, p.OptionType, p, null,
                    [new TradeDifference(WhyOnlyPaper(p, key.Item2, f, paperEvents, backtestEvents, out var detail), p.NetPnl, detail)]));
        }
        foreach (var ((segment, close, direction), queue) in waiting)
            foreach (var b in queue)
                pairs.Add(new TradePair(day, segment, close, direction, null, b,
                    [new TradeDifference(WhyOnlyBacktest(b, close, facts[segment], paperEvents, out var detail), -b.NetPnl, detail)]));
        return pairs.OrderBy(x => x.EntryCandleClose).ThenBy(x => x.Segment).ToList();
    }

    /// <summary>The close of the candle a trade was entered on: entries go in at a candle's close, and
    /// a paper fill may come a few seconds after it.</summary>
    public static DateTimeOffset EntryCandleClose(DateTimeOffset entry, TimeSpan timeframe)
    {
        var open = Ist.At(Ist.DayOf(entry), MarketHours.Open);
        var steps = (entry - open).Ticks / timeframe.Ticks;
        return open + TimeSpan.FromTicks(steps * timeframe.Ticks);
    }

    private static (Segment, DateTimeOffset, OptionType) KeyOf(TradeRecord t, IReadOnlyDictionary<Segment, SegmentFacts> facts) =>
        (t.Segment, EntryCandleClose(t.EntryTime, facts[t.Segment].Timeframe), t.OptionType);

    private static List<TradeDifference> Explain(TradeRecord p, TradeRecord b, SegmentFacts f, IReadOnlyList<AgentEvent> paperEvents)
    {
        var list = new List<TradeDifference>();
        var q = p.MaxQuantity;
        var slipPerUnit = (p.Segment == b.Segment ? f.PaperSlippageTicks - f.BacktestSlippageTicks : 0) * f.TickSize;
        var slippage = -slipPerUnit * (p.Buys.Sum(x => x.Quantity) + p.Sells.Sum(x => x.Quantity));
        if (slippage != 0)
            list.Add(new TradeDifference(DifferenceCause.Slippage, slippage,
                $"paper filled {f.PaperSlippageTicks} ticks from the price, the backtest {f.BacktestSlippageTicks}"));

        var entry = (b.EntryPrice - p.EntryPrice) * q - (slippage / 2);
        if (entry != 0)
            list.Add(new TradeDifference(DifferenceCause.FillPrice, Round(entry),
                $"entry {p.EntryPrice} at the quote vs {b.EntryPrice} by the model"));

        var exit = (p.ExitPrice - b.ExitPrice) * q - (slippage / 2);
        var stale = paperEvents.Any(e => e.TradeId == p.TradeId && e.Message.Contains("stale", StringComparison.OrdinalIgnoreCase));
        var otherPath = p.ExitReason != b.ExitReason || Math.Abs((p.ExitTime - b.ExitTime).TotalMinutes) >= f.Timeframe.TotalMinutes;
        if (exit != 0)
        {
            var (cause, detail) = stale
                ? (DifferenceCause.StaleQuote, $"a stale quote refused the paper exit first; it sold at {p.ExitPrice} at {Ist.TimeOf(p.ExitTime):HH\\:mm\\:ss} vs {b.ExitPrice}")
                : otherPath
                    ? (DifferenceCause.ExitPath, $"paper {p.ExitReason} at {Ist.TimeOf(p.ExitTime):HH\\:mm\\:ss} (index {p.IndexExitSpot}) vs backtest {b.ExitReason} at {Ist.TimeOf(b.ExitTime):HH\\:mm\\:ss} (index {b.IndexExitSpot})")
                    : (DifferenceCause.FillPrice, $"exit {p.ExitPrice} at the quote vs {b.ExitPrice} by the model");
            list.Add(new TradeDifference(cause, Round(exit), detail));
        }

        var charges = b.Charges - p.Charges;
        if (charges != 0)
            list.Add(new TradeDifference(DifferenceCause.Charges, charges, $"charges {p.Charges} vs {b.Charges}"));

        // Several legs (pyramid adds, partial fills) are not one quantity at one average: the rest is theirs.
        var rest = (p.NetPnl - b.NetPnl) - list.Sum(d => d.Amount);
        if (rest != 0)
        {
            var detail = p.MaxQuantity != b.MaxQuantity || p.PyramidAdds != b.PyramidAdds
                ? $"paper held up to {p.MaxQuantity} ({p.PyramidAdds} adds), the backtest {b.MaxQuantity} ({b.PyramidAdds} adds)"
                : "legs filled at several prices";
            list.Add(new TradeDifference(DifferenceCause.Quantity, rest, detail));
        }
        return list;
    }

    private static string WhyOnlyBacktest(TradeRecord b, DateTimeOffset close, SegmentFacts f, IReadOnlyList<AgentEvent> paperEvents, out string detail)
    {
        var around = paperEvents.Where(e => e.Segment == b.Segment && e.Time >= close - f.Timeframe && e.Time < close + f.Timeframe).ToList();
        var at = around.Where(e => e.Time >= close).ToList();
        if (around.Count == 0)
        {
            detail = $"the paper session was not running for {b.Segment} at {Ist.TimeOf(close):HH\\:mm} (started later, stopped or restarting)";
            return DifferenceCause.Restart;
        }
        if (at.FirstOrDefault(e => e.Type == AgentEventType.EntrySkipped) is { } skipped)
        {
            detail = $"paper: {skipped.Message}";
            return CauseOfSkip(skipped.Message);
        }
        if (around.FirstOrDefault(e => e.Type == AgentEventType.CandleCorrected) is { } corrected)
        {
            detail = $"paper traded on the corrected candle: {corrected.Message}";
            return DifferenceCause.CandleCorrection;
        }
        detail = $"the backtest's {b.SignalType} at {Ist.TimeOf(close):HH\\:mm} had no paper entry";
        return DifferenceCause.MissedSignal;
    }

    private static string WhyOnlyPaper(TradeRecord p, DateTimeOffset close, SegmentFacts f, IReadOnlyList<AgentEvent> paperEvents,
        IReadOnlyList<AgentEvent> backtestEvents, out string detail)
    {
        if (backtestEvents.FirstOrDefault(e => e.Segment == p.Segment && e.Type == AgentEventType.EntrySkipped && e.Time >= close && e.Time < close + f.Timeframe) is { } skipped)
        {
            detail = $"backtest: {skipped.Message}";
            return CauseOfSkip(skipped.Message);
        }
        if (paperEvents.FirstOrDefault(e => e.Segment == p.Segment && e.Type == AgentEventType.CandleCorrected && e.Time >= close - f.Timeframe && e.Time < close + f.Timeframe) is { } corrected)
        {
            detail = $"paper traded on the corrected candle: {corrected.Message}";
            return DifferenceCause.CandleCorrection;
        }
        detail = $"paper's {p.SignalType} at {Ist.TimeOf(close):HH\\:mm} ({p.TradeId}) had no backtest entry";
        return DifferenceCause.ExtraSignal;
    }

    private static string CauseOfSkip(string message) =>
        message.Contains("stale", StringComparison.OrdinalIgnoreCase) || message.Contains("no fill", StringComparison.Ordinal) ? DifferenceCause.StaleQuote
        : message.Contains("after the next candle had ended", StringComparison.Ordinal) ? DifferenceCause.LateCandle
        : message.Contains("position is open", StringComparison.Ordinal) || message.Contains("still working", StringComparison.Ordinal) ? DifferenceCause.EarlierTradeOpen
        : DifferenceCause.Limits;

    private static decimal Round(decimal value) => decimal.Round(value, 2);
}
