using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using LiveTrader.App.Feeds;
using LiveTrader.Sim;

namespace LiveTrader.App.Tests.Web;

/// <summary>The Kite login button and the Kite feed, rehearsed against the simulator, which speaks
/// Kite's login redirect, session exchange, REST and ticker.</summary>
public sealed class KiteLoginApiTests
{
    [Fact]
    public async Task Without_credentials_the_account_is_not_configured_and_login_is_refused()
    {
        await using var host = new WebTestHost(s => s.Kite.TokenFile = Path.Combine(Path.GetTempPath(), "lt-none-" + Guid.NewGuid().ToString("N")));
        var status = await host.Client.GetFromJsonAsync<JsonElement>("/api/session/status");
        Assert.Equal("not configured", status.GetProperty("account").GetProperty("state").GetString());
        Assert.False(status.GetProperty("account").GetProperty("canLogin").GetBoolean());
        var login = await host.Client.GetAsync("/api/kite/login");
        Assert.Equal(HttpStatusCode.Conflict, login.StatusCode);
        Assert.Contains("API key and secret", await login.Content.ReadAsStringAsync());

        var start = await host.Post("/api/session/start", new { segments = new[] { "NIFTY" }, feed = "kite" });
        Assert.Equal(HttpStatusCode.Unauthorized, start.StatusCode);
        var refusal = await start.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("login required: log in to Kite first", refusal.GetProperty("errors").GetProperty("feed").GetString());
        Assert.True(refusal.GetProperty("loginRequired").GetBoolean());
        Assert.Equal(JsonValueKind.Null, refusal.GetProperty("login").ValueKind); // no API secret: this app cannot log in itself
    }

    [Fact]
    public async Task The_login_flow_saves_a_token_no_page_ever_sees_and_the_kite_feed_then_runs_until_the_token_expires()
    {
        var day = new DateOnly(2026, 1, 7);
        await using var sim = await SimServer.StartAsync(new SimOptions { Port = 0, Speed = 60, Date = day });
        using var temp = new TempFolder();
        await using var host = new WebTestHost(s => SimKiteAccount.PointAt(s, sim, temp), new MarketHoursClock(day, new TimeOnly(10, 0)));
        var tokenFile = host.Settings.Kite.TokenFile!;
        var before = await host.Client.GetFromJsonAsync<JsonElement>("/api/session/status");
        Assert.Equal("login required", before.GetProperty("account").GetProperty("state").GetString());
        Assert.True(before.GetProperty("account").GetProperty("canLogin").GetBoolean());

        // The button sends the browser to Kite, Kite sends it back with a request_token.
        await SimKiteAccount.LogInAsync(host, sim);

        Assert.True(File.Exists(tokenFile));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));
        var token = JsonDocument.Parse(File.ReadAllText(tokenFile)).RootElement.GetProperty("access_token").GetString()!;
        var statusText = await host.Client.GetStringAsync("/api/session/status");
        var configText = await host.Client.GetStringAsync("/api/config");
        foreach (var text in new[] { statusText, configText })
        {
            Assert.DoesNotContain(token, text);
            Assert.DoesNotContain("sim-secret", text);
        }
        Assert.Equal("logged in", JsonDocument.Parse(statusText).RootElement.GetProperty("account").GetProperty("state").GetString());

        var start = await host.Post("/api/session/start", new { segments = new[] { "NIFTY" }, feed = "kite" });
        Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
        var running = await WaitForStatus(host, s => s.GetProperty("feedStatus").GetString() == "connected");
        Assert.Equal("kite", running.GetProperty("feedKind").GetString());
        Assert.Equal("Kite", running.GetProperty("feed").GetString());

        sim.Faults.ExpireTokens();
        var expired = await WaitForStatus(host, s => s.GetProperty("account").GetProperty("state").GetString() == "login required");
        Assert.True(expired.GetProperty("running").GetBoolean(), "an expired token leaves the session and its positions in place");
        Assert.Equal(HttpStatusCode.OK, (await host.Post("/api/session/stop", new { closeAll = false })).StatusCode);
    }

    [Fact]
    public async Task A_callback_the_login_button_did_not_start_is_refused_and_a_cancelled_login_says_why()
    {
        await using var sim = await SimServer.StartAsync(new SimOptions { Port = 0, Speed = 60, Date = new DateOnly(2026, 1, 7) });
        using var temp = new TempFolder();
        await using var host = new WebTestHost(s => SimKiteAccount.PointAt(s, sim, temp));
        var (back, cookie) = await SimKiteAccount.ToKiteAndBackAsync(host, sim);

        // Kite's genuine redirect, but without the button's cookie (another site sent the browser here).
        var forged = await host.Client.GetAsync(back.PathAndQuery);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("not started from this Live Trader page", await forged.Content.ReadAsStringAsync());
        // With the cookie but another state.
        using var wrongState = new HttpRequestMessage(HttpMethod.Get, back.PathAndQuery.Replace("state=", "state=0", StringComparison.Ordinal));
        wrongState.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.SendAsync(wrongState)).StatusCode);
        Assert.False(File.Exists(host.Settings.Kite.TokenFile), "no token may be saved from a callback this page did not start");

        // A login the trader cancelled at Kite comes back with the right state but no request_token.
        var state = System.Web.HttpUtility.ParseQueryString(back.Query)["state"];
        using var cancelled = new HttpRequestMessage(HttpMethod.Get, $"/kite/callback?status=cancelled&state={state}");
        cancelled.Headers.Add("Cookie", cookie);
        var response = await host.Client.SendAsync(cancelled);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("request_token", await response.Content.ReadAsStringAsync());
        Assert.False(File.Exists(host.Settings.Kite.TokenFile));
    }

    private static async Task<JsonElement> WaitForStatus(WebTestHost host, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        JsonElement status;
        do
        {
            status = await host.Client.GetFromJsonAsync<JsonElement>("/api/session/status");
            if (done(status)) return status;
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"status never reached the expected state: {status}");
        return status;
    }
}
