using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveTrader.App.Commands;

namespace LiveTrader.App.Tests.Web;

/// <summary>The kill switch, from the page and from the command line against the running session's folder.</summary>
public sealed class KillSwitchApiTests
{
    private static async Task<JsonElement> WaitFor(WebTestHost host, Func<JsonElement, bool> done)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            var status = await host.Client.GetFromJsonAsync<JsonElement>("/api/session/status", deadline.Token);
            if (done(status)) return status;
            await Task.Delay(100, deadline.Token);
        }
    }

    private static IEnumerable<JsonElement> Cards(JsonElement status) => status.GetProperty("segments").EnumerateArray();

    [Fact]
    public async Task The_kill_switch_flattens_every_segment_and_halts_it_until_the_command_line_re_arms_it()
    {
        await using var host = new WebTestHost();
        // Wide stops keep the first position open until the switch closes it.
        var start = await host.Post("/api/session/start", new
        {
            segments = new[] { "NIFTY", "BANKNIFTY" }, speed = 300, date = "2026-01-07",
            overrides = new Dictionary<string, object> { ["NIFTY"] = new { stopLossPoints = 400, trailingStopPoints = 400 } },
        });
        Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
        await WaitFor(host, s => Cards(s).Any(c => c.GetProperty("segment").GetString() == "NIFTY" && c.GetProperty("status").GetString() == "IN POSITION"));

        var kill = await host.Post("/api/session/kill-switch");
        Assert.Equal(HttpStatusCode.OK, kill.StatusCode);
        var halted = await WaitFor(host, s => Cards(s).All(c => c.GetProperty("status").GetString() == "HALTED"));
        Assert.All(Cards(halted), c => Assert.Equal(0, c.GetProperty("quantity").GetInt32()));
        Assert.All(Cards(halted), c => Assert.Contains("kill switch", c.GetProperty("tradingReason").GetString()));

        var events = (await host.Client.GetStringAsync("/api/downloads/events.csv")).Split('\n');
        Assert.Contains(events, l => l.Contains(",NIFTY,KILL_SWITCH,", StringComparison.Ordinal) && l.Contains("(page)", StringComparison.Ordinal));
        Assert.Contains(events, l => l.Contains(",NIFTY,EXIT,", StringComparison.Ordinal) && l.Contains("Manual:", StringComparison.Ordinal));
        Assert.Contains(events, l => l.Contains(",BANKNIFTY,HALTED,", StringComparison.Ordinal));
        var day = halted.GetProperty("day").GetString()!;
        var orders = File.ReadAllLines(Path.Combine(host.Settings.OutputFolder, $"live_orders_{day}.csv"));
        Assert.Contains(orders, l => l.Contains(",NIFTY,", StringComparison.Ordinal) && l.Contains(",EXIT,PLACE,SELL,MARKET,", StringComparison.Ordinal) && l.Contains(",COMPLETE,", StringComparison.Ordinal));

        // The page's order table: the entry and the exit filled, the protective stop cancelled before the exit.
        var book = await host.Client.GetFromJsonAsync<JsonElement>("/api/orders");
        var rows = book.GetProperty("orders").EnumerateArray().Where(o => o.GetProperty("segment").GetString() == "NIFTY").ToList();
        var entry = rows.First(o => o.GetProperty("purpose").GetString() == "Entry");
        Assert.Equal(("Complete", entry.GetProperty("quantity").GetInt32()), (entry.GetProperty("state").GetString(), entry.GetProperty("filled").GetInt32()));
        Assert.True(entry.GetProperty("averagePrice").GetDecimal() > 0);
        var exit = rows.Last(o => o.GetProperty("purpose").GetString() == "Exit");
        Assert.Equal(("Complete", "SELL", "Manual"), (exit.GetProperty("state").GetString(), exit.GetProperty("side").GetString(), exit.GetProperty("reason").GetString()));
        Assert.Contains(rows, o => o.GetProperty("purpose").GetString() == "ProtectiveStop" && o.GetProperty("state").GetString() == "Cancelled");
        Assert.Equal(rows.Count, rows.Select(o => o.GetProperty("clientId").GetString()).Distinct().Count());

        // Re-armed from another process, through the session folder's journal.
        Assert.Equal(CliErrors.Ok, KillSwitchCommand.Run(host.Settings.OutputFolder, rearm: true, config: null));
        var rearmed = await WaitFor(host, s => Cards(s).All(c => c.GetProperty("trading").GetString() == "ACTIVE"));
        Assert.All(Cards(rearmed), c => Assert.NotEqual("HALTED", c.GetProperty("status").GetString()));
        Assert.Contains((await host.Client.GetStringAsync("/api/downloads/events.csv")).Split('\n'),
            l => l.Contains(",REARMED,", StringComparison.Ordinal) && l.Contains("(command line)", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await host.Post("/api/session/stop", new { closeAll = true })).StatusCode);
    }

    [Fact]
    public async Task Without_a_session_the_page_refuses_and_the_command_names_a_folder_with_no_session()
    {
        await using var host = new WebTestHost();
        Assert.Equal(HttpStatusCode.Conflict, (await host.Post("/api/session/kill-switch")).StatusCode);
        var empty = Path.Combine(host.Settings.OutputFolder, "nothing-here");
        var error = Assert.Throws<UsageError>(() => KillSwitchCommand.Run(empty, rearm: false, config: null));
        Assert.Contains("holds no session", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(empty, "journal.db")), "the command must not create a journal");
    }
}
