using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Journal;
using LiveTrader.Engine.Session;

namespace LiveTrader.App.Web;

/// <summary>Spec 9's "backtest vs paper for the same period": a paper day's trades from the session
/// journal beside a candle backtest of that day run on the very candles the session saw (its
/// recordings hold the warm-up candles and every closed candle), so a difference is down to fills
/// and stops, not to data.</summary>
public sealed record PaperDayComparison(
    DateOnly Day,
    IReadOnlyList<TradeRecord> PaperTrades,
    PerformanceSummary PaperSummary,
    AllSegments Backtest,
    IReadOnlyList<PaperDayComparison.SegmentCandles> Candles,
    bool SessionSettings,
    string Note)
{
    /// <summary>What the backtest of one segment ran on: the recording's candles, warm-up and the day's.</summary>
    public sealed record SegmentCandles(Segment Segment, Timeframe Timeframe, int WarmUp, int Day, DateTimeOffset? First, DateTimeOffset? Last);

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
        var parts = new List<(BacktestInput, LiveTraderSettings)>();
        var candles = new List<SegmentCandles>();
        foreach (var segment in Segments.All)
        {
            var file = Path.Combine(outputFolder, "recordings", SessionRecorder.FileName(segment, day));
            if (!File.Exists(file)) continue;
            var seen = RecordedCandles(file);
            if (seen.Count == 0) continue;
            var timeframe = TimeframeOf(seen, settings.Strategy.ParsedTimeframe());
            var run = WithTimeframe(settings, timeframe);
            parts.Add((new BacktestInput(segment, seen, null, day, day), run));
            var ofDay = seen.Where(c => Ist.DayOf(c.Start) == day).ToList();
            candles.Add(new SegmentCandles(segment, timeframe, seen.Count - ofDay.Count, ofDay.Count,
                ofDay.Count > 0 ? ofDay[0].Start : null, ofDay.Count > 0 ? ofDay[^1].Start : null));
        }
        // One account, as the session traded it: the global limits count every segment.
        var results = BacktestSession.RunAll(parts);
        var note = BacktestSession.PremiumNote(settings, candles.Select(c => c.Segment)) +
            " Paper fills are the live option quotes the session traded at (bid/ask plus slippage) and its stops ran on every tick;" +
            " the backtest prices premiums by the model and checks stops on candle highs and lows, so the same signals can still differ in P&L." +
            (candles.Count == 0 ? " This day has no recordings to backtest on." : "");
        return new PaperDayComparison(day, paper,
            PerformanceSummary.From(paper.OrderBy(t => t.ExitTime).ToList(), settings.InitialCapital),
            AllSegments.Of(results, settings.InitialCapital), candles, sessionSettings is not null, note);
    }

    /// <summary>Every candle the session's agent was given, in time order: the warm-up history and
    /// each closed candle. A restart the same day warms up again; a closed candle wins over a warm-up
    /// copy of the same start.</summary>
    private static List<Candle> RecordedCandles(string file)
    {
        var byStart = new SortedDictionary<DateTimeOffset, Candle>();
        foreach (var line in SessionRecorder.Read(file))
        {
            switch (line.Input)
            {
                case CandleClosedInput closed:
                    byStart[closed.Candle.Start] = closed.Candle;
                    break;
                case WarmUpCandleInput warm:
                    byStart.TryAdd(warm.Candle.Start, warm.Candle);
                    break;
            }
        }
        return [.. byStart.Values];
    }

    /// <summary>The recording's timeframe is what the session traded, whatever the configuration says
    /// now: the smallest gap between two candles of one day.</summary>
    private static Timeframe TimeframeOf(List<Candle> candles, Timeframe fallback)
    {
        var smallest = TimeSpan.MaxValue;
        for (var i = 1; i < candles.Count; i++)
            if (Ist.DayOf(candles[i].Start) == Ist.DayOf(candles[i - 1].Start))
                smallest = TimeSpan.FromTicks(Math.Min(smallest.Ticks, (candles[i].Start - candles[i - 1].Start).Ticks));
        return smallest != TimeSpan.MaxValue && Timeframe.TradableMinutes.Contains((int)smallest.TotalMinutes)
            ? Timeframe.FromMinutes((int)smallest.TotalMinutes)
            : fallback;
    }

    private static LiveTraderSettings WithTimeframe(LiveTraderSettings settings, Timeframe timeframe)
    {
        if (settings.Strategy.ParsedTimeframe() == timeframe) return settings;
        return ParameterOverrides.Apply(settings, new TimeframeOnly { Timeframe = timeframe.ToString() }, []);
    }

    private sealed record TimeframeOnly : ParameterRequest;
}
