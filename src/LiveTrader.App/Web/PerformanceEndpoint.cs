using System.Collections.Concurrent;
using System.Globalization;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Journal;
using LiveTrader.Engine.Performance;

namespace LiveTrader.App.Web;

/// <summary>GET /api/performance?from=DAY&amp;to=DAY: the engine's paper-against-backtest report
/// (<see cref="PerformanceReport"/>) over the output folder's journal, as JSON for the Performance
/// page; /api/performance/workbook the same period as <c>performance_&lt;from&gt;_&lt;to&gt;.xlsx</c>.
/// Both default to the journal's first and last day. The backtests are cached by day and parameters.</summary>
public static class PerformanceEndpoint
{
    private static readonly ConcurrentDictionary<string, BacktestCache> Caches = new();

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/performance", (string? from, string? to, LiveTraderSettings configured) =>
            Build(from, to, configured, out var report, out var error) is { } bad ? bad : Results.Ok(Json(report!)));
        app.MapGet("/api/performance/workbook", (string? from, string? to, LiveTraderSettings configured) =>
        {
            if (Build(from, to, configured, out var report, out _) is { } bad) return bad;
            var written = PerformanceFiles.Write(report!, configured.OutputFolder);
            return Results.File(written[0], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Path.GetFileName(written[0]));
        });
    }

    private static IResult? Build(string? fromText, string? toText, LiveTraderSettings settings, out PerformanceReport? report, out string? error)
    {
        report = null;
        error = null;
        var errors = new Dictionary<string, string>();
        DateOnly? from = null, to = null;
        if (fromText is { Length: > 0 }) { if (Ist.TryParseDay(fromText, out var f)) from = f; else errors["from"] = $"'{fromText}' is not a date like 2026-01-07"; }
        if (toText is { Length: > 0 }) { if (Ist.TryParseDay(toText, out var t)) to = t; else errors["to"] = $"'{toText}' is not a date like 2026-01-07"; }
        if (from is DateOnly a && to is DateOnly b && b < a) errors["to"] = $"{b:yyyy-MM-dd} is before the first day {a:yyyy-MM-dd}";
        if (errors.Count > 0) return Results.BadRequest(new { errors });
        IReadOnlyList<DateOnly> days;
        using (var journal = SessionJournal.OpenExisting(settings.OutputFolder)) days = journal?.Days() ?? [];
        if (days.Count == 0) return Results.NotFound(new { error = $"no paper session has run yet (nothing in {SessionJournal.PathIn(settings.OutputFolder)})" });
        var cache = Caches.GetOrAdd(Path.GetFullPath(settings.OutputFolder), f => new BacktestCache(f));
        try
        {
            report = PerformanceReport.Build(settings.OutputFolder, from ?? days[0], to ?? days[^1], settings, cache);
        }
        catch (Exception e) when (e is Engine.Data.InputFileException or IOException)
        {
            return Results.UnprocessableEntity(new { error = $"the recordings cannot be backtested: {e.Message}" });
        }
        return null;
    }

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static object Json(PerformanceReport r) => new
    {
        from = D(r.From),
        to = D(r.To),
        days = r.Days.Select(D),
        note = r.Note,
        leftOut = r.LeftOut,
        scopes = r.Scopes.Select(s => new
        {
            scope = s.Scope, paper = s.Paper, backtest = s.Backtest, agreed = s.Agreed, pairs = s.Pairs, agreementPct = s.AgreementPct,
            paperEquity = s.PaperEquity, backtestEquity = s.BacktestEquity,
        }),
        dayRows = r.DayRows.Select(d => new
        {
            day = D(d.Day), d.Scope, d.PaperTrades, d.PaperNet, d.BacktestTrades, d.BacktestNet, d.Difference, d.Agreed, d.Pairs, d.AgreementPct, d.MainCause,
        }),
        pairs = r.Pairs.Select(p => new
        {
            day = D(p.Day), segment = p.Segment.ToString(), entryCandle = p.EntryCandleClose, direction = p.Direction.ToString(), p.Agreed,
            paper = p.Paper is { } a ? new { a.TradeId, a.EntryPrice, a.ExitPrice, a.ExitReason, a.NetPnl } : null,
            backtest = p.Backtest is { } b ? new { b.TradeId, b.EntryPrice, b.ExitPrice, b.ExitReason, b.NetPnl } : null,
            difference = p.NetDifference, mainCause = p.MainCause, differences = p.Differences,
        }),
        causes = r.Causes,
    };
}
