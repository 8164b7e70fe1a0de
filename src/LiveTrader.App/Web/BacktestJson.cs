using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Backtest;

namespace LiveTrader.App.Web;

/// <summary>The JSON the Backtest page reads: summaries, trade rows (the trade log's columns in
/// camelCase, times IST), and the equity and drawdown curves.</summary>
public static class BacktestJson
{
    public static object Run(BacktestRun run)
    {
        // The state first: "done" is published after the results, so once it is read they are there.
        var state = run.State;
        var all = run.All;
        var curve = Equity(all?.Trades ?? [], run.InitialCapital).ToList();
        return new
        {
            id = run.Id,
            state,
            progress = run.Progress,
            error = run.Error,
            loginRequired = run.LoginRequired,
            login = run.LoginRequired ? Feeds.LoginRequired.LoginPath : null,
            note = run.Note,
            parametersHash = run.ParametersHash,
            segments = run.Results.Select(r => new { segment = r.Segment.ToString(), candles = r.CandlesTraded, summary = Summary(r.Summary) }),
            total = all is null ? null : Summary(all.Summary),
            trades = (all?.Trades ?? []).Select(t => Trade(t, Engine.Reports.BacktestFiles.Mode)),
            equity = curve.Select(p => new { time = p.Time, equity = p.Equity }),
            drawdown = curve.Select(p => new { time = p.Time, drawdown = p.Drawdown }),
        };
    }

    public static object Summary(PerformanceSummary s) => new
    {
        trades = s.Trades,
        wins = s.Wins,
        winRatePct = s.WinRatePct,
        grossPnl = s.GrossPnl,
        charges = s.Charges,
        netPnl = s.NetPnl,
        maxDrawdown = s.MaxDrawdown,
        maxDrawdownPct = s.MaxDrawdownPct,
        initialCapital = s.InitialCapital,
        returnOnCapitalPct = s.ReturnOnCapitalPct,
        bestDay = Day(s.BestDay),
        worstDay = Day(s.WorstDay),
    };

    private static object? Day(DailyResult? d) => d is null ? null : new
    {
        day = d.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        trades = d.Trades,
        netPnl = d.Net,
    };

    /// <summary>One trade log row; <paramref name="mode"/> is BACKTEST or PAPER.</summary>
    public static object Trade(TradeRecord t, string mode) => new
    {
        tradeId = t.TradeId,
        mode,
        segment = t.Segment.ToString(),
        indexSymbol = t.IndexSymbol,
        indexEntrySpot = t.IndexEntrySpot,
        timeInterval = t.TimeInterval,
        rsiPeriod = t.RsiPeriod,
        signalType = t.SignalType,
        optionSymbol = t.OptionSymbol,
        optionType = t.OptionType.ToString(),
        strikePrice = t.StrikePrice,
        expiry = t.Expiry.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        lots = t.Lots,
        entryTime = Ist.From(t.EntryTime),
        entryPrice = t.EntryPrice,
        stopLossPoints = t.StopLossPoints,
        initialSlPrice = t.InitialSlPrice,
        trailingStopPoints = t.TrailingStopPoints,
        exitTime = Ist.From(t.ExitTime),
        exitPrice = t.ExitPrice,
        exitReason = t.ExitReason,
        pnlPoints = t.PnlPoints,
        pnlValue = t.PnlValue,
        returnPct = t.ReturnPct,
        indexExitSpot = t.IndexExitSpot,
        charges = t.Charges,
        netPnl = t.NetPnl,
        maxQuantity = t.MaxQuantity,
        pyramidAdds = t.PyramidAdds,
        maxFavorableExcursion = t.MaxFavorableExcursion,
        maxAdverseExcursion = t.MaxAdverseExcursion,
    };

    public readonly record struct EquityPoint(DateTimeOffset Time, decimal Equity, decimal Drawdown);

    /// <summary>Initial capital plus the cumulative net P&amp;L at each trade's exit (trades in exit
    /// order), and how far that stands below its running peak, in rupees.</summary>
    public static IEnumerable<EquityPoint> Equity(IReadOnlyList<TradeRecord> trades, decimal initialCapital)
    {
        var equity = initialCapital;
        var peak = initialCapital;
        foreach (var t in trades)
        {
            equity += t.NetPnl;
            peak = Math.Max(peak, equity);
            yield return new EquityPoint(Ist.From(t.ExitTime), equity, peak - equity);
        }
    }
}
