using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveTrader.App.Web;
using Microsoft.Extensions.DependencyInjection;

namespace LiveTrader.App.Tests.Web;

/// <summary>Stop with "close all open positions" when the market gives no fresh quote to sell at.</summary>
public sealed class StopCloseAllApiTests
{
    [Fact]
    public async Task A_close_that_finds_no_fresh_quote_is_named_by_the_stop_and_the_position_stays_on_its_card()
    {
        await using var host = new WebTestHost();
        // Wide stops keep the first position open while the ticker is stalled.
        var start = await host.Post("/api/session/start", new
        {
            segments = new[] { "NIFTY" }, speed = 300, date = "2026-01-07",
            overrides = new Dictionary<string, object> { ["NIFTY"] = new { stopLossPoints = 400, trailingStopPoints = 400 } },
        });
        Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
        using (var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
        {
            while ((await host.Client.GetFromJsonAsync<JsonElement>("/api/session/status", deadline.Token))
                .GetProperty("segments")[0].GetProperty("status").GetString() != "IN POSITION")
                await Task.Delay(100, deadline.Token);
        }

        host.Services.GetRequiredService<TraderService>().Simulator!.Faults.StallTicker(TimeSpan.FromMinutes(5));
        // The last option quote ages past the 5-second stale limit (real seconds, whatever the speed);
        // a slower machine only makes it older.
        await Task.Delay(TimeSpan.FromSeconds(7));
        var stop = await host.Post("/api/session/stop", new { closeAll = true });

        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        var status = await stop.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(status.GetProperty("running").GetBoolean());
        var ended = status.GetProperty("ended").GetString()!;
        Assert.Contains("NIFTY", ended);
        Assert.Contains("found no fresh quote", ended);
        var card = status.GetProperty("segments")[0];
        Assert.Equal("IN POSITION", card.GetProperty("status").GetString());
        Assert.True(card.GetProperty("quantity").GetInt32() > 0);
        var events = await host.Client.GetStringAsync("/api/downloads/events.csv");
        Assert.Contains(events.Split('\n'), l => l.Contains(",EXIT_DELAYED,", StringComparison.Ordinal) && l.Contains("Manual exit", StringComparison.Ordinal));
    }
}
