using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;

namespace LiveTrader.Engine.Backtest;

public sealed record BacktestResult(
    Segment Segment,
    IReadOnlyList<TradeRecord> Trades,
    IReadOnlyList<AgentEvent> Events,
    PerformanceSummary Summary,
    int CandlesTraded);
