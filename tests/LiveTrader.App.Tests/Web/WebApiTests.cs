using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveTrader.App.Web;

namespace LiveTrader.App.Tests.Web;

/// <summary>The Live Trader API on the test server: config, validation, start/status/events/stop.</summary>
public sealed class WebApiTests
{
    [Fact]
    public async Task Config_shows_the_defaults_per_segment_and_strategy_and_no_secret()
    {
        await using var host = new WebTestHost(s =>
        {
            s.Web.AccessToken = "sekrit-token";
            s.Kite.CredentialsFile = "/home/trader/kite-secret.json";
        });
        host.Client.DefaultRequestHeaders.Add(WebSecurity.TokenHeader, "sekrit-token");
        var text = await host.Client.GetStringAsync("/api/config");
        using var json = JsonDocument.Parse(text);
        var nifty = json.RootElement.GetProperty("segments").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "NIFTY");
        Assert.Equal(50m, nifty.GetProperty("stopLossPoints").GetDecimal());
        Assert.Equal("5minute", json.RootElement.GetProperty("strategy").GetProperty("timeframe").GetString());
        Assert.Equal(9, json.RootElement.GetProperty("strategy").GetProperty("rsiPeriod").GetInt32());
        Assert.DoesNotContain("sekrit-token", text);
        Assert.DoesNotContain("kite-secret", text);
    }

    [Fact]
    public async Task A_bad_value_is_refused_naming_the_field_and_nothing_starts()
    {
        await using var host = new WebTestHost();
        var response = await host.Post("/api/session/start", new
        {
            segments = new[] { "NIFTY" },
            speed = 900,
            overrides = new Dictionary<string, object> { ["NIFTY"] = new { stopLossPoints = -5 } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = json.RootElement.GetProperty("errors");
        Assert.Contains("must be positive", errors.GetProperty("LiveTrader:Segments:NIFTY:StopLossPoints").GetString());

        foreach (var (body, field) in new (object, string)[]
        {
            (new { segments = new[] { "NIFTY" }, speed = -1 }, "speed"),
            (new { segments = new[] { "NIFTY" }, date = "2026-13-40" }, "date"),
            (new { segments = new[] { "GOLD" } }, "segments"),
            (new { segments = new[] { "NIFTY" }, timeframe = "7minute" }, "LiveTrader:Strategy:Timeframe"),
            (new { segments = new[] { "NIFTY" }, priceStrengthLength = 0 }, "LiveTrader:Strategy:PriceStrength:Length"),
            (new { segments = new[] { "NIFTY" }, volumeStrengthLength = -2 }, "LiveTrader:Strategy:VolumeStrength:Length"),
            (new { segments = new[] { "NIFTY" }, dailyLossLimit = -100 }, "LiveTrader:Risk:DailyLossLimit"),
            (new { segments = new[] { "NIFTY" }, mode = "Live" }, "mode"),
            (new { segments = new[] { "NIFTY" }, mode = "Casino" }, "mode"),
            (new { segments = new[] { "NIFTY" }, feed = "yahoo" }, "feed"),
            (new { segments = new[] { "NIFTY" }, overrides = new Dictionary<string, object> { ["NIFTY"] = new { itmOffsetPoints = 75 } } }, "LiveTrader:Segments:NIFTY:ItmOffsetPoints"),
            (new { segments = new[] { "NIFTY" }, overrides = new Dictionary<string, object> { ["NIFTY"] = new { tradingWindowStart = "9am" } } }, "LiveTrader:Segments:NIFTY:TradingWindowStart"),
            (new { segments = new[] { "NIFTY" }, overrides = new Dictionary<string, object> { ["SENSEX"] = new { maxQuantity = 5 } } }, "LiveTrader:Segments:SENSEX:MaxQuantity"),
        })
        {
            var bad = await host.Post("/api/session/start", body);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            using var badJson = JsonDocument.Parse(await bad.Content.ReadAsStringAsync());
            Assert.True(badJson.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {badJson.RootElement}");
        }

        var status = await host.Client.GetFromJsonAsync<JsonElement>("/api/session/status");
        Assert.False(status.GetProperty("running").GetBoolean());
        Assert.Empty(status.GetProperty("segments").EnumerateArray());
        // The configured default is untouched by the refused override.
        Assert.Equal(50m, host.Settings.Segments["NIFTY"].StopLossPoints);
    }

    [Fact]
    public async Task A_session_starts_shows_its_segments_streams_its_events_and_stops()
    {
        await using var host = new WebTestHost();
        var start = await host.Post("/api/session/start", new { segments = new[] { "NIFTY", "BANKNIFTY" }, speed = 900, date = "2026-01-07" });
        Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());

        var status = await host.Client.GetFromJsonAsync<JsonElement>("/api/session/status");
        Assert.True(status.GetProperty("running").GetBoolean());
        Assert.Equal(["NIFTY", "BANKNIFTY"], status.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("segment").GetString()!));
        Assert.Equal("2026-01-07", status.GetProperty("day").GetString());

        var again = await host.Post("/api/session/start", new { segments = new[] { "NIFTY" } });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
            using var response = await host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
            string? type = null;
            while (type is not ("DAY_STARTED" or "CANDLE"))
            {
                var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("the event stream ended");
                if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
                using var e = JsonDocument.Parse(line["data: ".Length..]);
                type = e.RootElement.GetProperty("type").GetString();
                Assert.Contains(e.RootElement.GetProperty("segment").GetString(), new[] { "NIFTY", "BANKNIFTY" });
            }
        }

        var pause = await host.Post("/api/segments/NIFTY/pause");
        Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await host.Post("/api/segments/SENSEX/pause")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Post("/api/segments/FOO/pause")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Post("/api/session/pause")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Post("/api/session/resume")).StatusCode);

        var stop = await host.Post("/api/session/stop", new { closeAll = true });
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        var after = await host.Client.GetFromJsonAsync<JsonElement>("/api/session/status");
        Assert.False(after.GetProperty("running").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await host.Post("/api/session/stop", new { closeAll = false })).StatusCode);

        var events = await host.Client.GetAsync("/api/downloads/events.csv");
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        Assert.Contains("DAY_STARTED", await events.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Live_mode_starts_only_when_switched_on_and_typed_LIVE_and_then_shows_LIVE()
    {
        await using var host = new WebTestHost(s => s.LiveTradingEnabled = true);
        var config = await host.Client.GetFromJsonAsync<JsonElement>("/api/config");
        Assert.True(config.GetProperty("liveEnabled").GetBoolean());
        Assert.Equal(["Paper", "Dry run", "Live"], config.GetProperty("modes").EnumerateArray().Select(m => m.GetProperty("name").GetString()!));
        Assert.Equal(["3minute", "5minute", "15minute", "30minute", "60minute"], config.GetProperty("timeframes").EnumerateArray().Select(t => t.GetString()!));
        foreach (var confirm in new[] { null, "live", "yes" })
        {
            var refused = await host.Post("/api/session/start", new { segments = new[] { "NIFTY" }, mode = "Live", confirm });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("type LIVE", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("confirm").GetString());
        }
        // On the simulator feed the real orders go to the simulator: the rehearsal of a live day.
        var started = await host.Post("/api/session/start", new { segments = new[] { "NIFTY" }, mode = "Live", confirm = "LIVE", speed = 60 });
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var status = await host.Client.GetFromJsonAsync<JsonElement>("/api/session/status");
        Assert.Equal("LIVE", status.GetProperty("mode").GetString());
        Assert.Equal(HttpStatusCode.OK, (await host.Post("/api/session/stop", new { closeAll = false })).StatusCode);

        await using var off = new WebTestHost();
        Assert.False((await off.Client.GetFromJsonAsync<JsonElement>("/api/config")).GetProperty("liveEnabled").GetBoolean());
        var switchedOff = await off.Post("/api/session/start", new { segments = new[] { "NIFTY" }, mode = "Live", confirm = "LIVE" });
        Assert.Contains("switched off", (await switchedOff.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("mode").GetString());
    }

    [Fact]
    public async Task Overrides_reach_the_session_and_per_segment_enable_shows_on_its_card()
    {
        await using var host = new WebTestHost();
        var start = await host.Post("/api/session/start", new
        {
            segments = new[] { "NIFTY" }, speed = 900, date = "2026-01-07", dailyProfitTarget = 0, timeframe = "15minute",
            overrides = new Dictionary<string, object> { ["NIFTY"] = new { stopLossPoints = 35, maxDailyLoss = 0 } },
        });
        Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await host.Post("/api/segments/NIFTY/pause")).StatusCode);
        JsonElement card = default;
        for (var i = 0; i < 200; i++)
        {
            var status = await host.Client.GetFromJsonAsync<JsonElement>("/api/session/status");
            card = status.GetProperty("segments")[0];
            if (!card.GetProperty("enabled").GetBoolean()) break;
            await Task.Delay(100);
        }
        Assert.False(card.GetProperty("enabled").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await host.Post("/api/segments/NIFTY/resume")).StatusCode);
        var chart = await host.Client.GetFromJsonAsync<JsonElement>("/api/segments/NIFTY/chart");
        Assert.Equal("15minute", chart.GetProperty("timeframe").GetString());
        var starts = chart.GetProperty("candles").EnumerateArray().Select(c => DateTimeOffset.Parse(c.GetProperty("time").GetString()!)).ToList();
        Assert.All(starts.Zip(starts.Skip(1)), p => Assert.True(p.Second - p.First >= TimeSpan.FromMinutes(15)));
        await host.Post("/api/session/stop", new { closeAll = true });
        var events = await host.Client.GetStringAsync("/api/downloads/events.csv");
        Assert.Contains("PAUSED", events);
        Assert.Contains("RESUMED", events);
        // The session's overrides never reach the configured defaults.
        Assert.Equal(50m, host.Settings.Segments["NIFTY"].StopLossPoints);
        Assert.Equal("5minute", host.Settings.Strategy.Timeframe);
    }

    [Fact]
    public async Task At_the_close_the_session_stops_itself_and_its_cards_stay_on_the_page()
    {
        await using var host = new WebTestHost();
        var start = await host.Post("/api/session/start", new { segments = new[] { "NIFTY" }, speed = 1800, date = "2026-01-07" });
        Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
        JsonElement status = default;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            status = await host.Client.GetFromJsonAsync<JsonElement>("/api/session/status");
            if (!status.GetProperty("running").GetBoolean()) break;
            await Task.Delay(250);
        }
        Assert.False(status.GetProperty("running").GetBoolean());
        Assert.Contains("market closed at 15:30", status.GetProperty("ended").GetString());
        var card = Assert.Single(status.GetProperty("segments").EnumerateArray());
        Assert.Equal("NIFTY", card.GetProperty("segment").GetString());
        Assert.Equal(0m, card.GetProperty("quantity").GetDecimal()); // squared off at 15:15
        // The stopped day stays charted, and its equity ends at the close, not on the simulator's later clock.
        var chart = await host.Client.GetFromJsonAsync<JsonElement>("/api/segments/NIFTY/chart");
        Assert.NotEmpty(chart.GetProperty("candles").EnumerateArray());
        var equity = await host.Client.GetFromJsonAsync<JsonElement>("/api/session/equity");
        Assert.All(equity.GetProperty("points").EnumerateArray(), p => Assert.StartsWith("2026-01-07T", p.GetProperty("time").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/api/downloads/events.csv")).StatusCode);
    }

    [Fact]
    public async Task Downloads_before_any_session_say_there_is_nothing_yet()
    {
        await using var host = new WebTestHost();
        foreach (var file in new[] { "trades.csv", "events.csv", "day.xlsx" })
        {
            var response = await host.Client.GetAsync("/api/downloads/" + file);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("nothing", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task The_page_is_served_from_the_app()
    {
        await using var host = new WebTestHost();
        var html = await host.Client.GetStringAsync("/");
        Assert.Contains("<title>Live Trader</title>", html);
        Assert.Contains("app.js", html);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/app.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/app.css")).StatusCode);
    }
}
