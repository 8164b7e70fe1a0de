using LiveTrader.Core.Market;
using LiveTrader.Core.Signals;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Execution;
using LiveTrader.Engine.Journal;

namespace LiveTrader.App.Web;

/// <summary>What the page's charts draw: a segment's candles with the RSI pane, its trades' markers
/// and the open position's stop and trail, and the session's intraday equity.</summary>
public static class ChartEndpoints
{
    /// <summary>Candles of the previous session shown before the day's first, for context.</summary>
    public const int ContextCandles = 25;

    internal static readonly string[] MarkerTypes = [AgentEventType.EntryTaken, AgentEventType.PyramidAdded, AgentEventType.Exit];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/segments/{segment}/chart", (TraderService t, string segment) =>
        {
            if (!Segments.TryParse(segment, out var s)) return Results.NotFound(ApiError.Body($"unknown segment '{segment}' (known: {Segments.Names})"));
            if (!t.Segments.Contains(s)) return Results.Conflict(ApiError.Body($"{s} is not in the session"));
            return Results.Ok(Chart(t, s));
        });
        api.MapGet("/session/equity", (TraderService t) => Results.Ok(Equity(t)));
        // The day's closed trades (the session's day unless asked), for the page's trades table.
        api.MapGet("/session/trades", (TraderService t, string? day) =>
        {
            var d = t.Day;
            if (day is { Length: > 0 } && !Ist.TryParseDay(day, out d)) return Results.BadRequest(ApiError.Fields(new Dictionary<string, string> { ["day"] = $"'{day}' is not a date like 2026-01-07" }));
            return Results.Ok(WithJournal(t, j => j.Trades(d), []).Select(x => BacktestJson.Trade(x, t.Mode.Label())));
        });
    }

    private static object Chart(TraderService t, Segment segment)
    {
        var readings = t.Readings(segment);
        var firstToday = readings.Count;
        for (var i = 0; i < readings.Count; i++)
        {
            if (Ist.DayOf(readings[i].Candle.Start) == t.Day) { firstToday = i; break; }
        }
        var shown = readings.Skip(Math.Max(0, firstToday - ContextCandles)).Select(Candle);
        var markers = WithJournal(t, j => j.Events(t.Day, segment, MarkerTypes), []).Select(Marker);
        return new { segment = segment.ToString(), timeframe = t.SessionSettings.Strategy.Timeframe, candles = shown, markers, position = Position(t, segment) };
    }

    /// <summary>The open position's index stop and trail, drawn as lines while it lasts; null when flat.</summary>
    private static object? Position(TraderService t, Segment segment)
    {
        var status = t.Statuses.FirstOrDefault(s => s.Segment == segment);
        if (status is null || status.Quantity == 0 || status.StopLoss is null) return null;
        return new { direction = status.Direction, quantity = status.Quantity, stopLoss = status.StopLoss, trailingStop = status.TrailingStop };
    }

    internal static object Candle(SignalReading r) => new
    {
        time = r.Candle.Start,
        open = r.Candle.Open,
        high = r.Candle.High,
        low = r.Candle.Low,
        close = r.Candle.Close,
        rsi = Round(r.Rsi),
        priceStrength = Round(r.PriceStrength),
        volumeStrength = Round(r.VolumeStrength),
        signal = r.Signal.ToCode(),
    };

    internal static object Marker(AgentEvent e) => new
    {
        time = e.Time,
        kind = MarkerKind(e),
        direction = e.OptionSymbol is { } symbol && symbol.EndsWith("PE", StringComparison.Ordinal) ? "PE" : "CE",
        spot = e.Spot,
        price = e.Price,
        tradeId = e.TradeId,
        text = e.Message,
    };

    /// <summary>An exit on the stop or the trail is drawn as a stop, so a trader sees at a glance which exits were stops.</summary>
    internal static string MarkerKind(AgentEvent e) => e.Type switch
    {
        AgentEventType.EntryTaken => "entry",
        AgentEventType.PyramidAdded => "add",
        _ when e.Message.StartsWith(ExitReason.StopLoss, StringComparison.Ordinal) || e.Message.StartsWith(ExitReason.TrailingStop, StringComparison.Ordinal) => "stop",
        _ => "exit",
    };

    /// <summary>Net P&amp;L of the day's closed trades, all segments, step by step; then now, with what is open.</summary>
    private static object Equity(TraderService t)
    {
        var trades = WithJournal(t, j => j.Trades(t.Day), []);
        var points = new List<object> { new { time = Ist.At(t.Day, MarketHours.Open), netPnl = 0m } };
        var net = 0m;
        foreach (var trade in trades.OrderBy(x => x.ExitTime))
        {
            net += trade.NetPnl;
            points.Add(new { time = trade.ExitTime, netPnl = net });
        }
        // The open P&L stands now, or at the close once the session's clock is past its day.
        var close = Ist.At(t.Day, MarketHours.Close);
        if (t.Running && t.Now is { } now)
            points.Add(new { time = now < close ? now : close, netPnl = net + t.Statuses.Sum(s => s.OpenPnl ?? 0m) });
        return new { initialCapital = t.SessionSettings.InitialCapital, points };
    }

    private static double? Round(double? value) => value is double v ? Math.Round(v, 2) : null;

    private static T WithJournal<T>(TraderService t, Func<SessionJournal, T> read, T none)
    {
        using var journal = SessionJournal.OpenExisting(t.Folder);
        return journal is null ? none : read(journal);
    }
}
