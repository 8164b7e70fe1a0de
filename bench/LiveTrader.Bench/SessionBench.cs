using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using LiveTrader.App.Configuration;
using LiveTrader.Core.Charges;
using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;
using LiveTrader.Core.Risk;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Execution;
using LiveTrader.Engine.Journal;
using LiveTrader.Engine.Paper;
using LiveTrader.Engine.Session;
using LiveTrader.Kite.Ticker;

namespace LiveTrader.Bench;

/// <summary>
/// `--session latency|throughput|day`: the paper engine's tick path measured end to end, outside BenchmarkDotNet
/// (percentiles of single ticks, not means of batches). See BENCHMARKS.md "Paper session".
/// </summary>
public static class SessionBench
{
    private static readonly Segment[] Segments = [Segment.NIFTY, Segment.BANKNIFTY, Segment.SENSEX];
    private static readonly DateOnly Day = new(2026, 3, 4);
    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    public static void Run(string[] args)
    {
        var mode = args.Length > 1 ? args[1] : "all";
        int Arg(string name, int dflt) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : dflt;
        Console.WriteLine(F($"runtime {Environment.Version}, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}"));
        if (mode is "latency" or "all")
        {
            var n = Arg("--ticks", 100_000);
            var gapUs = Arg("--gap-us", 200);
            foreach (var journal in new[] { false, true }) Latency(journal, n, gapUs);
        }
        if (mode is "throughput" or "all")
        {
            var n = Arg("--ticks", 100_000);
            foreach (var journal in new[] { false, true }) Throughput(journal, journal ? Math.Min(n, Arg("--journal-ticks", 30_000)) : n);
        }
        if (mode is "day" or "all") SimulatedDay();
    }

    // ------------------------------------------------------------------ building blocks

    private sealed class FixedSelector(OptionContract contract) : IContractSelector
    {
        public OptionContract? Select(OptionType type, decimal spot, DateTimeOffset time, out string? refusal)
        {
            refusal = null;
            return contract with { Type = type };
        }
    }

    /// <summary>Timestamps every call on the loop's thread: Mark is called for the status card right after the
    /// agent decided on an input (while in position); Submit is an order request.</summary>
    private sealed class TimingExecution(IOrderVenue inner, IMarkPrice marks) : IOrderVenue, IMarkPrice
    {
        public long LastMark;
        public long LastIntent;
        public int Intents;
        public IReadOnlyList<OrderUpdate> Submit(OrderRequest r) { LastIntent = Stopwatch.GetTimestamp(); Intents++; return inner.Submit(r); }
        public decimal? Mark(OptionContract c, DateTimeOffset t, decimal s) { LastMark = Stopwatch.GetTimestamp(); return marks.Mark(c, t, s); }
    }

    private sealed class CountingStore(IStepStore inner) : IStepStore
    {
        public int Commits;
        public void Commit(Segment segment, DateOnly day, string snapshot, IReadOnlyList<AgentEvent> events, IReadOnlyList<TradeRecord> trades)
        {
            Interlocked.Increment(ref Commits);
            inner.Commit(segment, day, snapshot, events, trades);
        }
        public string? Snapshot(Segment segment, DateOnly day) => inner.Snapshot(segment, day);
        public IReadOnlyList<TradeRecord> Trades(Segment segment, DateOnly day) => inner.Trades(segment, day);
        public void RecordOrder(OrderLedgerRow row) => inner.RecordOrder(row);
        public IReadOnlyList<OrderLedgerRow> OrderLog(DateOnly day) => inner.OrderLog(day);
    }

    private sealed record Rig(SegmentSession Session, TimingExecution Execution, OptionContract Contract, decimal Spot, uint IndexToken, decimal Trail);

