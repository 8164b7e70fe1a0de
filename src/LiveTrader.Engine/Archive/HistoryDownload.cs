using LiveTrader.Core.Market;
using LiveTrader.Engine.Data;
using LiveTrader.Kite.Historical;
using LiveTrader.Kite.Rest;

namespace LiveTrader.Engine.Archive;

/// <summary>What to archive: these indices' candles of one interval over whole IST days.</summary>
public sealed record HistoryPlan(IReadOnlyList<HistoryIndex> Indices, KiteInterval Interval, DateOnly From, DateOnly To, string DataFolder);

/// <summary>An index to archive and its Kite instrument token.</summary>
public sealed record HistoryIndex(Segment Segment, uint Token);

/// <summary>One request done: how far a segment has come.</summary>
public sealed record HistoryStep(Segment Segment, int Request, int Requests, int Candles);

/// <summary>A segment's result: candles added this run, requests made, and the archive's file.</summary>
public sealed record HistoryOutcome(Segment Segment, string File, int Added, int Requests, DateTimeOffset? LastCandle);

/// <summary>Fills the data folder's candle archives from Kite's historical API (or the simulator's):
/// each archive is asked only for what comes after its last candle, in requests no longer than
/// Kite allows for the interval, and each answer is appended whole before the next is asked for, so a
/// run stopped anywhere (a kill, a 429 burst beyond the retries) resumes where it stopped and ends
/// with the same bytes as a run that never stopped. Pacing (3 a second) and retries on 429 and 5xx
/// are the Kite client's.</summary>
public static class HistoryDownload
{
    public static async Task<IReadOnlyList<HistoryOutcome>> RunAsync(KiteRestClient rest, HistoryPlan plan, Action<HistoryStep>? onStep, CancellationToken ct)
    {
        if (plan.To < plan.From) throw new ArgumentException($"'to' {plan.To:yyyy-MM-dd} is before 'from' {plan.From:yyyy-MM-dd}");
        var outcomes = new List<HistoryOutcome>();
        var end = Ist.At(plan.To, TimeOnly.MinValue).AddDays(1).AddSeconds(-1);
        foreach (var index in plan.Indices)
        {
            var archive = new CandleArchive(plan.DataFolder, index.Segment, plan.Interval);
            archive.RemoveStaleStaging();
            var last = archive.LastCandle();
            var start = ResumeFrom(plan, last);
            var added = 0;
            var chunks = start <= end ? HistoricalCandles.Split(start, end, plan.Interval) : [];
            for (var i = 0; i < chunks.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                var candles = await rest.GetHistoricalAsync(index.Token, plan.Interval, chunks[i].From, chunks[i].To, ct: ct);
                // Only what the archive lacks: a server that answers a little outside the range asked
                // for never makes a candle twice.
                var fresh = candles.Where(c => c.Time >= chunks[i].From && c.Time <= chunks[i].To && (last is null || c.Time > last)).ToList();
                added += archive.Append(fresh, last);
                if (fresh.Count > 0) last = fresh[^1].Time;
                onStep?.Invoke(new HistoryStep(index.Segment, i + 1, chunks.Count, fresh.Count));
            }
            outcomes.Add(new HistoryOutcome(index.Segment, archive.Path, added, chunks.Count, last));
        }
        return outcomes;
    }

    /// <summary>How many requests each index still needs, for a progress bar before the first one.</summary>
    public static int RequestsLeft(HistoryPlan plan, HistoryIndex index)
    {
        var start = ResumeFrom(plan, new CandleArchive(plan.DataFolder, index.Segment, plan.Interval).LastCandle());
        var end = Ist.At(plan.To, TimeOnly.MinValue).AddDays(1).AddSeconds(-1);
        return start <= end ? HistoricalCandles.Split(start, end, plan.Interval).Count : 0;
    }

    /// <summary>The first moment the archive lacks: the candle after its last, or the next day once
    /// that one would start at or after the close (a day already complete is never asked again).</summary>
    private static DateTimeOffset ResumeFrom(HistoryPlan plan, DateTimeOffset? last)
    {
        if (last is not { } l) return Ist.At(plan.From, TimeOnly.MinValue);
        var next = l + Step(plan.Interval);
        return plan.Interval != KiteInterval.Day && Ist.TimeOf(next) >= MarketHours.Close
            ? Ist.At(Ist.DayOf(next).AddDays(1), TimeOnly.MinValue)
            : next;
    }

    /// <summary>Keeps the day's instrument dump as <c>instruments/instruments_DAY.csv</c> (once a day):
    /// option tokens change every expiry and Kite lists only live contracts, so a dump is the only
    /// record of which token was which option that day.</summary>
    public static async Task<string> ArchiveInstrumentsAsync(KiteRestClient rest, string dataFolder, DateOnly day, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetFullPath(dataFolder), "instruments", $"instruments_{day:yyyy-MM-dd}.csv");
        if (File.Exists(path)) return path;
        var bytes = await rest.GetInstrumentsCsvAsync(ct: ct);
        AtomicFile.Write(path, stream => stream.Write(bytes));
        return path;
    }

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
