using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveTrader.Core.Market;
using LiveTrader.Engine.Journal;
using LiveTrader.Engine.Session;

namespace LiveTrader.App.Tests.Web;

/// <summary>GET /api/compare: a paper day from the page's own session beside its candle backtest.</summary>
public sealed class PaperComparisonApiTests
{
    private static readonly DateOnly Day = new(2026, 1, 7);

    [Fact]
    public async Task A_paper_day_is_compared_with_a_backtest_on_the_candles_that_session_saw()
    {
        await using var host = BacktestApiTests.Host();
        var start = await host.Post("/api/session/start", new { segments = new[] { "NIFTY" }, speed = 900, date = "2026-01-07" });
        Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
        // Let the simulated day run to the close, where the session stops itself: every paper trade
        // of the day is closed by then (a stop by hand near 15:30 would race that).
        using (var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
        {
            while (true)
            {
                var status = await host.Client.GetFromJsonAsync<JsonElement>("/api/session/status", deadline.Token);
                if (!status.GetProperty("running").GetBoolean())
                {
                    Assert.Contains("market closed", status.GetProperty("ended").GetString());
                    break;
                }
                await Task.Delay(100, deadline.Token);
            }
        }

        var response = await host.Client.GetAsync("/api/compare?day=2026-01-07");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var compare = JsonDocument.Parse(text).RootElement;
        Assert.Equal("2026-01-07", compare.GetProperty("day").GetString());
        Assert.Equal("session", compare.GetProperty("settings").GetString());
        Assert.Contains("MODELLED", compare.GetProperty("note").GetString());
        Assert.Contains("quotes", compare.GetProperty("note").GetString());

        // The paper side is the journal's day.
        List<Core.Trading.TradeRecord> journalled;
        using (var journal = SessionJournal.Open(Path.Combine(host.Settings.OutputFolder, "journal.db")))
            journalled = [.. journal.Trades(Day)];
        var paper = compare.GetProperty("paper");
        var paperTrades = paper.GetProperty("trades").EnumerateArray().ToList();
        Assert.NotEmpty(paperTrades); // the simulated day (seed 1) trades, so the comparison has rows on both sides
        Assert.Equal(journalled.Select(t => t.TradeId), paperTrades.Select(t => t.GetProperty("tradeId").GetString()));
        Assert.Equal(journalled.Select(t => t.NetPnl), paperTrades.Select(t => t.GetProperty("netPnl").GetDecimal()));
        Assert.All(paperTrades, t => Assert.Equal("PAPER", t.GetProperty("mode").GetString()));
        Assert.Equal(journalled.Sum(t => t.NetPnl), paper.GetProperty("summary").GetProperty("netPnl").GetDecimal());
        Assert.Equal(journalled.Count, paper.GetProperty("summary").GetProperty("trades").GetInt32());

        // The backtest side ran over exactly the candles the session recorded for the day.
        var recording = Path.Combine(host.Settings.OutputFolder, "recordings", SessionRecorder.FileName(Segment.NIFTY, Day));
        var seen = SessionRecorder.Read(recording)
            .Select(l => l.Input switch { CandleClosedInput c => c.Candle, WarmUpCandleInput w => w.Candle, _ => (Candle?)null })
            .OfType<Candle>().Select(c => c.Start).Distinct().Order().ToList();
        var recorded = seen.Where(s => Ist.DayOf(s) == Day).ToList();
        Assert.True(recorded.Count > 60, $"the session should have closed most of the day's candles, got {recorded.Count}");
        var candles = Assert.Single(compare.GetProperty("backtest").GetProperty("candles").EnumerateArray());
        Assert.Equal("NIFTY", candles.GetProperty("segment").GetString());
        Assert.Equal("5minute", candles.GetProperty("timeframe").GetString());
        Assert.Equal(recorded.Count, candles.GetProperty("day").GetInt32());
        Assert.Equal(seen.Count(s => Ist.DayOf(s) < Day), candles.GetProperty("warmUp").GetInt32());
        Assert.True(candles.GetProperty("warmUp").GetInt32() > 0, "the session warmed up on earlier days' candles");
        Assert.Equal(recorded[0], candles.GetProperty("first").GetDateTimeOffset());
        Assert.Equal(recorded[^1], candles.GetProperty("last").GetDateTimeOffset());
        var backtest = compare.GetProperty("backtest");
        var backtestTrades = backtest.GetProperty("trades").EnumerateArray().ToList();
        Assert.NotEmpty(backtestTrades);
        Assert.Equal(backtestTrades.Count, backtest.GetProperty("summary").GetProperty("trades").GetInt32());
        Assert.All(backtestTrades, t =>
        {
            Assert.Equal("BACKTEST", t.GetProperty("mode").GetString());
            Assert.Equal(Day, Ist.DayOf(t.GetProperty("entryTime").GetDateTimeOffset()));
        });
        Assert.Equal(backtestTrades.Sum(t => t.GetProperty("netPnl").GetDecimal()), backtest.GetProperty("summary").GetProperty("netPnl").GetDecimal());

        // A recording cut off mid-line (a killed process) is compared without the step the journal never committed;
        // garbage in the middle of it is refused naming the file and line, not answered with a bare 500.
        File.AppendAllText(recording, "{\"Input\":{\"$type\":\"Ind");
        var cut = await host.Client.GetAsync("/api/compare?day=2026-01-07");
        Assert.Equal(HttpStatusCode.OK, cut.StatusCode);
        Assert.Equal(backtestTrades.Count, (await cut.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("backtest").GetProperty("trades").GetArrayLength());
        var lines = File.ReadAllLines(recording).Length;
        File.AppendAllText(recording, "\n" + File.ReadLines(recording).Skip(1).First() + "\n");
        var garbled = await host.Client.GetAsync("/api/compare?day=2026-01-07");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, garbled.StatusCode);
        Assert.Contains($"recordings cannot be compared: {recording}:{lines}: not a recording line", await garbled.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_bad_day_is_400_and_a_day_without_a_paper_session_is_404()
    {
        await using var host = BacktestApiTests.Host();
        foreach (var query in new[] { "", "?day=2026-13-01", "?day=07-01-2026" })
        {
            var bad = await host.Client.GetAsync("/api/compare" + query);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("day", out _));
        }
        var none = await host.Client.GetAsync("/api/compare?day=2026-01-07");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Contains("no paper session", (await none.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }
}
