using LiveTrader.Core.Trading;
using LiveTrader.Engine.Backtest;

namespace LiveTrader.Engine.Performance;

/// <summary>The numbers the report shows for each side: trades, win rate, net after charges, the
/// deepest fall of equity, profit factor (gross wins over gross losses, after charges; null with no
/// losing trade) and return on the initial capital.</summary>
public sealed record PerformanceStats(int Trades, int Wins, decimal WinRatePct, decimal NetPnl, decimal Charges, decimal MaxDrawdown,
    decimal? ProfitFactor, decimal ReturnOnCapitalPct)
{
    public static PerformanceStats From(IReadOnlyList<TradeRecord> trades, decimal initialCapital)
    {
        var s = PerformanceSummary.From(trades.OrderBy(t => t.ExitTime).ToList(), initialCapital);
        var won = trades.Where(t => t.NetPnl > 0).Sum(t => t.NetPnl);
        var lost = -trades.Where(t => t.NetPnl < 0).Sum(t => t.NetPnl);
        return new PerformanceStats(s.Trades, s.Wins, s.WinRatePct, s.NetPnl, s.Charges, s.MaxDrawdown,
            lost == 0 ? null : decimal.Round(won / lost, 2), s.ReturnOnCapitalPct);
    }
}

/// <summary>One side's equity after each trade (exit order) and its fall from the running peak.</summary>
public sealed record EquityPoint(DateTimeOffset Time, decimal Net, decimal Drawdown)
{
    public static IReadOnlyList<EquityPoint> Curve(IEnumerable<TradeRecord> trades)
    {
        var points = new List<EquityPoint>();
        decimal net = 0, peak = 0;
        foreach (var t in trades.OrderBy(t => t.ExitTime))
        {
            net += t.NetPnl;
            peak = Math.Max(peak, net);
            points.Add(new EquityPoint(t.ExitTime, net, peak - net));
        }
        return points;
    }
}
