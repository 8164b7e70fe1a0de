using LiveTrader.App.Feeds;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Reports;
using LiveTrader.Engine.Runs;

namespace LiveTrader.App.Web;

/// <summary>The Backtest page's API: the data sources, starting a run, its progress and results,
/// its files, and the paper-day comparison (<see cref="CompareEndpoint"/>).</summary>
public static class BacktestEndpoints
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/backtest");
        api.MapGet("/sources", (CandleFileCatalog catalog, KiteAccount account) => Sources(catalog, account));
        api.MapPost("/start", (LiveTraderSettings configured, CandleFileCatalog catalog, KiteAccount account, BacktestJobs jobs, BacktestRequest? request) =>
        {
            var plan = BacktestValidation.TryPlan(configured, request ?? new BacktestRequest(), catalog, account, out var errors);
            if (plan is null) return Results.BadRequest(ApiError.Fields(errors));
            var run = jobs.Start(plan);
            if (run is null)
            {
                plan.Kite?.Dispose();
                return Results.Json(ApiError.Body($"{BacktestJobs.MaxWaiting} backtests are already waiting their turn: start this one when one of them has finished"),
                    statusCode: StatusCodes.Status429TooManyRequests);
            }
            return Results.Accepted($"/api/backtest/{run.Id}", new { id = run.Id });
        });
        api.MapGet("/{id}", (BacktestJobs jobs, string id) =>
            jobs.Find(id) is { } run ? Results.Ok(BacktestJson.Run(run)) : Unknown(id));
        api.MapGet("/{id}/trades.csv", (BacktestJobs jobs, string id) => File(jobs, id, BacktestFiles.AllTrades, "text/csv", "trades.csv"));
        api.MapGet("/{id}/events.csv", (BacktestJobs jobs, string id) => File(jobs, id, BacktestFiles.AllEvents, "text/csv", "events.csv"));
        api.MapGet("/{id}/parameters.json", (BacktestJobs jobs, string id) => File(jobs, id, RunParameters.FileName, "application/json", "parameters.json"));
        api.MapGet("/{id}/workbook.xlsx", (BacktestJobs jobs, string id) => File(jobs, id, BacktestFiles.AllWorkbook, XlsxType, "workbook.xlsx"));
        CompareEndpoint.Map(app);
        PerformanceEndpoint.Map(app);
    }

    private static object Sources(CandleFileCatalog catalog, KiteAccount account) => new
    {
        folder = catalog.Folder,
        message = catalog.FolderExists ? null : $"there is no data folder at {catalog.Folder}: put candle CSVs there or set LiveTrader:DataFolder",
        files = catalog.List().Select(f => new
        {
            name = f.Name,
            segment = f.Segment?.ToString(),
            timeframe = f.Series?.Timeframe.ToString(),
            first = f.Series is { } s ? LiveTrader.Core.Market.Ist.DayOf(s.Candles[0].Start).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
            last = f.Series is { } l ? LiveTrader.Core.Market.Ist.DayOf(l.Candles[^1].Start).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
            candles = f.Series?.Candles.Count,
            error = f.Error,
            warnings = f.Series?.Warnings(f.Segment) ?? [],
        }),
        kite = new { available = KiteAvailable(account) },
    };

    private static bool KiteAvailable(KiteAccount account)
    {
        using var client = account.RestClient();
        return client is not null;
    }

    private static IResult Unknown(string id) => Results.NotFound(ApiError.Body($"no backtest '{id}' (only the last {BacktestJobs.Kept} runs are kept)"));

    /// <summary>A finished run's file, named for the run so several downloads do not collide.</summary>
    private static IResult File(BacktestJobs jobs, string id, string file, string type, string suffix)
    {
        var run = jobs.Find(id);
        if (run is null) return Unknown(id);
        if (run.State != BacktestRun.Done)
            return Results.NotFound(ApiError.Body(run.State == BacktestRun.Failed ? $"backtest {id} failed: {run.Error}" : $"backtest {id} is still running"));
        var path = Path.Combine(run.Folder, file);
        return System.IO.File.Exists(path)
            ? Results.File(System.IO.File.ReadAllBytes(path), type, $"backtest_{id}_{suffix}")
            : Results.NotFound(ApiError.Body($"backtest {id} has no {suffix} (its folder was removed)"));
    }
}
