using System.Text.Json;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Session;

namespace LiveTrader.Engine.Performance;

/// <summary>What the backtest of one segment ran on: the recording's candles, warm-up and the day's.</summary>
public sealed record SegmentCandles(Segment Segment, string Timeframe, int WarmUp, int Day, DateTimeOffset? First, DateTimeOffset? Last,
    int SlippageTicks);

/// <summary>A candle backtest of one paper day run on the very candles the session saw (its
/// recordings hold the warm-up candles and every closed candle), all recorded segments as one
/// account with the given parameters, so a difference from the paper trades is down to fills, stops
/// and the session's own history (a restart, a late candle), not to data.</summary>
public sealed record PaperDayBacktest(DateOnly Day, IReadOnlyList<TradeRecord> Trades, IReadOnlyList<AgentEvent> Events,
    IReadOnlyList<SegmentCandles> Candles)
{
    public static string RecordingOf(string folder, Segment segment, DateOnly day) =>
        Path.Combine(folder, "recordings", SessionRecorder.FileName(segment, day));

    /// <summary>The backtest of <paramref name="day"/>'s recordings in <paramref name="folder"/>.</summary>
    public static PaperDayBacktest Run(DateOnly day, string folder, LiveTraderSettings settings)
    {
        var parts = new List<(BacktestInput, LiveTraderSettings)>();
        var candles = new List<SegmentCandles>();
        foreach (var segment in Segments.All)
        {
            var file = RecordingOf(folder, segment, day);
            if (!File.Exists(file)) continue;
            var (seen, slippage) = Recorded(file);
            if (seen.Count == 0) continue;
            var timeframe = TimeframeOf(seen, settings.Strategy.ParsedTimeframe());
            parts.Add((new BacktestInput(segment, seen, null, day, day), WithTimeframe(settings, timeframe)));
            var ofDay = seen.Where(c => Ist.DayOf(c.Start) == day).ToList();
            candles.Add(new SegmentCandles(segment, timeframe.ToString(), seen.Count - ofDay.Count, ofDay.Count,
                ofDay.Count > 0 ? ofDay[0].Start : null, ofDay.Count > 0 ? ofDay[^1].Start : null, slippage));
        }
        // One account, as the session traded it: the account's limits count every segment.
        var results = BacktestSession.RunAll(parts);
        var all = AllSegments.Of(results, settings.InitialCapital);
        return new PaperDayBacktest(day, all.Trades, all.Events, candles);
    }

    /// <summary>Every candle the session's agent was given, in time order: the warm-up history and
    /// each closed candle (a restart the same day warms up again; a closed candle wins over a warm-up
    /// copy of the same start), and the slippage the session filled with.</summary>
    internal static (List<Candle> Candles, int SlippageTicks) Recorded(string file)
    {
        var byStart = new SortedDictionary<DateTimeOffset, Candle>();
        var slippage = 0;
        foreach (var line in SessionRecorder.Read(file))
        {
            if (line.Header is { } header) slippage = header.SlippageTicks;
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
        return ([.. byStart.Values], slippage);
    }

    /// <summary>The recording's timeframe is what the session traded, whatever the configuration says
    /// now: the smallest gap between two candles of one day.</summary>
    internal static Timeframe TimeframeOf(List<Candle> candles, Timeframe fallback)
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
        var copy = JsonSerializer.Deserialize<LiveTraderSettings>(JsonSerializer.Serialize(settings))!;
        copy.Strategy.Timeframe = timeframe.ToString();
        return copy;
    }
}
