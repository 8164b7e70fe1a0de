using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveTrader.App.Commands;
using LiveTrader.Engine.Runs;

namespace LiveTrader.App.Tests.Web;

/// <summary>A backtest run from the page records its parameters.json like the command does, and the
/// command runs that file again to the page's trades.</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class BacktestParametersApiTests
{
    [Fact]
    public async Task The_pages_backtest_writes_parameters_json_that_the_command_runs_again_to_the_same_trades()
    {
        await using var host = BacktestApiTests.Host();
        var start = await host.Post("/api/backtest/start", new
        {
            segments = new[] { "NIFTY" }, files = new { NIFTY = "NIFTY_5minute_2024-07-25_2025-07-25.csv" }, from = "2024-09-02", to = "2024-09-13",
            rsiPeriod = 12, overrides = new { NIFTY = new { stopLossPoints = 35 } },
        });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var id = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var run = await BacktestApiTests.WaitForEnd(host, id);
        Assert.True(run.GetProperty("state").GetString() == "done", run.ToString());

        using var dir = new TempDir();
        var file = dir.File("parameters.json");
        File.WriteAllBytes(file, await host.Client.GetByteArrayAsync($"/api/backtest/{id}/parameters.json"));
        var recorded = RunParameters.Read(file);
        Assert.Equal(run.GetProperty("parametersHash").GetString(), recorded.Hash);
        Assert.Equal(35, recorded.ToSettings(file).Segments["NIFTY"].StopLossPoints);
        Assert.Equal(12, recorded.ToSettings(file).Strategy.RsiPeriod);

        var again = dir.File("again");
        var (exit, _, err) = ConsoleCapture.Run(() => CliErrors.Run(() => BacktestCommand.Run(
            new BacktestCommand.BacktestRequest([], [], null, [], null, null, null, again) { Parameters = file })));
        Assert.True(exit == 0, err);
        var pageTrades = Path.Combine(host.Settings.OutputFolder, "backtests", id, "backtest_trades_NIFTY.csv");
        Assert.True(File.ReadAllLines(pageTrades).Length > 1, "the two weeks should trade");
        Assert.Equal(File.ReadAllBytes(pageTrades), File.ReadAllBytes(Path.Combine(again, "backtest_trades_NIFTY.csv")));
        // The command's record of the same run is the same record: one hash wherever it ran.
        Assert.Equal(recorded.Hash, RunParameters.Read(Path.Combine(again, RunParameters.FileName)).Hash);
    }
}
