using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveTrader.App.Tests.Web;
using Microsoft.Data.Sqlite;

namespace LiveTrader.App.Tests.Hostile;

/// <summary>Class 3 of issue 12: a corrupt or truncated <c>journal.db</c> is refused by every reader
/// and by a session restarting into its folder, naming the file and what is wrong; the page's other
/// endpoints keep answering and the file's bytes are left as they were.</summary>
public sealed class BrokenJournalTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [Theory]
    [InlineData("garbage", "not a SQLite journal (the file starts with something else)")]
    [InlineData("truncated", "the journal is damaged")]
    public async Task The_page_names_a_broken_journal_on_every_endpoint_that_reads_it_and_keeps_the_rest_working(string how, string problem)
    {
        await using var host = BacktestApiTests.Host();
        var journal = BrokenSessionFiles.Journal(host.Settings.OutputFolder);
        BrokenSessionFiles.Damage(journal, how);
        var bytes = File.ReadAllBytes(journal);

        foreach (var path in new[] { "/api/performance", "/api/compare?day=2026-01-07", "/api/orders", "/api/downloads/day.xlsx", "/api/trades/NIFTY-20260107-01/story", "/api/session/trades?day=2026-01-07" })
        {
            var response = await host.Client.GetAsync(path);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(HttpStatusCode.UnprocessableEntity == response.StatusCode, $"{path}: {response.StatusCode} {body}");
            Assert.StartsWith($"{journal}: ", body.GetProperty("message").GetString());
            Assert.Contains(problem, body.GetProperty("message").GetString());
        }
        var start = await host.Post("/api/session/start", new { segments = new[] { "NIFTY" }, speed = 900, date = "2026-01-07" });
        var refusal = await start.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, start.StatusCode);
        Assert.StartsWith($"{journal}: ", refusal.GetProperty("message").GetString());
        Assert.Contains("nothing was written to it", refusal.GetProperty("message").GetString());

        foreach (var path in new[] { "/api/session/status", "/api/config", "/api/backtest/sources" })
            Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync(path)).StatusCode);
        var status = await host.Client.GetFromJsonAsync<JsonElement>("/api/session/status");
        Assert.False(status.GetProperty("running").GetBoolean());
        Assert.Equal(bytes, File.ReadAllBytes(journal));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    public void The_report_export_kill_switch_and_a_restart_into_the_folder_refuse_a_broken_journal_in_one_error_line_and_leave_it_as_it_was(string how)
    {
        var folder = _temp.Combine("out");
        var journal = BrokenSessionFiles.Journal(folder);
        var recordings = _temp.Combine("recorded");
        BrokenSessionFiles.Recording(recordings, BrokenSessionFiles.Day);
        File.Move(Path.Combine(recordings, "recordings", "ticks_NIFTY_2026-01-07.jsonl"), Path.Combine(recordings, "ticks_NIFTY_2026-01-07.jsonl"));
        BrokenSessionFiles.Damage(journal, how);
        var before = HostileFiles.Snapshot(folder);

        var report = AppProcess.Run(_temp.Path, null, "report", "--out", folder);
        var export = AppProcess.Run(_temp.Path, null, "export", "--out", folder);
        var killSwitch = AppProcess.Run(_temp.Path, null, "kill-switch", "--out", folder);
        var restart = AppProcess.Run(_temp.Path, null, "paper", "--feed", "recording", "--recordings", recordings, "--out", folder);

        foreach (var (exit, _, err) in new[] { report, export, killSwitch, restart })
        {
            Assert.Equal(2, exit);
            Assert.StartsWith($"error: {journal}: ", HostileFiles.OneErrorLine(err));
        }
        HostileFiles.AssertUnchanged(before, folder);
    }
}
