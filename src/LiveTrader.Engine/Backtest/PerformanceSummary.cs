using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;

namespace LiveTrader.Engine.Backtest;

/// <summary>One day's results.</summary>
public sealed record DailyResult(DateOnly Day, int Trades, int Wins, decimal Gross, decimal Charges, decimal Net, decimal Equity);

/// <summary>The numbers a trader reads first after a run.</summary>
public sealed record PerformanceSummary(
    int Trades,
    int Wins,
    decimal WinRatePct,
    decimal GrossPnl,
    decimal Charges,
    decimal NetPnl,
    decimal MaxDrawdown,
    decimal MaxDrawdownPct,
    DailyResult? BestDay,
    DailyResult? WorstDay,
    decimal InitialCapital,
    decimal ReturnOnCapitalPct,
    IReadOnlyList<DailyResult> Days)
{
    /// <summary>Summarises closed trades in exit order. A win is a trade with positive net P&amp;L;
    /// drawdown is the deepest fall of net equity from its running peak, trade by trade.</summary>
    public static PerformanceSummary From(IReadOnlyList<TradeRecord> trades, decimal initialCapital)
    {
        var wins = trades.Count(t => t.NetPnl > 0);
        var equity = initialCapital;
        var peak = initialCapital;
        var maxDrawdown = 0m;
        var maxDrawdownPct = 0m;
        foreach (var t in trades)
        {
            equity += t.NetPnl;
            peak = Math.Max(peak, equity);
            var drawdown = peak - equity;
            if (drawdown > maxDrawdown)
            {
                maxDrawdown = drawdown;
                maxDrawdownPct = peak == 0 ? 0 : Math.Round(drawdown / peak * 100m, 2);
            }
        }
        var days = new List<DailyResult>();
        var running = initialCapital;
        foreach (var g in trades.GroupBy(t => Ist.DayOf(t.ExitTime)).OrderBy(g => g.Key))
        {
            var net = g.Sum(t => t.NetPnl);
            running += net;
            days.Add(new DailyResult(g.Key, g.Count(), g.Count(t => t.NetPnl > 0), g.Sum(t => t.PnlValue), g.Sum(t => t.Charges), net, running));
        }
        var gross = trades.Sum(t => t.PnlValue);
        var charges = trades.Sum(t => t.Charges);
        var totalNet = trades.Sum(t => t.NetPnl);
        return new PerformanceSummary(
            trades.Count,
            wins,
            trades.Count == 0 ? 0 : Math.Round(wins * 100m / trades.Count, 2),
            gross,
            charges,
            totalNet,
            maxDrawdown,
            maxDrawdownPct,
            days.Count == 0 ? null : days.MaxBy(d => d.Net),
            days.Count == 0 ? null : days.MinBy(d => d.Net),
            initialCapital,
            initialCapital == 0 ? 0 : Math.Round(totalNet / initialCapital * 100m, 2),
            days);
    }
}
