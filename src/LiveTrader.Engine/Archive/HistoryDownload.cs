using LiveTrader.Core.Market;
using LiveTrader.Engine.Data;
using LiveTrader.Kite.Historical;
using LiveTrader.Kite.Rest;

namespace LiveTrader.Engine.Archive;

/// <summary>What to archive: these indices' candles of one interval over whole IST days.</summary>
public sealed record HistoryPlan(IReadOnlyList<HistoryIndex> Indices, KiteInterval Interval, DateOnly From, DateOnly To, string DataFolder);

/// <summary>An index to archive and its Kite instrument token.</summary>
public sealed record HistoryIndex(Segment Segment, uint Token);

/// <summary>Whole IST days wanted in an archive, both ends included.</summary>
public readonly record struct DayRange(DateOnly From, DateOnly To);

/// <summary>One archive to fill from one Kite instrument over some days. A series (an index, the
/// near-month future) grows on from its last candle whatever the first day asked; a traded option's
/// file holds its trade days only. <paramref name="Continuous"/> asks Kite to splice a future's expired
/// contracts (day candles only).</summary>
public sealed record HistoryTarget(CandleArchive Archive, uint Token, IReadOnlyList<DayRange> Days, bool Series, bool Continuous = false);

/// <summary>One request done: how far an archive has come.</summary>
public sealed record HistoryStep(string Archive, int Request, int Requests, int Candles);

/// <summary>An archive's result: candles added this run, requests made, and its file.</summary>
public sealed record HistoryOutcome(string Archive, string File, int Added, int Requests, DateTimeOffset? LastCandle);

/// <summary>Fills the data folder's candle archives from Kite's historical API (or the simulator's):
/// each archive is asked only for what comes after its last candle, in requests no longer than
/// Kite allows for the interval, and each answer is appended whole before the next is asked for, so a
/// run stopped anywhere (a kill, a 429 burst beyond the retries) resumes where it stopped and ends
/// with the same bytes as a run that never stopped. Pacing (3 a second) and retries on 429 and 5xx
/// are the Kite client's.</summary>
public static class HistoryDownload
{
    /// <summary>The plan's indices, each one series over the plan's days.</summary>
    public static IReadOnlyList<HistoryTarget> Targets(HistoryPlan plan)
    {
        if (plan.To < plan.From) throw new ArgumentException($"'to' {plan.To:yyyy-MM-dd} is before 'from' {plan.From:yyyy-MM-dd}");
        return plan.Indices.Select(i => new HistoryTarget(new CandleArchive(plan.DataFolder, i.Segment, plan.Interval), i.Token,
            [new DayRange(plan.From, plan.To)], Series: true)).ToList();
    }

    public static Task<IReadOnlyList<HistoryOutcome>> RunAsync(KiteRestClient rest, HistoryPlan plan, Action<HistoryStep>? onStep, CancellationToken ct) =>
        RunAsync(rest, Targets(plan), onStep, ct);

    public static async Task<IReadOnlyList<HistoryOutcome>> RunAsync(KiteRestClient rest, IReadOnlyList<HistoryTarget> targets, Action<HistoryStep>? onStep, CancellationToken ct)
    {
        var outcomes = new List<HistoryOutcome>();
        foreach (var target in targets)
        {
            var archive = target.Archive;
            archive.RemoveStaleStaging();
            var last = archive.LastCandle();
            var added = 0;
            var chunks = Chunks(target, last);
            for (var i = 0; i < chunks.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                var candles = await rest.GetHistoricalAsync(target.Token, archive.Interval, chunks[i].From, chunks[i].To,
                    continuous: target.Continuous, openInterest: archive.OpenInterest, ct: ct);
                // Only what the archive lacks: a server that answers a little outside the range asked
                // for never makes a candle twice.
                var fresh = candles.Where(c => c.Time >= chunks[i].From && c.Time <= chunks[i].To && (last is null || c.Time > last)).ToList();
                added += archive.Append(fresh, last);
                if (fresh.Count > 0) last = fresh[^1].Time;
                onStep?.Invoke(new HistoryStep(archive.Name, i + 1, chunks.Count, fresh.Count));
            }
            outcomes.Add(new HistoryOutcome(archive.Name, archive.Path, added, chunks.Count, last));
        }
        return outcomes;
    }

