using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LiveTrader.App.Tests.Web;

/// <summary>The charts' data: candles with the RSI pane and trade markers per segment, and the day's equity.</summary>
public sealed class ChartApiTests
{
    [Fact]
    public async Task A_running_segment_charts_its_candles_lines_and_trades_and_the_equity_follows_the_journal()
    {
        await using var host = new WebTestHost();
        var start = await host.Post("/api/session/start", new { segments = new[] { "NIFTY" }, speed = 900, date = "2026-01-07", priceStrengthLength = 3, volumeStrengthLength = 6 });
        Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());

        // Wait for the first completed trade: its entry and exit must appear as markers.
        JsonElement chart = default;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            chart = await host.Client.GetFromJsonAsync<JsonElement>("/api/segments/NIFTY/chart");
            if (chart.GetProperty("markers").EnumerateArray().Any(m => m.GetProperty("kind").GetString() is "exit" or "stop")) break;
            await Task.Delay(250);
        }
        await host.Post("/api/session/stop", new { closeAll = true });

        Assert.Equal("5minute", chart.GetProperty("timeframe").GetString());
        var candles = chart.GetProperty("candles").EnumerateArray().ToList();
        var today = candles.Where(c => c.GetProperty("time").GetString()!.StartsWith("2026-01-07T", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(today);
        Assert.All(candles, c => Assert.EndsWith("+05:30", c.GetProperty("time").GetString()));
        // A full day's warm-up is behind the session, so every line of today's candles has a value.
        Assert.All(today, c =>
        {
            Assert.Equal(JsonValueKind.Number, c.GetProperty("rsi").ValueKind);
            Assert.Equal(JsonValueKind.Number, c.GetProperty("priceStrength").ValueKind);
            Assert.Equal(JsonValueKind.Number, c.GetProperty("volumeStrength").ValueKind);
            Assert.InRange(c.GetProperty("rsi").GetDouble(), 0, 100);
            Assert.True(c.GetProperty("low").GetDecimal() <= c.GetProperty("high").GetDecimal());
        });
        Assert.True(candles.Count - today.Count <= LiveTrader.App.Web.ChartEndpoints.ContextCandles);

        var markers = chart.GetProperty("markers").EnumerateArray().ToList();
        var entry = markers.First(m => m.GetProperty("kind").GetString() == "entry");
        var exit = markers.First(m => m.GetProperty("kind").GetString() is "exit" or "stop" && m.GetProperty("tradeId").GetString() == entry.GetProperty("tradeId").GetString());
        // An exit on the stop or the trail is drawn as a stop, any other as an exit.
        var onStop = exit.GetProperty("text").GetString()!.StartsWith("SL hit", StringComparison.Ordinal) || exit.GetProperty("text").GetString()!.StartsWith("Trailing SL", StringComparison.Ordinal);
        Assert.Equal(onStop ? "stop" : "exit", exit.GetProperty("kind").GetString());
        Assert.Contains(entry.GetProperty("direction").GetString(), new[] { "CE", "PE" });
        Assert.True(entry.GetProperty("spot").GetDecimal() > 0);

        var equity = await host.Client.GetFromJsonAsync<JsonElement>("/api/session/equity");
        var points = equity.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal("2026-01-07T09:15:00+05:30", points[0].GetProperty("time").GetString());
        Assert.Equal(0m, points[0].GetProperty("netPnl").GetDecimal());
        var trades = await host.Client.GetStringAsync("/api/downloads/trades.csv");
        var rows = trades.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(rows.Count + 1, points.Count); // the session stopped: no open-P&L point
        var header = trades.Split('\n')[0].Split(',');
        var netColumn = Array.IndexOf(header, "net_pnl");
        var total = rows.Sum(r => decimal.Parse(r.Split(',')[netColumn], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(total, points[^1].GetProperty("netPnl").GetDecimal());
        Assert.Equal(500_000m, equity.GetProperty("initialCapital").GetDecimal());
    }

    [Fact]
    public async Task A_segment_outside_the_session_or_unknown_has_no_chart()
    {
        await using var host = new WebTestHost();
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/api/segments/GOLD/chart")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await host.Client.GetAsync("/api/segments/NIFTY/chart")).StatusCode);
        var equity = await host.Client.GetFromJsonAsync<JsonElement>("/api/session/equity");
        Assert.Single(equity.GetProperty("points").EnumerateArray());
    }
}
