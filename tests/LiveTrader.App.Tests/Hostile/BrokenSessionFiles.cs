using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Journal;
using LiveTrader.Engine.Session;

namespace LiveTrader.App.Tests.Hostile;

/// <summary>A session folder's journal and recordings, written by the product's own writers, then
/// broken the ways a disk, a kill or a careless copy breaks them.</summary>
public static class BrokenSessionFiles
{
    public static readonly DateOnly Day = new(2026, 1, 7);
    public static readonly DateOnly NextDay = new(2026, 1, 8);

    /// <summary>A journal with a few hundred events on each day, enough pages that cutting the file
    /// in half loses rows the tables still point at.</summary>
    public static string Journal(string folder, params DateOnly[] days)
    {
        var path = SessionJournal.PathIn(folder);
        using (var journal = SessionJournal.Open(path))
            foreach (var day in days.Length == 0 ? [Day] : days)
                for (var i = 0; i < 400; i++)
                {
                    var at = Ist.At(day, new TimeOnly(9, 15)).AddSeconds(i * 30);
                    journal.Commit(Segment.NIFTY, day, "{}", [new AgentEvent(at, Segment.NIFTY, AgentEventType.Exit, new string('x', 300) + i)], []);
                }
        return path;
    }

    /// <summary>Damages a journal: "garbage" overwrites it with text, "truncated" keeps its first third.</summary>
    public static void Damage(string journal, string how)
    {
        if (how == "garbage")
        {
            File.WriteAllText(journal, string.Concat(Enumerable.Repeat("this is not a database, it was copied over it\n", 400)));
            return;
        }
        var bytes = File.ReadAllBytes(journal);
        File.WriteAllBytes(journal, bytes[..(bytes.Length / 3)]);
    }

    /// <summary>A recording as a session writes it: its header and a clock beat every minute from 09:15.</summary>
    public static string Recording(string folder, DateOnly day, int beats = 5)
    {
        var path = Path.Combine(folder, "recordings", SessionRecorder.FileName(Segment.NIFTY, day));
        using var recorder = new SessionRecorder(path, new RecordingHeader(Segment.NIFTY, 5, 0));
        for (var i = 0; i < beats; i++) recorder.Record(new ClockInput(Ist.At(day, new TimeOnly(9, 15 + i))));
        return path;
    }

    /// <summary>The recording's lines with <paramref name="garbage"/> put in as line <paramref name="line"/> (1-based).</summary>
    public static void InsertLine(string recording, int line, string garbage)
    {
        var lines = File.ReadAllLines(recording).ToList();
        lines.Insert(line - 1, garbage);
        File.WriteAllText(recording, string.Join('\n', lines) + "\n");
    }
}
