namespace LiveTrader.App.Web;

/// <summary>The JSON the Sweep page reads: the state and progress, the varied names, and one row per
/// finished set (its values in the names' order, its hashes, its metrics).</summary>
public static class SweepJson
{
    public static object Run(SweepRun run)
    {
        // The state first: "done" is published after the rows, so once it is read they are there.
        var state = run.State;
        var plan = run.Plan;
        return new
        {
            id = run.Id,
            state,
            done = run.Done,
            total = run.Total,
            progress = state == BacktestRun.Done ? 1 : run.Total == 0 ? 0 : Math.Min(1, (double)run.Done / run.Total),
            error = run.Error,
            source = plan.Source,
            segments = plan.Segments.Select(s => s.ToString()),
            from = plan.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            to = plan.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            sets = plan.Points.Count,
            axes = plan.Axes.Select(a => a.Name),
            rows = run.Rows.Select(r => new
            {
                values = r.Point.Values,
                paramHash = r.Point.Hash,
                runHash = r.RunHash,
                trades = r.Metrics.Trades,
                winRate = r.Metrics.WinRate,
                netPnl = r.Metrics.NetPnl,
                maxDrawdown = r.Metrics.MaxDrawdown,
                profitFactor = r.Metrics.ProfitFactor,
                returnPct = r.Metrics.ReturnPct,
                dailySharpe = r.Metrics.DailySharpe,
            }),
        };
    }
}
