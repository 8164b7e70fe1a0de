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
}
