using LiveTrader.App.Commands;
using LiveTrader.App.Configuration;
using LiveTrader.Core.Market;
using LiveTrader.Engine.Session;

namespace LiveTrader.App.Tests;

/// <summary>The journal's promise, with a real process killed hard (SIGKILL) again and again while it
/// works through a recorded paper day: after the last restart finishes the day, the trade and event
/// logs are byte for byte those of a run that was never interrupted.</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class CrashRestartTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 1, 8);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Killed_at_many_points_and_restarted_the_session_ends_with_the_uninterrupted_files()
    {
        // A recorded morning of all three segments on the simulator.
        var paper = _temp.Combine("paper");
        var recorded = await PaperCommand.RunAsync(new PaperCommand.PaperRequest(
            "sim", null, [], "2026-01-08", 900, 5, "13:00", paper, null, TimeSpan.FromSeconds(1)), CancellationToken.None);
        Assert.Equal(0, recorded);
        var recordings = Path.Combine(paper, "recordings");

        var whole = _temp.Combine("whole");
        RecordedSession.Run(recordings, whole, SettingsLoader.Load(null), CancellationToken.None);
        var wholeEvents = File.ReadAllLines(Path.Combine(whole, DailyLogs.EventsFile(Day)));
        Assert.True(File.ReadAllLines(Path.Combine(whole, DailyLogs.TradesFile(Day))).Length > 2, "the morning should trade");

        var killed = _temp.Combine("killed");
        var events = Path.Combine(killed, DailyLogs.EventsFile(Day));
        var realKills = 0;
        foreach (var share in new[] { 0.15, 0.35, 0.5, 0.7, 0.9 })
        {
            using var process = AppProcess.Start(_temp.Path, "paper", "--feed", "recording", "--recordings", recordings, "--out", killed);
            // Kill on progress, not on a timer: once the events file holds this share of the day's rows.
            while (!process.HasExited && Rows(events) < share * wholeEvents.Length) await Task.Delay(2);
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                realKills++;
            }
            await process.WaitForExitAsync();
        }
        var (exit, _, stderr) = AppProcess.Run(_temp.Path, null, "paper", "--feed", "recording", "--recordings", recordings, "--out", killed);

        Assert.True(exit == 0, stderr);
        Assert.True(realKills > 0, "no run was killed mid-way");
        Assert.Equal(File.ReadAllText(Path.Combine(whole, DailyLogs.TradesFile(Day))), File.ReadAllText(Path.Combine(killed, DailyLogs.TradesFile(Day))));
        Assert.Equal(File.ReadAllText(Path.Combine(whole, DailyLogs.EventsFile(Day))), File.ReadAllText(events));
    }

    private static int Rows(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var count = 0;
            int b;
            while ((b = stream.ReadByte()) >= 0) if (b == '\n') count++;
            return count;
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
        catch (DirectoryNotFoundException)
        {
            return 0;
        }
    }
}
