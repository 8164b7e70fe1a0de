using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveTrader.App.Tests.Web;
using LiveTrader.Engine.Session;
using Microsoft.Data.Sqlite;

namespace LiveTrader.App.Tests.Hostile;

/// <summary>Class 3 of issue 12: a recording's last line half-written by a killed process is left
/// out with a warning (the journal never committed the step it began), while garbage in the middle
/// is refused naming the file and line; one broken day does not take the other days down, and the
/// file is never rewritten.</summary>
public sealed class BrokenRecordingTests : IDisposable
{
    private const string CutShort = "{\"Input\":{\"$type\":\"clo";

    private readonly TempFolder _temp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [Fact]
    public void A_replay_of_a_recording_cut_mid_line_runs_without_that_line_and_says_so()
    {
        var recording = BrokenSessionFiles.Recording(_temp.Path, BrokenSessionFiles.Day);
        File.AppendAllText(recording, CutShort);
        var bytes = File.ReadAllBytes(recording);

        var (exit, _, err) = AppProcess.Run(_temp.Path, null, "backtest", "--ticks", recording, "--out", _temp.Combine("out"));

        Assert.True(exit == 0, err);
        Assert.Contains($"warning: {recording}:7: a line cut short (the process was stopped while writing it) at the end of the file is left out", err);
        Assert.DoesNotContain("error:", err);
        Assert.Equal(bytes, File.ReadAllBytes(recording));
    }

    [Theory]
    [InlineData("garbage in the middle")]
    [InlineData(CutShort)]
    public void Garbage_inside_a_recording_is_refused_naming_the_file_and_line_and_nothing_is_written(string garbage)
    {
        var recording = BrokenSessionFiles.Recording(_temp.Path, BrokenSessionFiles.Day);
        BrokenSessionFiles.InsertLine(recording, 4, garbage);
        var before = HostileFiles.Snapshot(_temp.Path);

        var (exit, _, err) = AppProcess.Run(_temp.Path, null, "backtest", "--ticks", recording, "--out", _temp.Combine("out"));

        Assert.Equal(2, exit);
        Assert.StartsWith($"error: {recording}:4: not a recording line ({garbage}", HostileFiles.OneErrorLine(err));
        HostileFiles.AssertUnchanged(before, _temp.Path);
    }

    [Fact]
    public void A_session_restarted_after_a_kill_mid_line_starts_its_header_on_a_line_of_its_own()
    {
        var recording = BrokenSessionFiles.Recording(_temp.Path, BrokenSessionFiles.Day, beats: 2);
        File.AppendAllText(recording, CutShort);
        using (var restarted = new SessionRecorder(recording, new RecordingHeader(Core.Market.Segment.NIFTY, 5, 0)))
            restarted.Record(new ClockInput(BrokenSessionFiles.Day.ToDateTime(new TimeOnly(4, 0), DateTimeKind.Utc)));
        var warnings = new List<string>();

        var lines = SessionRecorder.Read(recording, warnings.Add).ToList();

        Assert.Equal([true, false, false, true, false], lines.Select(l => l.Header is not null));
        Assert.Equal($"{recording}:4: a line cut short (the process was stopped while writing it) before the restarted session's header is left out; "
            + "the journal never committed its step", Assert.Single(warnings));
    }

    [Fact]
    public async Task One_days_garbled_recording_is_named_by_that_days_comparison_and_left_out_of_the_performance_report()
    {
        await using var host = BacktestApiTests.Host();
        var folder = host.Settings.OutputFolder;
        BrokenSessionFiles.Journal(folder, BrokenSessionFiles.Day, BrokenSessionFiles.NextDay);
        BrokenSessionFiles.Recording(folder, BrokenSessionFiles.Day);
        var broken = BrokenSessionFiles.Recording(folder, BrokenSessionFiles.NextDay);
        BrokenSessionFiles.InsertLine(broken, 3, "\u0001\u0002 binary junk");
        var bytes = File.ReadAllBytes(broken);

        var good = await host.Client.GetAsync("/api/compare?day=2026-01-07");
        var bad = await host.Client.GetAsync("/api/compare?day=2026-01-08");
        var performance = await host.Client.GetAsync("/api/performance");
        var report = await performance.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var message = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString()!;
        Assert.Contains($"{broken}:3: not a recording line (?? binary junk)", message);
        Assert.True(performance.StatusCode == HttpStatusCode.OK, report.ToString());
        Assert.Equal(["2026-01-07"], report.GetProperty("days").EnumerateArray().Select(d => d.GetString()));
        var leftOut = Assert.Single(report.GetProperty("leftOut").EnumerateArray()).GetString()!;
        Assert.StartsWith($"2026-01-08 is left out: {broken}:3: not a recording line", leftOut);
        Assert.Equal(bytes, File.ReadAllBytes(broken));
    }
}
