using System.Globalization;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Journal;
using LiveTrader.Engine.Reports;
using LiveTrader.Engine.Session;

namespace LiveTrader.App.Web;

/// <summary>GET /api/compare?day=YYYY-MM-DD: a paper day beside its candle backtest (<see cref="PaperDayComparison"/>).</summary>
public static class CompareEndpoint
{
    public static void Map(WebApplication app) =>
        app.MapGet("/api/compare", (string? day, LiveTraderSettings configured, TraderService trader) =>
        {
            if (!Ist.TryParseDay(day, out var d))
                return Results.BadRequest(ApiError.Fields(new Dictionary<string, string> { ["day"] = day is null ? "give the paper day, e.g. day=2026-01-07" : $"'{day}' is not a date like 2026-01-07" }));
            // Only a session this server ran that day is known with its overrides.
            var session = trader.Day == d && trader.FeedKind != "none" ? trader.SessionSettings : null;
            PaperDayComparison? c;
            try
            {
                c = PaperDayComparison.Of(d, configured.OutputFolder, configured, session);
            }
            // The journal's own refusal names it as it is (ApiError.Guard); these are the recordings'.
            catch (Exception e) when (e is Engine.Data.InputFileException { File: var file } && file != SessionJournal.PathIn(configured.OutputFolder) || e is IOException)
            {
                // A recording cut short by a killed process, or one still being written: say which and why.
                return Results.UnprocessableEntity(ApiError.Body($"the {d:yyyy-MM-dd} session's recordings cannot be compared: {e.Message}"));
            }
            if (c is null) return Results.NotFound(ApiError.Body($"no paper session ran on {d:yyyy-MM-dd} (nothing in {SessionJournal.PathIn(configured.OutputFolder)})"));
            return Results.Ok(new
            {
                day = c.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                paper = new
                {
                    summary = BacktestJson.Summary(c.PaperSummary),
                    trades = c.PaperTrades.Select(t => BacktestJson.Trade(t, PaperSession.PaperMode)),
                },
                backtest = new
                {
                    summary = BacktestJson.Summary(c.Backtest.Summary),
                    trades = c.Backtest.Trades.Select(t => BacktestJson.Trade(t, BacktestFiles.Mode)),
                    candles = c.Candles.Select(s => new
                    {
                        segment = s.Segment.ToString(),
                        timeframe = s.Timeframe,
                        warmUp = s.WarmUp,
                        day = s.Day,
                        first = s.First,
                        last = s.Last,
                    }),
                },
                settings = c.SessionSettings ? "session" : "configured",
                note = c.Note,
            });
        });
}
