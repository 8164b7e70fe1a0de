using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveTrader.App.Commands;

namespace LiveTrader.App.Tests.Web;

/// <summary>A trade's story for the pages' trade detail: the candles around it with its markers, its
/// own events, its stop path and its charges itemised, for a backtest trade and a paper trade.</summary>
public sealed class TradeStoryApiTests
{
    [Fact]
    public async Task A_backtest_trade_tells_its_candles_events_stop_path_and_charges_item_by_item()
    {
        await using var host = BacktestApiTests.Host();
        var start = await host.Post("/api/backtest/start", new { segments = new[] { "NIFTY" }, files = new { NIFTY = "NIFTY_5minute_2024-07-25_2025-07-25.csv" }, from = "2024-09-02", to = "2024-09-13" });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var id = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var run = await BacktestApiTests.WaitForEnd(host, id);
        var trades = run.GetProperty("trades").EnumerateArray().ToList();
        Assert.NotEmpty(trades);
        // The trade with the most to tell: pyramid adds, else the first.
        var trade = trades.OrderByDescending(t => t.GetProperty("pyramidAdds").GetInt32()).First();
        var tradeId = trade.GetProperty("tradeId").GetString()!;

        var story = await host.Client.GetFromJsonAsync<JsonElement>($"/api/backtest/{id}/trades/{tradeId}/story");

        Assert.Equal(tradeId, story.GetProperty("trade").GetProperty("tradeId").GetString());
        AssertStory(story, trade);
        var markers = story.GetProperty("markers").EnumerateArray().Select(m => m.GetProperty("kind").GetString()).ToList();
        Assert.Equal(trade.GetProperty("pyramidAdds").GetInt32(), markers.Count(k => k == "add"));

        var missing = await host.Client.GetAsync($"/api/backtest/{id}/trades/NIFTY-20240902-99/story");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("no trade 'NIFTY-20240902-99'", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_paper_trade_tells_its_story_from_the_journal_and_the_days_recording()
    {
        await using var host = BacktestApiTests.Host();
        var exit = await PaperCommand.RunAsync(new PaperCommand.PaperRequest(
            "sim", "NIFTY", [], "2026-01-07", 300, 1, "12:00", host.Settings.OutputFolder, null, TimeSpan.FromSeconds(10)), CancellationToken.None);
        Assert.Equal(0, exit);
        List<Core.Trading.TradeRecord> journalled;
        using (var journal = Engine.Journal.SessionJournal.Open(Path.Combine(host.Settings.OutputFolder, "journal.db")))
            journalled = [.. journal.Trades(new DateOnly(2026, 1, 7))];
        Assert.NotEmpty(journalled);
        var first = journalled[0];

        // The Live Trader page's trades table lists the day's trades, each opening its story.
        var listed = await host.Client.GetFromJsonAsync<JsonElement>("/api/session/trades?day=2026-01-07");
        Assert.Equal(journalled.Select(t => t.TradeId), listed.EnumerateArray().Select(t => t.GetProperty("tradeId").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.GetAsync("/api/session/trades?day=7-1-2026")).StatusCode);

        var story = await host.Client.GetFromJsonAsync<JsonElement>($"/api/trades/{first.TradeId}/story");

        var trade = story.GetProperty("trade");
        Assert.Equal("PAPER", trade.GetProperty("mode").GetString());
        Assert.Equal(first.NetPnl, trade.GetProperty("netPnl").GetDecimal());
        AssertStory(story, trade);

        var missing = await host.Client.GetAsync("/api/trades/NIFTY-20260107-99/story");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        // The Performance page's backtest side: the same day's backtest trade tells its story too.
        var report = await host.Client.GetFromJsonAsync<JsonElement>("/api/performance?from=2026-01-07&to=2026-01-07");
        var backtestId = report.GetProperty("pairs").EnumerateArray().First(p => p.GetProperty("backtest").ValueKind == JsonValueKind.Object)
            .GetProperty("backtest").GetProperty("tradeId").GetString();
        var told = await host.Client.GetFromJsonAsync<JsonElement>($"/api/performance/2026-01-07/trades/{backtestId}/story");
        Assert.Equal("BACKTEST", told.GetProperty("trade").GetProperty("mode").GetString());
        AssertStory(told, told.GetProperty("trade"));
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.GetAsync($"/api/performance/7-1-2026/trades/{backtestId}/story")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/api/performance/2026-01-07/trades/NIFTY-20260107-99/story")).StatusCode);
    }

    /// <summary>What every story holds, checked against the trade row it tells.</summary>
    private static void AssertStory(JsonElement story, JsonElement trade)
    {
        var tradeId = trade.GetProperty("tradeId").GetString();
        var entry = Time(trade.GetProperty("entryTime"));
        var exit = Time(trade.GetProperty("exitTime"));

        // The candles reach from before the entry to the candle the exit falls in.
        var candles = story.GetProperty("candles").EnumerateArray().Select(c => Time(c.GetProperty("time"))).ToList();
        Assert.True(candles.Count > 2, "the story shows no candles");
        Assert.True(candles[0] < entry, $"the first candle {candles[0]:O} is not before the entry {entry:O}");
        Assert.Contains(candles, c => c < exit && c.AddMinutes(5) >= exit);
        Assert.All(candles.Zip(candles.Skip(1)), p => Assert.True(p.First < p.Second));

        // Only this trade's events; its entry and its exit among them.
        var events = story.GetProperty("events").EnumerateArray().ToList();
        Assert.All(events, e => Assert.Equal(tradeId, e.GetProperty("tradeId").GetString()));
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "ENTRY");
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "EXIT");
        var kinds = story.GetProperty("markers").EnumerateArray().Select(m => m.GetProperty("kind").GetString()).ToList();
        Assert.Equal(1, kinds.Count(k => k == "entry"));
        Assert.Equal(1, kinds.Count(k => k is "exit" or "stop"));
        Assert.Equal(trade.GetProperty("exitReason").GetString() is "SL hit" or "Trailing SL", kinds.Contains("stop"));

        // The stop path starts at the initial SL and only ever tightens.
        var stops = story.GetProperty("stops").EnumerateArray().Select(s => s.GetProperty("level").GetDecimal()).ToList();
        Assert.Equal(trade.GetProperty("initialSlPrice").GetDecimal(), stops[0]);
        var isCall = trade.GetProperty("optionType").GetString() == "CE";
        Assert.All(stops.Zip(stops.Skip(1)), p => Assert.True(isCall ? p.Second > p.First : p.Second < p.First));

        // The charges item by item add up to the trade's charges.
        var c = story.GetProperty("charges");
        var items = new[] { "brokerage", "stt", "exchangeCharge", "ipft", "sebiFee", "stampDuty", "gst" }.Select(k => c.GetProperty(k).GetDecimal()).ToList();
        Assert.All(items, v => Assert.True(v >= 0));
        Assert.True(c.GetProperty("brokerage").GetDecimal() > 0, "a trade pays brokerage on its orders");
        Assert.Equal(trade.GetProperty("charges").GetDecimal(), items.Sum());
        Assert.Equal(items.Sum(), c.GetProperty("total").GetDecimal());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", c.GetProperty("ratesEffectiveFrom").GetString());
    }

    private static DateTimeOffset Time(JsonElement e) => DateTimeOffset.Parse(e.GetString()!, CultureInfo.InvariantCulture);
}
