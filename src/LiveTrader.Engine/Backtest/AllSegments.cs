using LiveTrader.Core.Trading;

namespace LiveTrader.Engine.Backtest;

/// <summary>A run over several segments read as one account: every trade in exit order, every event
/// in time order, and the summary of that combined equity (one initial capital for all segments).</summary>
public sealed record AllSegments(string Label, IReadOnlyList<TradeRecord> Trades, IReadOnlyList<AgentEvent> Events, PerformanceSummary Summary, int CandlesTraded)
{
    public static AllSegments Of(IReadOnlyList<BacktestResult> results, decimal initialCapital)
    {
        // OrderBy is stable: trades closing at the same time keep the segments' order.
        var trades = results.SelectMany(r => r.Trades).OrderBy(t => t.ExitTime).ToList();
        var events = results.SelectMany(r => r.Events).OrderBy(e => e.Time).ToList();
        return new AllSegments(string.Join(", ", results.Select(r => r.Segment)), trades, events,
            PerformanceSummary.From(trades, initialCapital), results.Sum(r => r.CandlesTraded));
    }
}
