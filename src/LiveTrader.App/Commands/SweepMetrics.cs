using System.Globalization;
using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Backtest;

namespace LiveTrader.App.Commands;

/// <summary>A sweep row's numbers: the account's trades (every segment) summarised as one.</summary>
public sealed record SweepMetrics(int Trades, decimal WinRate, decimal NetPnl, decimal MaxDrawdown, decimal ProfitFactor, decimal ReturnPct, double DailySharpe)
{
    public static SweepMetrics From(IReadOnlyList<BacktestResult> results, decimal initialCapital)
    {
        var trades = results.SelectMany(r => r.Trades).OrderBy(t => t.ExitTime).ToList();
        var s = PerformanceSummary.From(trades, initialCapital);
        var won = trades.Where(t => t.NetPnl > 0).Sum(t => t.NetPnl);
        var lost = -trades.Where(t => t.NetPnl < 0).Sum(t => t.NetPnl);
        var pf = lost == 0 ? 0 : Math.Round(won / lost, 4);
        return new SweepMetrics(s.Trades, s.WinRatePct, s.NetPnl, s.MaxDrawdown, pf, s.ReturnOnCapitalPct, Sharpe(s.Days));
    }

    /// <summary>Mean over standard deviation of the traded days' net P&amp;L, times the square root of 252.</summary>
    private static double Sharpe(IReadOnlyList<DailyResult> days)
    {
        if (days.Count < 2) return 0;
        var nets = days.Select(d => (double)d.Net).ToArray();
        var mean = nets.Average();
        var sd = Math.Sqrt(nets.Sum(n => (n - mean) * (n - mean)) / (nets.Length - 1));
        return sd == 0 ? 0 : Math.Round(mean / sd * Math.Sqrt(252), 4);
    }

    public static readonly string[] Columns = ["trades", "win_rate", "net_pnl", "max_drawdown", "profit_factor", "return_pct", "daily_sharpe"];

    public IEnumerable<string> Cells()
    {
        var inv = CultureInfo.InvariantCulture;
        yield return Trades.ToString(inv);
        yield return WinRate.ToString(inv);
        yield return NetPnl.ToString(inv);
        yield return MaxDrawdown.ToString(inv);
        yield return ProfitFactor.ToString(inv);
        yield return ReturnPct.ToString(inv);
        yield return DailySharpe.ToString("R", inv);
    }
}
