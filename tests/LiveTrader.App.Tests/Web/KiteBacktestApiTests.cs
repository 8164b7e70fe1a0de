using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using LiveTrader.App.Feeds;
using LiveTrader.Core.Market;
using LiveTrader.Engine.Backtest;
using LiveTrader.Kite.Auth;
using LiveTrader.Kite.Rest;
using LiveTrader.Sim;

namespace LiveTrader.App.Tests.Web;

/// <summary>The Backtest page's Kite source, once logged in: the index's history from Kite's
/// historical API, warm-up included, through the same agent as a file backtest.</summary>
public sealed class KiteBacktestApiTests
{
    [Fact]
    public async Task Logged_in_a_backtest_runs_on_kite_history_and_trades_as_the_engine_does_on_those_candles()
    {
        await using var sim = await SimServer.StartAsync(new SimOptions { Port = 0, Speed = 1, Date = new DateOnly(2026, 1, 9) });
        using var temp = new TempFolder();
        await using var host = BacktestApiTests.Host(change: s => SimKiteAccount.PointAt(s, sim, temp));
        var sources = await host.Client.GetFromJsonAsync<JsonElement>("/api/backtest/sources");
        Assert.False(sources.GetProperty("kite").GetProperty("available").GetBoolean());

        await SimKiteAccount.LogInAsync(host, sim);
        sources = await host.Client.GetFromJsonAsync<JsonElement>("/api/backtest/sources");
        Assert.True(sources.GetProperty("kite").GetProperty("available").GetBoolean());

        var start = await host.Post("/api/backtest/start", new { segments = new[] { "NIFTY" }, source = "kite", from = "2026-01-05", to = "2026-01-08" });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var id = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var run = await BacktestApiTests.WaitForEnd(host, id);
        Assert.True(run.GetProperty("state").GetString() == "done", run.ToString());

        // The same history fetched directly, through the same engine, gives the same trades.
        using var kite = new KiteRestClient(KiteCredentialStore.Resolve(new KiteCredentialOptions { TokenFile = host.Settings.Kite.TokenFile })!,
            new KiteRestOptions { BaseUri = sim.BaseUri });
        var candles = await LiveTrader.Engine.Feeds.KiteCandles.FetchAsync(kite, host.Settings.Segments["NIFTY"].IndexToken, Timeframe.FiveMinutes,
            Ist.At(new DateOnly(2025, 12, 26), MarketHours.Open), Ist.At(new DateOnly(2026, 1, 8), MarketHours.Close), CancellationToken.None);
        var segment = Assert.Single(run.GetProperty("segments").EnumerateArray());
        Assert.True(segment.GetProperty("candles").GetInt32() > 0);
        var trades = run.GetProperty("trades").EnumerateArray().ToList();
        Assert.All(trades, t => Assert.InRange(DateOnly.FromDateTime(t.GetProperty("entryTime").GetDateTimeOffset().ToOffset(Ist.Offset).DateTime),
            new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 8)));
        var expected = BacktestSession.Run(new BacktestInput(Segment.NIFTY, candles.Where(c => MarketHours.Contains(c.Start)).ToList(), null,
            new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 8)), host.Settings);
        Assert.True(expected.Summary.Trades > 0, "four simulated days should trade");
        Assert.Equal(expected.Summary.Trades, run.GetProperty("total").GetProperty("trades").GetInt32());
        Assert.Equal(expected.Trades.Select(t => t.TradeId), trades.Select(t => t.GetProperty("tradeId").GetString()));
        Assert.Equal(expected.Summary.NetPnl, run.GetProperty("total").GetProperty("netPnl").GetDecimal());
    }
}
