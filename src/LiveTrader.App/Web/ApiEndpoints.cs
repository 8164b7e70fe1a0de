using System.Text.Json;
using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Journal;
using LiveTrader.Engine.Execution;
using LiveTrader.Engine.Session;

namespace LiveTrader.App.Web;

/// <summary>The JSON API under /api the page drives.</summary>
public static class ApiEndpoints
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/config", (TraderService t) => ConfigJson.From(t.Settings));
        api.MapGet("/session/status", (TraderService t) => Status(t));

        api.MapPost("/session/start", async (TraderService t, StartRequest? request, CancellationToken ct) =>
        {
            var plan = StartValidation.TryPlan(t.Settings, request ?? new StartRequest(), out var errors);
            if (plan is null) return Results.BadRequest(ApiError.Fields(errors));
            try
            {
                if (!await t.StartAsync(plan, ct)) return Results.Conflict(ApiError.Body("a session is already running; stop it first"));
            }
            catch (Exception e) when (LiveTrader.App.Feeds.LoginRequired.Is(e))
            {
                return LiveTrader.App.Feeds.LoginRequired.Answer(t.Account, e, "feed");
            }
            return Results.Ok(Status(t));
        });
        api.MapPost("/session/stop", async (TraderService t, StopRequest? request) =>
            await t.StopAsync(request?.CloseAll ?? false) ? Results.Ok(Status(t)) : NotRunning());
        api.MapPost("/session/kill-switch", (TraderService t) => t.KillSwitch() ? Results.Ok(Status(t)) : NotRunning());
        api.MapPost("/session/rearm", (TraderService t) => t.Rearm() ? Results.Ok(Status(t)) : NotRunning());
        api.MapPost("/session/pause", (TraderService t) => t.PauseAll() ? Results.Ok(Status(t)) : NotRunning());
        api.MapPost("/session/resume", (TraderService t) => t.ResumeAll() ? Results.Ok(Status(t)) : NotRunning());
        api.MapPost("/segments/{segment}/pause", (TraderService t, string segment) =>
            SegmentAction(t, segment, t.Pause));
        api.MapPost("/segments/{segment}/resume", (TraderService t, string segment) =>
            SegmentAction(t, segment, t.Resume));

        api.MapGet("/events", EventStream);
        api.MapGet("/orders", (TraderService t) => OrderBookJson.Get(t));
        ChartEndpoints.Map(api);

        api.MapGet("/downloads/trades.csv", (TraderService t) => Download(t, DailyLogs.TradesFile(t.Day), "text/csv"));
        api.MapGet("/downloads/events.csv", (TraderService t) => Download(t, DailyLogs.EventsFile(t.Day), "text/csv"));
        api.MapGet("/downloads/day.xlsx", (TraderService t) => Workbook(t));
    }

    public sealed record StopRequest(bool CloseAll);

    private static IResult NotRunning() => Results.Conflict(ApiError.Body("no session is running"));

    private static IResult SegmentAction(TraderService t, string name, Func<Segment, bool> action)
    {
        if (!Segments.TryParse(name, out var segment)) return Results.NotFound(ApiError.Body($"unknown segment '{name}' (known: {Segments.Names})"));
        return action(segment) ? Results.Ok(Status(t)) : Results.Conflict(ApiError.Body($"{segment} is not trading in a running session"));
    }

    private static object Status(TraderService t) => new
    {
        running = t.Running,
        ended = t.Ended,
        paused = t.Paused,
        mode = t.Mode.Label(),
        feed = t.Feed,
        feedKind = t.FeedKind,
        feedStatus = t.FeedStatus,
        account = t.Account.Status(),
        protection = t.Protection is { } p ? new { p.State, p.Reason, p.Realised, p.Open, p.Net, p.Peak, p.LossProtectionAt, p.ProfitLockAt, p.LockedLevel, p.ProfitLockArmed, p.TrailingStopAt } : null,
        day = t.Day.ToString("yyyy-MM-dd"),
        now = t.Now,
        segments = t.Statuses.Select(s => new
        {
            segment = s.Segment.ToString(),
            // A halted segment says so first: nothing it shows will trade until a person re-arms it.
            status = s.Trading == "HALTED" ? "HALTED" : s.Status.ToText(),
            trading = s.Trading,
            tradingReason = s.TradingReason,
            s.OptionSymbol, s.Strike, s.Expiry, s.Direction, s.Lots, s.Quantity, s.EntryPrice, s.StopLoss, s.TrailingStop,
            s.OpenPnl, s.TradesToday, s.WinsToday, s.NetPnlToday, s.Spot, s.AsOf, s.Fault,
            enabled = !s.Paused,
            winRate = s.TradesToday == 0 ? (decimal?)null : Math.Round(100m * s.WinsToday / s.TradesToday, 1),
        }),
    };

    /// <summary>Server-sent events: every committed agent event as one JSON <c>data:</c> line.</summary>
    private static async Task EventStream(HttpContext context, TraderService t, IHostApplicationLifetime lifetime)
    {
        // Ends when the page leaves or the server stops: an open page must not hold up Ctrl+C.
        using var stream = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var ct = stream.Token;
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        await context.Response.WriteAsync(": connected\n\n", ct);
        await context.Response.Body.FlushAsync(ct);
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        using var listener = t.Listen();
        try
        {
            await foreach (var e in listener.Reader.ReadAllAsync(ct))
            {
                await context.Response.WriteAsync($"event: agent\ndata: {JsonSerializer.Serialize(EventJson.From(e), json)}\n\n", ct);
                await context.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed the stream.
        }
    }

    private static IResult Download(TraderService t, string name, string type)
    {
        var path = Path.GetFullPath(Path.Combine(t.Folder, name));
        return File.Exists(path)
            ? Results.File(File.ReadAllBytes(path), type, name)
            : Results.NotFound(ApiError.Body($"no {name} yet: nothing has been logged for {t.Day:yyyy-MM-dd}"));
    }

    /// <summary>The day's workbook, written fresh from the journal so it includes everything up to now.</summary>
    private static IResult Workbook(TraderService t)
    {
        using var journal = SessionJournal.OpenExisting(t.Folder);
        if (journal is null || !journal.Days().Contains(t.Day))
            return Results.NotFound(ApiError.Body($"no workbook yet: nothing has been journalled for {t.Day:yyyy-MM-dd}"));
        var temp = Path.Combine(Path.GetTempPath(), "livetrader-xlsx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temp);
        try
        {
            var path = DayWorkbook.Write(journal, t.Day, temp, t.Settings.InitialCapital, t.Mode.Label());
            return Results.File(File.ReadAllBytes(path), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", DayWorkbook.FileName(t.Day));
        }
        finally
        {
            try { Directory.Delete(temp, recursive: true); } catch (IOException) { }
        }
    }
}