    /// <summary>How many requests an archive still needs, for a progress bar before the first one.</summary>
    public static int RequestsLeft(HistoryTarget target) => Chunks(target, target.Archive.LastCandle()).Count;

    /// <summary>The first day an archive still lacks: the plan's first day, or the day of the moment
    /// after its last candle.</summary>
    public static DateOnly FirstMissingDay(CandleArchive archive, DateOnly from) =>
        archive.LastCandle() is { } last ? Ist.DayOf(ResumeFrom(archive.Interval, last)) : from;

    /// <summary>The requests an archive still needs: a series from the moment after its last candle
    /// (or its first day) to its last day; a traded option each of its days after its last candle.</summary>
    private static List<HistoricalChunk> Chunks(HistoryTarget target, DateTimeOffset? last)
    {
        var chunks = new List<HistoricalChunk>();
        var resume = last is { } l ? ResumeFrom(target.Archive.Interval, l) : (DateTimeOffset?)null;
        for (var r = 0; r < target.Days.Count; r++)
        {
            var range = target.Days[r];
            var start = Ist.At(range.From, TimeOnly.MinValue);
            if (resume is { } next && (target.Series || next > start)) start = next;
            var end = Ist.At(range.To, TimeOnly.MinValue).AddDays(1).AddSeconds(-1);
            if (start <= end) chunks.AddRange(HistoricalCandles.Split(start, end, target.Archive.Interval));
        }
        return chunks;
    }

    /// <summary>The first moment the archive lacks: the candle after its last, or the next day once
    /// that one would start at or after the close (a day already complete is never asked again).</summary>
    private static DateTimeOffset ResumeFrom(KiteInterval interval, DateTimeOffset last)
    {
        var next = last + Step(interval);
        return interval != KiteInterval.Day && Ist.TimeOf(next) >= MarketHours.Close
            ? Ist.At(Ist.DayOf(next).AddDays(1), TimeOnly.MinValue)
            : next;
    }

    /// <summary>Keeps the day's instrument dump as <c>instruments/instruments_DAY.csv</c> (once a day):
    /// option tokens change every expiry and Kite lists only live contracts, so a dump is the only
    /// record of which token was which option that day.</summary>
    public static async Task<string> ArchiveInstrumentsAsync(KiteRestClient rest, string dataFolder, DateOnly day, CancellationToken ct)
    {
        var path = InstrumentDumpPath(dataFolder, day);
        if (File.Exists(path)) return path;
        var bytes = await rest.GetInstrumentsCsvAsync(ct: ct);
        AtomicFile.Write(path, stream => stream.Write(bytes));
        return path;
    }

    public static string InstrumentDumpPath(string dataFolder, DateOnly day) =>
        Path.Combine(Path.GetFullPath(dataFolder), "instruments", $"instruments_{day:yyyy-MM-dd}.csv");

    public static TimeSpan Step(KiteInterval interval) => interval switch
    {
        KiteInterval.Minute => TimeSpan.FromMinutes(1),
        KiteInterval.ThreeMinute => TimeSpan.FromMinutes(3),
        KiteInterval.FiveMinute => TimeSpan.FromMinutes(5),
        KiteInterval.TenMinute => TimeSpan.FromMinutes(10),
        KiteInterval.FifteenMinute => TimeSpan.FromMinutes(15),
        KiteInterval.ThirtyMinute => TimeSpan.FromMinutes(30),
        KiteInterval.SixtyMinute => TimeSpan.FromMinutes(60),
        KiteInterval.Day => TimeSpan.FromDays(1),
        _ => throw new ArgumentOutOfRangeException(nameof(interval)),
    };
}