    private static (LiveTraderSettings Settings, IStepStore Store, SessionJournal? Journal, string Folder) NewStore(bool journal, string name)
    {
        var settings = SettingsLoader.Load(null);
        var folder = Path.Combine(Path.GetTempPath(), $"lt-sessionbench-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        if (!journal) return (settings, new MemoryStepStore(), null, folder);
        var j = SessionJournal.Open(Path.Combine(folder, "journal.db"));
        return (settings, new JournalStepStore(j, new DailyLogs(folder, PaperSession.PaperMode)), j, folder);
    }

    private static Rig NewRig(LiveTraderSettings settings, IStepStore store, IRiskGate risk, Segment segment, bool inPosition)
    {
        var seg = settings.Segments[segment.ToString()];
        var spot = segment switch { Segment.NIFTY => 22_500m, Segment.BANKNIFTY => 48_000m, _ => 74_000m };
        var contract = new OptionContract(segment, Day.AddDays(2), spot - (spot % 100), OptionType.CE, $"{segment}26MAR{spot - (spot % 100)}CE")
        { LotSize = seg.LotSize, InstrumentToken = 9_000_000u + (uint)segment };
        var quotes = new QuoteBook();
        var exec = new TimingExecution(new SimulatedVenue(new QuoteFillModel(quotes, TimeSpan.FromSeconds(5), seg.SlippageTicks)), new QuoteMark(quotes, new Core.Pricing.OptionPricer(ExpiryCalendar.Default), seg.ImpliedVolatility));
        var session = new SegmentSession(AgentParameters.From(settings, segment), settings.Strategy.ToStrategyParameters(),
            new FixedSelector(contract), exec, RiskLimits.From(settings, segment), exec, new RateTableCharges(new ChargesCalculator(settings.ChargeRates)), risk, store, quotes);
        var entry = Ist.At(Day, new TimeOnly(9, 20));
        if (inPosition)
        {
            var trail = seg.TrailingStopPoints;
            session.Agent.Restore(new AgentSnapshot(Day, true, 1, 0m, null, null, spot, null, false,
                new PositionSnapshot("BENCH-1", "CE", contract, spot, spot - seg.StopLossPoints, trail, spot, spot - trail, entry, false,
                    [new Fill(entry, 200m, seg.LotSize, "ask")], spot, null)));
        }
        return new Rig(session, exec, contract, spot, seg.IndexToken == 0 ? 256_265u : seg.IndexToken, seg.TrailingStopPoints);
    }

    /// <summary>An index path that drifts up with pull-backs well inside the trail: the position stays open all
    /// day while the trail keeps tightening (a journal commit on every new best spot).</summary>
    private static decimal[] SpotPath(decimal start, decimal trail, int n, int seed)
    {
        var rng = new Random(seed);
        var result = new decimal[n];
        double level = (double)start, noise = 0, amp = (double)trail * 0.3;
        for (var i = 0; i < n; i++)
        {
            level += 0.01;
            noise = Math.Clamp(noise + (rng.NextDouble() - 0.5) * 2, -amp, amp);
            result[i] = Math.Round((decimal)(level + noise) * 20m) / 20m;
        }
        return result;
    }

    /// <summary>One index packet in full mode (32 bytes with the exchange timestamp), as a one-packet frame.</summary>
    private static byte[] Frame(uint token, decimal spot, DateTimeOffset time)
    {
        var t = new KiteTick
        {
            InstrumentToken = token, Mode = TickMode.Full, Tradable = false, RawLastPrice = (uint)(spot * 100),
            RawOpen = (uint)(spot * 100), RawHigh = (uint)(spot * 100), RawLow = (uint)(spot * 100), RawClose = (uint)(spot * 100),
            ExchangeTimestampUnix = (uint)time.ToUnixTimeSeconds(),
        };
        var buffer = new byte[TickCodec.FrameSize([t])];
        TickCodec.WriteFrame([t], buffer);
        return buffer;
    }

    /// <summary>What KiteLiveMarket.OnTicks does with each decoded packet.</summary>
    private static Tick ToTick(in KiteTick t)
    {
        var bid = t.DepthCount > 0 ? t.ToPrice(t.Bids[0].RawPrice) : 0m;
        var ask = t.DepthCount > 0 ? t.ToPrice(t.Offers[0].RawPrice) : 0m;
        return new Tick(t.InstrumentToken, Ist.From(t.ExchangeTimestamp ?? DateTimeOffset.UnixEpoch), t.LastPrice, bid, ask, t.Volume);
    }

    private static Tick OptionQuote(OptionContract c, DateTimeOffset time, decimal ltp) =>
        new(c.InstrumentToken, time, ltp, ltp - 0.05m, ltp + 0.05m, 1000);

    private static void Cleanup(SessionJournal? journal, string folder)
    {
        journal?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    // ------------------------------------------------------------------ 1. latency

    /// <summary>A copy of <see cref="SegmentLoop"/>'s loop (same unbounded single-reader channel, same
    /// Task.Run + await foreach) that stamps the moment Handle returns, which SegmentLoop does not expose.</summary>
    private sealed class StampingLoop
    {
        private readonly Channel<AgentInput> _inbox = Channel.CreateUnbounded<AgentInput>(new UnboundedChannelOptions { SingleReader = true });
        private readonly Task _run;

        public StampingLoop(SegmentSession session, TimingExecution exec, long[] marked, long[] done, long[] intent, long[] began)
        {
            _run = Task.Run(async () =>
            {
                var k = 0;
                await foreach (var input in _inbox.Reader.ReadAllAsync())
                {
                    var intents = exec.Intents;
                    var b = Stopwatch.GetTimestamp();
                    session.Handle(input);
                    if (input is not IndexTickInput) continue;
                    done[k] = Stopwatch.GetTimestamp();
                    began[k] = b;
                    marked[k] = exec.LastMark >= b ? exec.LastMark : 0;   // no Mark call when flat
                    intent[k] = exec.Intents != intents ? exec.LastIntent : 0;
                    k++;
                }
            });
        }

        public void Post(AgentInput input) => _inbox.Writer.TryWrite(input);

        public Task StopAsync()
        {
            _inbox.Writer.TryComplete();
            return _run;
        }
    }

    private static void Latency(bool journal, int n, int gapUs)
    {
        var (settings, inner, j, folder) = NewStore(journal, "latency");
        var store = new CountingStore(inner);
        var rig = NewRig(settings, store, new SessionRiskBook(null, null), Segment.NIFTY, inPosition: true);
        const int warm = 20_000;
        var total = warm + n;
        var spots = SpotPath(rig.Spot, rig.Trail, total, 7);
        var start = Ist.At(Day, new TimeOnly(9, 20));
        // 10 index ticks a second of exchange time: 120k ticks end at 12:40, well before square-off.
        var frames = new byte[total][];
        for (var i = 0; i < total; i++) frames[i] = Frame(rig.IndexToken, spots[i], start.AddMilliseconds(100.0 * i));
        long[] t0 = new long[total], posted = new long[total], marked = new long[total], done = new long[total], intent = new long[total], began = new long[total];
        var loop = new StampingLoop(rig.Session, rig.Execution, marked, done, intent, began);
        var decoded = new KiteTick[8];
        var gap = Stopwatch.Frequency * gapUs / 1_000_000;
        var next = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            while (Stopwatch.GetTimestamp() < next) Thread.SpinWait(20);
            next += gap;
            if (i % 5 == 0)
            {
                // the held option's quote a moment before: fresh for an exit fill, as on the live feed
                var q = OptionQuote(rig.Contract, start.AddMilliseconds(100.0 * i), 200m);
                loop.Post(new OptionTickInput(q.Time, q));
            }
            t0[i] = Stopwatch.GetTimestamp();
            var r = TickCodec.ParseFrame(frames[i], decoded);
            for (var p = 0; p < r.Ticks; p++)
            {
                var tick = ToTick(decoded[p]);
                loop.Post(new IndexTickInput(tick.Time, tick.LastPrice));
            }
            posted[i] = Stopwatch.GetTimestamp();
        }
        loop.StopAsync().GetAwaiter().GetResult();
        var commits = store.Commits;
        var inPosition = rig.Session.Agent.Position is not null;
        Cleanup(j, folder);

        double Us(long ticks) => ticks * 1e6 / Stopwatch.Frequency;
        var label = journal ? "JournalStepStore (SQLite + CSV)" : "MemoryStepStore";
        Console.WriteLine(F($"\nlatency, {label}: {n:#,0} index ticks measured after {warm:#,0} warm-up, one every {gapUs} µs, + an option tick every 5th; {commits:#,0} commits in all, still in position at the end: {inPosition}"));
        Report("frame bytes -> posted (ParseFrame + Tick + IndexTickInput + TryWrite)", Enumerable.Range(warm, n).Select(i => Us(posted[i] - t0[i])));
        Report("frame bytes -> agent decided (Mark call in Card)", Enumerable.Range(warm, n).Where(i => marked[i] != 0).Select(i => Us(marked[i] - t0[i])));
        Report("frame bytes -> Handle returned (snapshot JSON + commit)", Enumerable.Range(warm, n).Select(i => Us(done[i] - t0[i])));
        Report("  of which: waiting in the inbox (posted -> Handle began)", Enumerable.Range(warm, n).Select(i => Us(began[i] - posted[i])));
        Report("  of which: Handle itself (began -> returned)", Enumerable.Range(warm, n).Select(i => Us(done[i] - began[i])));
        var intents = Enumerable.Range(0, total).Where(i => intent[i] != 0).Select(i => Us(intent[i] - t0[i])).ToList();
        if (intents.Count > 0) Report("frame bytes -> order intent (Buy/Sell)", intents);
    }

    private static void Report(string what, IEnumerable<double> microseconds)
    {
        var s = microseconds.Order().ToArray();
        double P(double q) => s[Math.Min(s.Length - 1, (int)(q * s.Length))];
        Console.WriteLine(F($"  {what,-72} n={s.Length,7:#,0}  p50 {P(0.50),8:0.0} µs  p90 {P(0.90),8:0.0}  p99 {P(0.99),8:0.0}  p99.9 {P(0.999),8:0.0}  max {s[^1],9:0.0}"));
    }

    // ------------------------------------------------------------------ 2. throughput

    private static void Throughput(bool journal, int n)
    {
        var (settings, inner, j, folder) = NewStore(journal, "throughput");
        var store = new CountingStore(inner);
        var risk = new SessionRiskBook(null, null);
        var rigs = Segments.Select(s => NewRig(settings, store, risk, s, inPosition: true)).ToArray();
        var start = Ist.At(Day, new TimeOnly(9, 20));
        var inputs = rigs.Select((r, k) =>
        {
            var spots = SpotPath(r.Spot, r.Trail, n, 11 + k);
            var list = new List<AgentInput>(n + n / 5);
            for (var i = 0; i < n; i++)
            {
                var time = start.AddMilliseconds(200.0 * i);
                if (i % 5 == 0) list.Add(new OptionTickInput(time, OptionQuote(r.Contract, time, 200m)));
                list.Add(new IndexTickInput(time, spots[i]));
            }
            return list;
        }).ToArray();
        // warm-up: the same code paths on throw-away sessions
        {
            var (ws, wi, wj, wf) = NewStore(journal, "warm");
            var warmRig = NewRig(ws, wi, new SessionRiskBook(null, null), Segment.NIFTY, inPosition: true);
            foreach (var input in inputs[0].Take(Math.Min(20_000, inputs[0].Count))) warmRig.Session.Handle(input);
            Cleanup(wj, wf);
        }
        var loops = rigs.Select(r => new SegmentLoop(r.Session)).ToArray();
        var count = inputs.Sum(l => l.Count);
        GC.Collect();
        var gc0 = GC.CollectionCount(0);
        var alloc0 = GC.GetTotalAllocatedBytes(true);
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < inputs[0].Count; i++)
            for (var k = 0; k < loops.Length; k++) loops[k].Post(inputs[k][i]);
        var postedAt = sw.Elapsed;
        Task.WaitAll(loops.Select(l => l.StopAsync()).ToArray());
        sw.Stop();
        var alloc = GC.GetTotalAllocatedBytes(true) - alloc0;
        var positions = rigs.Count(r => r.Session.Agent.Position is not null);
        Cleanup(j, folder);
        var label = journal ? "JournalStepStore (SQLite + CSV)" : "MemoryStepStore";
        var indexTicks = 3 * n;
        Console.WriteLine(F($"\nthroughput, {label}: 3 SegmentLoops, {indexTicks:#,0} index ticks + {count - indexTicks:#,0} option ticks posted as fast as possible"));
        Console.WriteLine(F($"  posted in {postedAt.TotalMilliseconds:0} ms, all drained in {sw.Elapsed.TotalMilliseconds:0} ms: {count / sw.Elapsed.TotalSeconds,12:#,0} inputs/s, {indexTicks / sw.Elapsed.TotalSeconds,12:#,0} index ticks/s; {store.Commits:#,0} commits; {alloc / (double)count:#,0} B allocated per input; gen0 GCs {GC.CollectionCount(0) - gc0}; {positions}/3 still in position"));
    }

