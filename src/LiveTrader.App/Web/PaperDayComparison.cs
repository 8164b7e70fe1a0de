using LiveTrader.Core.Settings;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Journal;
using LiveTrader.Engine.Performance;

namespace LiveTrader.App.Web;

/// <summary>Spec 9's "backtest vs paper for the same period" for one day: a paper day's trades from
/// the session journal beside the engine's backtest of that day on the very candles the session saw
/// (<see cref="PaperDayBacktest"/>; the period report, <see cref="PerformanceReport"/>, pairs and
/// explains them).</summary>
public sealed record PaperDayComparison(
    DateOnly Day,
    IReadOnlyList<TradeRecord> PaperTrades,
    PerformanceSummary PaperSummary,
    AllSegments Backtest,
    IReadOnlyList<SegmentCandles> Candles,
    bool SessionSettings,
    string Note)
{
    /// <summary>The comparison, or null when no paper session ran that day.</summary>
    /// <param name="sessionSettings">The settings of the session that ran that day when this server
    /// ran it (overrides applied); otherwise the configured ones are the best guess.</param>
    public static PaperDayComparison? Of(DateOnly day, string outputFolder, LiveTraderSettings configured, LiveTraderSettings? sessionSettings)
    {
        IReadOnlyList<TradeRecord> paper;
        using (var journal = SessionJournal.OpenExisting(outputFolder))
        {
            if (journal is null || !journal.Days().Contains(day)) return null;
            paper = journal.Trades(day);
        }
        var settings = sessionSettings ?? configured;
        var run = PaperDayBacktest.Run(day, outputFolder, settings);
        var candles = run.Candles;
        var note = BacktestSession.PremiumNote(settings, candles.Select(c => c.Segment)) +
            " Paper fills are the live option quotes the session traded at (bid/ask plus slippage) and its stops ran on every tick;" +
            " the backtest prices premiums by the model and checks stops on candle highs and lows, so the same signals can still differ in P&L." +
            (candles.Count == 0 ? " This day has no recordings to backtest on." : "");
        var backtest = new AllSegments(string.Join(", ", candles.Select(c => c.Segment)), run.Trades, run.Events,
            PerformanceSummary.From(run.Trades, settings.InitialCapital), candles.Sum(c => c.Day));
        return new PaperDayComparison(day, paper,
            PerformanceSummary.From(paper.OrderBy(t => t.ExitTime).ToList(), settings.InitialCapital),
            backtest, candles, sessionSettings is not null, note);
    }
}
