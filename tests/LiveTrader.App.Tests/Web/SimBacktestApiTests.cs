using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveTrader.App.Feeds;
using LiveTrader.Core.Market;
using LiveTrader.Engine.Backtest;

namespace LiveTrader.App.Tests.Web;

/// <summary>The Backtest API's sim source: a backtest with no candle file and no account.</summary>
public sealed class SimBacktestApiTests
{
    [Fact]
    public async Task A_backtest_on_the_simulators_history_runs_with_no_files_and_trades_as_the_engine_does_on_it()
    {
        await using var host = BacktestApiTests.Host();
        var refused = await host.Post("/api/backtest/start", new { segments = new[] { "NIFTY" }, source = "sim", from = "2026-11-02" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("last day", await refused.Content.ReadAsStringAsync());

        var start = await host.Post("/api/backtest/start", new { segments = new[] { "NIFTY" }, source = "sim", from = "2026-11-02", to = "2026-11-13" });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var id = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var run = await BacktestApiTests.WaitForEnd(host, id);
        Assert.True(run.GetProperty("state").GetString() == "done", run.ToString());

        var inputs = await SimulatedHistory.InputsAsync([Segment.NIFTY], host.Settings, Timeframe.FiveMinutes,
            new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 13), 1, CancellationToken.None);
        var expected = BacktestSession.Run(inputs[0], host.Settings);
        Assert.True(expected.Summary.Trades > 0, "two simulated weeks should trade");
        Assert.Equal(expected.Trades.Select(t => t.TradeId), run.GetProperty("trades").EnumerateArray().Select(t => t.GetProperty("tradeId").GetString()));
        Assert.Equal(expected.Summary.NetPnl, run.GetProperty("total").GetProperty("netPnl").GetDecimal());
    }
}
