using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveTrader.App.Tests.Web;
using LiveTrader.App.Web;
using Microsoft.Extensions.DependencyInjection;

namespace LiveTrader.App.Tests.Hostile;

/// <summary>Class 8 of issue 12: what grows stays bounded — the page's backtests queue behind
/// <see cref="BacktestJobs.Slots"/> with at most <see cref="BacktestJobs.MaxWaiting"/> waiting, old run
/// folders go by the stated rule, and a stopped session's status stands still.</summary>
public sealed class BoundedResourcesTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private WebTestHost Host()
    {
        var data = _temp.Combine("data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "NIFTY_5minute_day.csv"), HostileFiles.Candles());
        return BacktestApiTests.Host(data);
    }

    private static readonly object Request = new { segments = new[] { "NIFTY" }, files = new { NIFTY = "NIFTY_5minute_day.csv" } };

    [Fact]
    public async Task Backtests_past_the_slot_wait_in_a_short_queue_and_one_more_is_refused_with_429()
    {
        await using var host = Host();
        var jobs = host.Services.GetRequiredService<BacktestJobs>();
        await jobs.Running.WaitAsync(); // the slot is busy
        var ids = new List<string>();
        for (var i = 0; i < BacktestJobs.MaxWaiting; i++)
        {
            var accepted = await host.Post("/api/backtest/start", Request);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            ids.Add((await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }

        var refused = await host.Post("/api/backtest/start", Request);
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var states = new List<string>();
        foreach (var id in ids) states.Add((await host.Client.GetFromJsonAsync<JsonElement>($"/api/backtest/{id}")).GetProperty("state").GetString()!);

        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Equal("4 backtests are already waiting their turn: start this one when one of them has finished", body.GetProperty("message").GetString());
        Assert.All(states, s => Assert.Equal("queued", s));
        Assert.False(Directory.Exists(jobs.Folder), "a queued run writes nothing");

        jobs.Running.Release();
        foreach (var id in ids) Assert.Equal("done", (await BacktestApiTests.WaitForEnd(host, id)).GetProperty("state").GetString());
        Assert.Equal(ids.Order(), Directory.GetDirectories(jobs.Folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Starting_a_run_removes_the_oldest_run_folders_past_the_kept_ten_and_nothing_else()
    {
        await using var host = Host();
        var jobs = host.Services.GetRequiredService<BacktestJobs>();
        var earlier = Enumerable.Range(0, 12).Select(i => $"{i:x2}0000000000").ToList();
        foreach (var (name, i) in earlier.Select((n, i) => (n, i)))
        {
            var folder = Directory.CreateDirectory(Path.Combine(jobs.Folder, name));
            File.WriteAllText(Path.Combine(folder.FullName, "trades.csv"), "kept from an earlier server");
            Directory.SetLastWriteTimeUtc(folder.FullName, new DateTime(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc).AddMinutes(i));
        }
        Directory.CreateDirectory(Path.Combine(jobs.Folder, "my notes"));

        var accepted = await host.Post("/api/backtest/start", Request);
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await BacktestApiTests.WaitForEnd(host, id);

        var left = Directory.GetDirectories(jobs.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(earlier.Skip(3).Append(id).Append("my notes").Order(StringComparer.Ordinal), left);
    }

    [Fact]
    public async Task A_stopped_sessions_status_stops_moving()
    {
        await using var host = new WebTestHost();
        var start = await host.Post("/api/session/start", new { segments = new[] { "NIFTY" }, speed = 600, date = "2026-01-07" });
        Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await host.Post("/api/session/stop", new { closeAll = false })).StatusCode);

        var first = await host.Client.GetStringAsync("/api/session/status");
        await Task.Delay(300); // ten market seconds at x600 would move a clock still running
        var second = await host.Client.GetStringAsync("/api/session/status");

        Assert.False(JsonDocument.Parse(first).RootElement.GetProperty("running").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, JsonDocument.Parse(first).RootElement.GetProperty("now").ValueKind);
        Assert.Equal(first, second);
    }
}
