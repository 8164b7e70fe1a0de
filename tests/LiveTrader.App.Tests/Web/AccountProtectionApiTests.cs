using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LiveTrader.App.Tests.Web;

/// <summary>The session status the page shows carries the account's protection: where it stands
/// while the session runs, and why once it has fired.</summary>
public sealed class AccountProtectionApiTests
{
    [Fact]
    public async Task The_status_shows_the_protection_active_then_closed_with_its_reason()
    {
        await using var host = new WebTestHost(s => s.Risk.Protection.DailyLoss = 1m);
        var idle = await host.Client.GetFromJsonAsync<JsonElement>("/api/session/status");
        Assert.Equal(JsonValueKind.Null, idle.GetProperty("protection").ValueKind);

        var start = await host.Post("/api/session/start", new { segments = new[] { "NIFTY", "BANKNIFTY" }, speed = 300, date = "2026-01-07" });
        Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
        var running = await host.Client.GetFromJsonAsync<JsonElement>("/api/session/status");
        Assert.Equal(-1m, running.GetProperty("protection").GetProperty("lossProtectionAt").GetDecimal());

        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        JsonElement closed;
        while (true)
        {
            closed = await host.Client.GetFromJsonAsync<JsonElement>("/api/session/status", deadline.Token);
            if (closed.GetProperty("protection").GetProperty("state").GetString() == "CLOSED") break;
            await Task.Delay(100, deadline.Token);
        }
        var protection = closed.GetProperty("protection");
        Assert.Contains("daily loss protection", protection.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.True(protection.GetProperty("net").GetDecimal() <= -1m);
        Assert.Equal(HttpStatusCode.OK, (await host.Post("/api/session/stop", new { closeAll = true })).StatusCode);
    }

    [Fact]
    public async Task The_start_form_sets_the_protection_checked_by_the_configuration_validator()
    {
        await using var host = new WebTestHost();
        var config = await host.Client.GetFromJsonAsync<JsonElement>("/api/config");
        Assert.Equal(host.Settings.Risk.Protection.ProfitLockPercent, config.GetProperty("risk").GetProperty("protection").GetProperty("profitLockPercent").GetDecimal());

        // Bad values are refused, each under its configuration path, and nothing starts.
        var refused = await host.Post("/api/session/start", new { segments = new[] { "NIFTY" }, speed = 300, date = "2026-01-07", protectionDailyLoss = -5, profitLockAt = 2000, profitLockPercent = 150, accountTrailingStop = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("positive rupees", errors.GetProperty("LiveTrader:Risk:Protection:DailyLoss").GetString());
        Assert.Contains("at most 100", errors.GetProperty("LiveTrader:Risk:Protection:ProfitLockPercent").GetString());
        Assert.Contains("positive rupees", errors.GetProperty("LiveTrader:Risk:Protection:TrailingStop").GetString());
        Assert.False(errors.TryGetProperty("LiveTrader:Risk:Protection:ProfitLockAt", out _));
        Assert.False((await host.Client.GetFromJsonAsync<JsonElement>("/api/session/status")).GetProperty("running").GetBoolean());

        // Good values run the session with them: the status shows where each rule stands.
        var start = await host.Post("/api/session/start", new { segments = new[] { "NIFTY" }, speed = 60, date = "2026-01-07", protectionDailyLoss = 3000, profitLockAt = 2000, profitLockPercent = 40, accountTrailingStop = 0 });
        Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
        var protection = (await host.Client.GetFromJsonAsync<JsonElement>("/api/session/status")).GetProperty("protection");
        Assert.Equal(-3000m, protection.GetProperty("lossProtectionAt").GetDecimal());
        Assert.Equal(2000m, protection.GetProperty("profitLockAt").GetDecimal());
        Assert.Equal(JsonValueKind.Null, protection.GetProperty("trailingStopAt").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await host.Post("/api/session/stop", new { closeAll = true })).StatusCode);
        Assert.Null(host.Settings.Risk.Protection.DailyLoss); // the configuration itself is untouched
    }
}
