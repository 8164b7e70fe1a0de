using LiveTrader.App.Commands;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Runs;

namespace LiveTrader.App.Web;

/// <summary>The Sweep page's API under /api/sweeps: start a sweep, read its progress and rows, download
/// its results, and open one row as a backtest (run on the Backtest page's jobs, so the trader sees its trades).</summary>
public static class SweepEndpoints
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/sweeps");
        api.MapPost("", (LiveTraderSettings configured, CandleFileCatalog catalog, SweepJobs jobs, SweepRequest? request) =>
        {
            var plan = SweepValidation.TryPlan(configured, request ?? new SweepRequest(), catalog, out var errors);
            if (plan is null) return Results.BadRequest(ApiError.Fields(errors));
            var run = jobs.Start(plan);
            if (run is null)
                return Results.Json(ApiError.Body($"{SweepJobs.MaxWaiting} sweeps are already waiting their turn: start this one when one of them has finished"),
                    statusCode: StatusCodes.Status429TooManyRequests);
            return Results.Accepted($"/api/sweeps/{run.Id}", new { id = run.Id, sets = plan.Points.Count });
        });
        api.MapGet("/{id}", (SweepJobs jobs, string id) => jobs.Find(id) is { } run ? Results.Ok(SweepJson.Run(run)) : Unknown(id));
        api.MapGet("/{id}/results.csv", (SweepJobs jobs, string id) =>
        {
            if (Finished(jobs, id, out var run) is { } refusal) return refusal;
            var path = Path.Combine(run!.Folder, SweepCommand.ResultsFile);
            return File.Exists(path) ? Results.File(File.ReadAllBytes(path), "text/csv", $"sweep_{id}_results.csv")
                : Results.NotFound(ApiError.Body($"sweep {id} has no results file (its folder was removed)"));
        });
        api.MapGet("/{id}/rows/{hash}/parameters.json", (SweepJobs jobs, string id, string hash) =>
        {
            if (Finished(jobs, id, out var run) is { } refusal) return refusal;
            if (Index(run!, hash) < 0) return UnknownRow(id, hash);
            using var store = new SweepStore(run!.Folder);
            var text = store.ParametersOf(hash);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(text), "application/json", $"sweep_{id}_{hash}_parameters.json");
        });
        api.MapPost("/{id}/rows/{hash}/backtest", (SweepJobs sweeps, BacktestJobs backtests, string id, string hash) =>
        {
            if (Finished(sweeps, id, out var run) is { } refusal) return refusal;
            var i = Index(run!, hash);
            if (i < 0) return UnknownRow(id, hash);
            var started = backtests.Start(BacktestOf(run!.Plan, i));
            if (started is null)
                return Results.Json(ApiError.Body($"{BacktestJobs.MaxWaiting} backtests are already waiting their turn: open this row when one of them has finished"),
                    statusCode: StatusCodes.Status429TooManyRequests);
            return Results.Accepted($"/api/backtest/{started.Id}", new { id = started.Id, page = $"backtest?run={started.Id}" });
        });
    }

    /// <summary>Set <paramref name="i"/> alone as the Backtest page's run: its settings, the sweep's candles and days.</summary>
    public static BacktestValidation.Plan BacktestOf(SweepPlan plan, int i)
    {
        var settings = plan.Settings[i];
        var timeframe = settings.Strategy.ParsedTimeframe();
        var inputs = plan.Source == BacktestSources.Files
            ? plan.Sources.Select(s => BacktestInputs.FromSeries(s.Segment, s.Series, null, timeframe, plan.From, plan.To)).ToList()
            : null;
        return new BacktestValidation.Plan(settings, plan.Segments, plan.Source, timeframe, plan.From, plan.To, inputs, null)
        {
            CandleFiles = plan.Sources.Where(s => s.File is not null).Select(s => s.File!).ToList(),
        };
    }

    private static int Index(SweepRun run, string hash)
    {
        for (var i = 0; i < run.Plan.Points.Count; i++)
            if (run.Plan.Points[i].Hash == hash) return i;
        return -1;
    }

    private static IResult? Finished(SweepJobs jobs, string id, out SweepRun? run)
    {
        run = jobs.Find(id);
        if (run is null) return Unknown(id);
        if (run.State == BacktestRun.Done) return null;
        return Results.Conflict(ApiError.Body(run.State == BacktestRun.Failed ? $"sweep {id} failed: {run.Error}" : $"sweep {id} is still running"));
    }

    private static IResult Unknown(string id) => Results.NotFound(ApiError.Body($"no sweep '{id}' (only the last {SweepJobs.Kept} are kept)"));

    private static IResult UnknownRow(string id, string hash) => Results.NotFound(ApiError.Body($"sweep {id} has no parameter set '{hash}'"));
}
