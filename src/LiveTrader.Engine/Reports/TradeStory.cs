using LiveTrader.Core.Charges;
using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Signals;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Journal;
using LiveTrader.Engine.Performance;

namespace LiveTrader.Engine.Reports;

/// <summary>Where the effective index stop stood from a moment on: the initial SL at entry, then each
/// trail move that tightened it.</summary>
public readonly record struct StopStep(DateTimeOffset Time, decimal Level, bool Trailing);

/// <summary>One trade told whole, for the page's trade detail: the candles around it with the
/// strategy's lines, every event that names it (entry, adds, trail moves, stop quantity, orders,
/// exit), the path of its effective stop and its charges itemised as a contract note shows them.</summary>
public sealed record TradeStory(
    TradeRecord Trade,
    string Timeframe,
    IReadOnlyList<SignalReading> Candles,
    IReadOnlyList<AgentEvent> Events,
    IReadOnlyList<StopStep> Stops,
    ChargeBreakdown Charges)
{
    /// <summary>Candles shown before the entry's candle and after the exit's.</summary>
    public const int CandlesAround = 12;

    /// <summary>The story of <paramref name="trade"/> from the candles its agent traded on (warm-up
    /// first, so the lines read as they did) and the events of its day.</summary>
    public static TradeStory Tell(TradeRecord trade, IReadOnlyList<Candle> candles, Timeframe timeframe,
        IEnumerable<AgentEvent> events, LiveTraderSettings settings)
    {
        var signals = new SignalEngine(settings.Strategy.ToStrategyParameters());
        var readings = candles.Select(c => signals.OnCandleClosed(c)).ToList();
        var entry = CandleOf(readings, trade.EntryTime);
        var exit = CandleOf(readings, trade.ExitTime);
        var from = Math.Max(0, entry - CandlesAround);
        var to = Math.Min(readings.Count - 1, Math.Max(exit, entry) + CandlesAround);
        var own = events.Where(e => e.TradeId == trade.TradeId).OrderBy(e => e.Time).ToList();
        var exchange = OptionsExchanges.Parse(settings.Segments[trade.Segment.ToString()].Exchange);
        var charges = new RateTableCharges(new ChargesCalculator(settings.ChargeRates)).Itemised(exchange, Ist.DayOf(trade.EntryTime), trade.Buys, trade.Sells);
        var shown = readings.Count == 0 ? [] : readings.GetRange(from, to - from + 1);
        return new TradeStory(trade, timeframe.ToString(), shown, own, StopPath(trade, own), charges);
    }

    /// <summary>The story of a paper (or live) trade from the session folder's journal and the day's
    /// recording; null when the journal holds no trade of that id.</summary>
    public static TradeStory? OfSession(string folder, string tradeId, LiveTraderSettings settings)
    {
        using var journal = SessionJournal.OpenExisting(folder);
        if (journal is null) return null;
        foreach (var day in journal.Days())
        {
            if (journal.Trades(day).FirstOrDefault(t => t.TradeId == tradeId) is not { } trade) continue;
            var recording = PaperDayBacktest.RecordingOf(folder, trade.Segment, day);
            var candles = File.Exists(recording) ? PaperDayBacktest.Recorded(recording).Candles : [];
            var timeframe = candles.Count > 1 ? PaperDayBacktest.TimeframeOf(candles, settings.Strategy.ParsedTimeframe()) : settings.Strategy.ParsedTimeframe();
            return Tell(trade, candles, timeframe, journal.Events(day), settings);
        }
        return null;
    }

    /// <summary>The story of a trade of the backtest a paper day is compared with (the Performance page's
    /// backtest side): that backtest run again on the day's recorded candles, with every event kept;
    /// null when the day has no such trade.</summary>
    public static TradeStory? OfPaperDayBacktest(string folder, DateOnly day, string tradeId, LiveTraderSettings settings)
    {
        var run = PaperDayBacktest.Run(day, folder, settings);
        if (run.Trades.FirstOrDefault(t => t.TradeId == tradeId) is not { } trade) return null;
        var candles = PaperDayBacktest.Recorded(PaperDayBacktest.RecordingOf(folder, trade.Segment, day)).Candles;
        var timeframe = candles.Count > 1 ? PaperDayBacktest.TimeframeOf(candles, settings.Strategy.ParsedTimeframe()) : settings.Strategy.ParsedTimeframe();
        return Tell(trade, candles, timeframe, run.Events, settings);
    }

    /// <summary>The candle a moment falls in (a candle holds start &lt; t &lt;= its end, so an entry at a
    /// candle's close belongs to it): the last one starting before it.</summary>
    private static int CandleOf(List<SignalReading> readings, DateTimeOffset time)
    {
        var found = 0;
        for (var i = 0; i < readings.Count && readings[i].Candle.Start < time; i++) found = i;
        return found;
    }

    /// <summary>The initial SL from the entry, then every trail move that made the effective stop tighter.
    /// A trail move's event carries the favourable spot it followed; the trail stands that many points behind.</summary>
    private static IReadOnlyList<StopStep> StopPath(TradeRecord trade, IReadOnlyList<AgentEvent> events)
    {
        var isLong = trade.OptionType == OptionType.CE;
        var steps = new List<StopStep> { new(trade.EntryTime, trade.InitialSlPrice, false) };
        var effective = trade.InitialSlPrice;
        foreach (var e in events)
        {
            if (e.Type != AgentEventType.StopMoved || e.Spot is not decimal favourable) continue;
            var trail = isLong ? favourable - trade.TrailingStopPoints : favourable + trade.TrailingStopPoints;
            var tighter = isLong ? trail > effective : trail < effective;
            if (!tighter) continue;
            effective = trail;
            steps.Add(new StopStep(e.Time, trail, true));
        }
        return steps;
    }
}
