using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Reports;
using LiveTrader.Engine.Session;

namespace LiveTrader.App.Web;

/// <summary>A trade's story (<see cref="TradeStory"/>) for the pages' trade detail:
/// <c>GET /api/backtest/{id}/trades/{tradeId}/story</c> for a trade of a page backtest,
/// <c>GET /api/trades/{tradeId}/story</c> for a paper (or live) trade in the session folder's journal,
/// <c>GET /api/performance/{day}/trades/{tradeId}/story</c> for the backtest side of a paper day's comparison.</summary>
public static class TradeStoryEndpoint
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/backtest/{id}/trades/{tradeId}/story", (BacktestJobs jobs, string id, string tradeId) =>
        {
            if (jobs.Find(id) is not { } run) return Results.NotFound(ApiError.Body($"no backtest '{id}' (only the last {BacktestJobs.Kept} runs are kept)"));
            if (run.State != BacktestRun.Done || run.All is null || run.Settings is null) return Results.Conflict(ApiError.Body($"backtest '{id}' is {run.State}: its trades are not known yet"));
            if (run.All.Trades.FirstOrDefault(t => t.TradeId == tradeId) is not { } trade) return Results.NotFound(ApiError.Body($"backtest '{id}' has no trade '{tradeId}'"));
            var candles = run.Inputs.First(i => i.Segment == trade.Segment).Candles;
            var events = run.Results.First(r => r.Segment == trade.Segment).Events;
            var story = TradeStory.Tell(trade, candles, run.Settings.Strategy.ParsedTimeframe(), events, run.Settings);
            return Results.Ok(Json(story, BacktestFiles.Mode));
        });
        app.MapGet("/api/performance/{day}/trades/{tradeId}/story", (LiveTraderSettings configured, string day, string tradeId) =>
        {
            if (!Ist.TryParseDay(day, out var d)) return Results.BadRequest(ApiError.Body($"'{day}' is not a date like 2026-01-07", "day"));
            return TradeStory.OfPaperDayBacktest(configured.OutputFolder, d, tradeId, configured) is { } story
                ? Results.Ok(Json(story, BacktestFiles.Mode))
                : Results.NotFound(ApiError.Body($"the backtest of {d:yyyy-MM-dd}'s recorded candles has no trade '{tradeId}'"));
        });
        app.MapGet("/api/trades/{tradeId}/story", (LiveTraderSettings configured, string tradeId) =>
            TradeStory.OfSession(configured.OutputFolder, tradeId, configured) is { } story
                ? Results.Ok(Json(story, PaperSession.PaperMode))
                : Results.NotFound(ApiError.Body($"the session journal in {configured.OutputFolder} has no trade '{tradeId}'")));
    }

    private static object Json(TradeStory s, string mode) => new
    {
        trade = BacktestJson.Trade(s.Trade, mode),
        segment = s.Trade.Segment.ToString(),
        timeframe = s.Timeframe,
        candles = s.Candles.Select(ChartEndpoints.Candle),
        markers = s.Events.Where(e => ChartEndpoints.MarkerTypes.Contains(e.Type)).Select(ChartEndpoints.Marker),
        stops = s.Stops.Select(x => new { time = Ist.From(x.Time), level = x.Level, trailing = x.Trailing }),
        events = s.Events.Select(EventJson.From),
        charges = new
        {
            brokerage = s.Charges.Brokerage,
            stt = s.Charges.Stt,
            exchangeCharge = s.Charges.ExchangeCharge,
            ipft = s.Charges.Ipft,
            sebiFee = s.Charges.SebiFee,
            stampDuty = s.Charges.StampDuty,
            gst = s.Charges.Gst,
            total = s.Charges.Total,
            ratesEffectiveFrom = s.Charges.RatesEffectiveFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        },
    };
}