    // ------------------------------------------------------------------ 3. a simulated day

    private static void SimulatedDay()
    {
        var (settings, inner, j, folder) = NewStore(journal: true, "day");
        var store = new CountingStore(inner);
        var risk = new SessionRiskBook(settings.Risk.DailyLossLimit, settings.Risk.DailyProfitTarget);
        var timeframe = settings.Strategy.ParsedTimeframe();
        var rigs = Segments.Select(s => NewRig(settings, store, risk, s, inPosition: false)).ToArray();
        var recorders = new List<SessionRecorder>();
        var loops = new List<SegmentLoop>();
        var builders = new List<LiveCandleBuilder>();
        var rng = new Random(42);
        var open = Ist.At(Day, MarketHours.Open);
        var spots = rigs.Select(r => (double)r.Spot).ToArray();
        var sw = Stopwatch.StartNew();
        foreach (var r in rigs)
        {
            var seg = settings.Segments[r.Session.Segment.ToString()];
            var rec = new SessionRecorder(System.IO.Path.Combine(folder, "recordings", SessionRecorder.FileName(r.Session.Segment, Day)),
                new RecordingHeader(r.Session.Segment, 5, seg.SlippageTicks));
            recorders.Add(rec);
            // 150 warm-up candles of the previous days, as PaperSession fetches them
            var level = (double)r.Spot;
            for (var c = PaperSession.WarmUpCandles; c > 0; c--)
            {
                var t = open.AddDays(-1).AddMinutes(-timeframe.Length.TotalMinutes * c + 375);
                var o = level; level += (rng.NextDouble() - 0.5) * 40;
                var candle = new Candle(t, (decimal)Math.Round(o, 1), (decimal)Math.Round(Math.Max(o, level) + 5, 1), (decimal)Math.Round(Math.Min(o, level) - 5, 1), (decimal)Math.Round(level, 1), 0);
                var w = new WarmUpCandleInput(t + timeframe.Length, candle);
                rec.Record(w);
                r.Session.Handle(w);
            }
            loops.Add(new SegmentLoop(r.Session, rec.Record));
            builders.Add(new LiveCandleBuilder(timeframe, TimeSpan.FromSeconds(2)));
        }
        long inputs = 0;
        var perSegment = new long[rigs.Length];
        // 09:15:00-15:30:00, one index tick a second per index, the two watched options a second each, clock beats at 4 Hz
        for (var sec = 0; sec < 22_500; sec++)
        {
            var now = open.AddSeconds(sec);
            for (var k = 0; k < rigs.Length; k++)
            {
                var r = rigs[k];
                spots[k] += (rng.NextDouble() - 0.5) * (double)r.Spot * 0.0004 + (Math.Sin(sec / 1800.0 + k) * (double)r.Spot * 0.00003);
                var spot = Math.Round((decimal)spots[k] * 20m) / 20m;
                if (builders[k].OnTick(now, spot) is Candle closed) { loops[k].Post(new CandleClosedInput(closed.Start + timeframe.Length, closed)); inputs++; perSegment[k]++; }
                loops[k].Post(new IndexTickInput(now, spot)); inputs++; perSegment[k]++;
                var premium = Math.Max(5m, Math.Round((200m + (spot - r.Spot) * 0.6m) * 20m) / 20m);
                loops[k].Post(new OptionTickInput(now, OptionQuote(r.Contract with { Type = OptionType.CE }, now, premium))); inputs++; perSegment[k]++;
                for (var b = 0; b < 4; b++)
                {
                    var beat = now.AddMilliseconds(250 * b);
                    if (builders[k].OnClock(beat) is Candle c2) { loops[k].Post(new CandleClosedInput(c2.Start + timeframe.Length, c2)); inputs++; perSegment[k]++; }
                    loops[k].Post(new ClockInput(beat)); inputs++; perSegment[k]++;
                }
            }
            // keep the inboxes short, as a real-time feed would: wait for the loops every simulated minute
            if (sec % 60 == 59)
                for (var k = 0; k < rigs.Length; k++)
                    while (rigs[k].Session.InputsHandled < PaperSession.WarmUpCandles + perSegment[k]) Thread.Sleep(1);
        }
        Task.WaitAll(loops.Select(l => l.StopAsync()).ToArray());
        sw.Stop();
        foreach (var rec in recorders) rec.Dispose();
        var trades = Segments.Sum(s => store.Trades(s, Day).Count);
        var afterRun = Environment.WorkingSet;
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        var info = GC.GetGCMemoryInfo();
        var status = File.ReadAllLines("/proc/self/status");
        string Kb(string key) => status.FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "?";
        var recordingBytes = Directory.GetFiles(System.IO.Path.Combine(folder, "recordings")).Sum(f => new FileInfo(f).Length);
        var journalBytes = new FileInfo(System.IO.Path.Combine(folder, "journal.db")).Length;
        Console.WriteLine(F($"\nsimulated day (JournalStepStore + recorder, 3 SegmentLoops, 150 warm-up candles each): {inputs:#,0} live inputs in {sw.Elapsed.TotalSeconds:0.0} s; {store.Commits:#,0} commits, {trades} trades"));
        Console.WriteLine(F($"  managed heap after full GC {managed / 1048576.0:0.0} MB; GC heap size {info.HeapSizeBytes / 1048576.0:0.0} MB; working set {afterRun / 1048576.0:0.0} MB; VmRSS {Kb("VmRSS")}; peak RSS (VmHWM) {Kb("VmHWM")}"));
        Console.WriteLine(F($"  files: recordings {recordingBytes / 1048576.0:0.0} MB, journal.db {journalBytes / 1048576.0:0.0} MB"));
        Cleanup(j, folder);
    }
}
