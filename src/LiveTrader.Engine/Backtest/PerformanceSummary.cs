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
        // One pass, no LINQ: a sweep sums up every parameter set's year of trades.
        var wins = 0;
        var equity = initialCapital;
        var peak = initialCapital;
        var maxDrawdown = 0m;
        var maxDrawdownPct = 0m;
        decimal gross = 0m, charges = 0m, totalNet = 0m;
        var byDay = new Dictionary<DateOnly, DayTotals>();
        foreach (var t in trades)
        {
            if (t.NetPnl > 0) wins++;
            gross += t.PnlValue;
            charges += t.Charges;
            totalNet += t.NetPnl;
            equity += t.NetPnl;
            peak = Math.Max(peak, equity);
            var drawdown = peak - equity;
            if (drawdown > maxDrawdown)
            {
                maxDrawdown = drawdown;
                maxDrawdownPct = peak == 0 ? 0 : Math.Round(drawdown / peak * 100m, 2);
            }
            var day = Ist.DayOf(t.ExitTime);
            if (!byDay.TryGetValue(day, out var totals)) byDay[day] = totals = new DayTotals();
            totals.Add(t);
        }
        var days = new List<DailyResult>(byDay.Count);
        var running = initialCapital;
        foreach (var (day, totals) in byDay.OrderBy(d => d.Key))
        {
            running += totals.Net;
            days.Add(new DailyResult(day, totals.Trades, totals.Wins, totals.Gross, totals.Charges, totals.Net, running));
        }
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

    private sealed class DayTotals
    {
        public int Trades, Wins;
        public decimal Gross, Charges, Net;

        public void Add(TradeRecord t)
        {
            Trades++;
            if (t.NetPnl > 0) Wins++;
            Gross += t.PnlValue;
            Charges += t.Charges;
            Net += t.NetPnl;
        }
    }
}
