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
