using System.Collections.Concurrent;
using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;

namespace LiveTrader.Sim.Market;

/// <summary>
/// The simulated market of one trading day: index paths (replayed or seeded), derivative prices derived from them,
/// snapshots for quotes and ticks, and historical candles for the day and earlier sessions. Thread-safe; every
/// answer is a pure function of (options, seed, simulated time).
/// </summary>
public sealed class SimMarket
{
    private const int MaxPastCalendarDays = 800;

    private readonly Dictionary<IndexSpec, IndexDay> _today = [];
    private readonly Dictionary<IndexSpec, CandleReplay> _replays = [];
    private readonly ConcurrentDictionary<(IndexSpec, DateOnly), PastDay?> _past = new();
    private readonly ExpiryCalendar _calendar;
    private readonly ulong _seed;
    private readonly object _pastGate = new();

    public SimMarket(SimOptions options, ExpiryCalendar? calendar = null)
    {
        _calendar = calendar ?? ExpiryCalendar.Default;
        _seed = options.Seed;
        foreach (var file in options.ReplayFiles)
            _replays[SpecForFile(file)] = CandleReplay.Load(file);

        var day = options.Clock?.Day ?? options.Date ?? DefaultDay(options);
        Clock = options.Clock ?? new SimClock(Ist.At(day, MarketHours.Open), options.Speed, options.TimeProvider, options.HoldClock);
        Day = day;
        Book = new OptionBook(_calendar);

        var levels = new Dictionary<IndexSpec, double>();
        foreach (var spec in IndexSpec.All)
        {
            var lot = spec.LotSize(day);
            double[] prices;
            double prevClose;
            int lastActive = IndexDay.SessionSeconds;
            if (_replays.TryGetValue(spec, out var replay))
            {
                if (!replay.HasDay(day))
                    throw new ArgumentException($"replay file for {spec.Segment} has no candles on {day:yyyy-MM-dd} (it covers {replay.Days.First():yyyy-MM-dd} to {replay.Days.Last():yyyy-MM-dd})");
                (prices, lastActive) = replay.BuildPath(day, _seed);
                prevClose = replay.PreviousClose(day) ?? prices[0];
            }
            else
            {
                double open = options.OpeningLevels.TryGetValue(spec.Segment.ToString(), out var l) ? l : spec.DefaultLevel;
                var (log, gap) = IndexPath.Relative(spec, day, _seed);
                prices = IndexPath.Prices(log, open);
                prevClose = IndexDay.Round05(open / Math.Exp(gap));
            }
            var volume = IndexDay.BuildVolume(prices, SimRandom.Hash(_seed, (ulong)spec.Segment, 77), lot * 4.0);
            _today[spec] = new IndexDay(spec, day, prevClose, prices, volume, lastActive);
            levels[spec] = prices[0];
        }
        Catalog = new InstrumentCatalog(day, levels, _calendar);
    }

    public SimClock Clock { get; }
    public DateOnly Day { get; }
    public InstrumentCatalog Catalog { get; }
    public OptionBook Book { get; }
    public ExpiryCalendar Calendar => _calendar;

    /// <summary>Is the simulated exchange open (09:15 ≤ now &lt; 15:30 of the trading day)?</summary>
    public bool IsOpen(DateTimeOffset now) => Ist.DayOf(now) == Day && now >= Today(IndexSpec.Nifty).Open && now < Ist.At(Day, MarketHours.Close);

    public IndexDay Today(IndexSpec spec) => _today[spec];

    /// <summary>Index for a replay file from its name (BANKNIFTY…, SENSEX…, otherwise NIFTY).</summary>
    public static IndexSpec SpecForFile(string path)
    {
        var name = Path.GetFileName(path).ToUpperInvariant();
        if (name.StartsWith("BANKNIFTY", StringComparison.Ordinal) || name.StartsWith("NIFTY BANK", StringComparison.Ordinal)) return IndexSpec.BankNifty;
        if (name.StartsWith("SENSEX", StringComparison.Ordinal)) return IndexSpec.Sensex;
        return IndexSpec.Nifty;
    }

    private DateOnly DefaultDay(SimOptions options)
    {
        if (options.ReplayFiles.Count > 0)
            return _replays[SpecForFile(options.ReplayFiles[0])].Days.Last();
        var d = Ist.DayOf(options.TimeProvider.GetUtcNow());
        while (!_calendar.IsTradingDay(d) || d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) d = d.AddDays(-1);
        return d;
    }

    // ------------------------------------------------------------------ snapshots

    public InstrumentSnapshot Snapshot(SimInstrument inst, DateTimeOffset? at = null)
    {
        var now = at ?? Clock.Now;
        var idx = Today(inst.Underlying);
        int s = idx.SecondOf(now);
        var t = idx.TimeOfSecond(s);
        double spot = idx.PriceAt(s), open = idx.PriceAt(0), hi = idx.HighUpTo(s), lo = idx.LowUpTo(s);
        ulong h = SimRandom.Hash(_seed, inst.InstrumentToken, (ulong)s);
        switch (inst.Kind)
        {
            case SimInstrumentKind.Index:
                return new InstrumentSnapshot(inst, t, spot, 0, 0, 0, 0, 0, open, hi, lo, idx.PreviousClose, null, 0, 0, 0, [], []);

            case SimInstrumentKind.Future:
            {
                var e = inst.Expiry!.Value;
                double F(double x, DateTimeOffset when) => OptionBook.FuturePrice(x, e, when, Book.FuturesRate, inst.TickSize);
                double ltp = F(spot, t), o = F(open, idx.Open);
                double high = Math.Max(Math.Max(F(hi, t), ltp), o), low = Math.Min(Math.Min(F(lo, t), ltp), o);
                var prevDay = Book.PreviousTradingDay(Day);
                double prevClose = F(idx.PreviousClose, Ist.At(prevDay, MarketHours.Close));
                long volume = idx.VolumeUpTo(s);
                double avg = Math.Round((o + high + low + ltp) / 4, 2);
                var (oi, oiHigh, oiLow) = OpenInterest(inst, s, 12_000_000);
                var (bids, offers) = OptionBook.Depth(ltp, (double)inst.TickSize, inst.LotSize, h);
                return new InstrumentSnapshot(inst, t, ltp, inst.LotSize * (long)(1 + h % 8), avg, volume,
                    Sum(bids) * 40, Sum(offers) * 40, o, high, low, prevClose, t, oi, oiHigh, oiLow, bids, offers);
            }

            default:
            {
                var type = inst.OptionType!.Value;
                var e = inst.Expiry!.Value;
                double k = (double)inst.Strike;
                double P(double x, DateTimeOffset when) => Book.OptionPrice(inst.Underlying, type, k, e, x, when);
                double ltp = P(spot, t), o = P(open, idx.Open);
                double atHigh = P(hi, t), atLow = P(lo, t);
                double high = Math.Max(Math.Max(atHigh, atLow), Math.Max(ltp, o));
                double low = Math.Min(Math.Min(atHigh, atLow), Math.Min(ltp, o));
                var prevDay = Book.PreviousTradingDay(Day);
                double prevClose = P(idx.PreviousClose, Ist.At(prevDay, MarketHours.Close));
                double weight = MoneynessWeight(inst, spot);
                long volume = (long)(idx.VolumeUpTo(s) * 6 * weight) / inst.LotSize * inst.LotSize;
                double avg = IndexDay.Round05((o + high + low + ltp) / 4);
                var (oi, oiHigh, oiLow) = OpenInterest(inst, s, (long)(8_000_000 * weight));
                var (bids, offers) = OptionBook.Depth(ltp, 0.05, inst.LotSize, h);
                return new InstrumentSnapshot(inst, t, ltp, inst.LotSize * (long)(1 + h % 10), avg, volume,
                    Sum(bids) * 30, Sum(offers) * 30, o, high, low, prevClose, t, oi, oiHigh, oiLow, bids, offers);
            }
        }
    }

    private static long Sum(SimDepthLevel[] levels) => levels.Sum(l => l.Quantity);

    private static double MoneynessWeight(SimInstrument inst, double spot) =>
        Math.Exp(-Math.Abs(Math.Log((double)inst.Strike / spot)) * 40);

    private (long Oi, long High, long Low) OpenInterest(SimInstrument inst, int second, long scale)
    {
        ulong h = SimRandom.Hash(_seed, inst.InstrumentToken, 99);
        long lot = Math.Max(1, inst.LotSize);
        long start = (long)(scale * (0.2 + SimRandom.Unit(h))) / lot * lot;
        double drift = (SimRandom.Unit(h >> 7) - 0.4) * 0.3;           // −12 % … +18 % over the day
        long Oi(int s) => (long)(start * (1 + drift * s / IndexDay.SessionSeconds)) / lot * lot;
        long now = Oi(second);
        return (now, Math.Max(start, now), Math.Min(start, now));
    }

    // ------------------------------------------------------------------ historical

    /// <summary>The days of [from, to] the simulator has history of: none after its own day, none
    /// further back than <see cref="MaxPastCalendarDays"/>.</summary>
    private (DateOnly First, DateOnly Last) ServedDays(DateTimeOffset from, DateTimeOffset to)
    {
        var first = Ist.DayOf(from);
        var last = Ist.DayOf(to);
        return (first < Day.AddDays(-MaxPastCalendarDays) ? Day.AddDays(-MaxPastCalendarDays) : first, last > Day ? Day : last);
    }

    /// <summary>
    /// Candles of an instrument with starts in [from, to], for <paramref name="intervalMinutes"/> 1…375 (buckets aligned
    /// to 09:15) or 0 for day candles. The simulated day contributes only what has happened by now (the current
    /// candle is partial); later days nothing.
    /// </summary>
    public List<SimCandle> Candles(SimInstrument inst, int intervalMinutes, DateTimeOffset from, DateTimeOffset to, DateTimeOffset? at = null)
    {
        var now = at ?? Clock.Now;
        var result = new List<SimCandle>();
        var (firstDay, lastDay) = ServedDays(from, to);
        for (var d = firstDay; d <= lastDay; d = d.AddDays(1))
        {
            var bars = InstrumentMinutes(inst, d, now);
            if (bars is null) continue;
            if (intervalMinutes == 0)
            {
                var day = Aggregate(bars, 0, 375);
                var start = new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), Ist.Offset);
                if (day is { } c)
                    result.Add(c with { Start = start });
                continue;
            }
            var open = Ist.At(d, MarketHours.Open);
            for (int m = 0; m < 375; m += intervalMinutes)
            {
                var start = open.AddMinutes(m);
                if (start < from || start > to) continue;
                if (Aggregate(bars, m, Math.Min(375, m + intervalMinutes)) is { } c) result.Add(c with { Start = start });
            }
        }
        return result;
    }

    /// <summary>
    /// Day candles of a future with <c>continuous=1</c>: each day's candle is the contract nearest expiry that day
    /// (the one a new month's contract replaces the day after each monthly expiry), so a live token reaches back
    /// across expired months as Kite's continuous data does; only day candles exist this way.
    /// </summary>
    public List<SimCandle> ContinuousDayCandles(SimInstrument future, DateTimeOffset from, DateTimeOffset to, DateTimeOffset? at = null)
    {
        if (future.Kind != SimInstrumentKind.Future) throw new ArgumentException($"{future.Tradingsymbol} is not a future", nameof(future));
        var now = at ?? Clock.Now;
        var result = new List<SimCandle>();
        var (firstDay, lastDay) = ServedDays(from, to);
        for (var d = firstDay; d <= lastDay; d = d.AddDays(1))
        {
            var start = new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), Ist.Offset);
            if (start < from || start > to) continue;
            var contract = future with { Expiry = NearMonthExpiry(future.Underlying.Segment, d) };
            if (InstrumentMinutes(contract, d, now) is { } bars && Aggregate(bars, 0, 375) is { } c)
                result.Add(c with { Start = start });
        }
        return result;
    }

    /// <summary>The expiry of the month's contract on a day: this month's, or next month's once this month's has passed.</summary>
    private DateOnly NearMonthExpiry(Segment segment, DateOnly d)
    {
        var e = _calendar.MonthlyExpiry(segment, d.Year, d.Month);
        if (e >= d) return e;
        var next = new DateOnly(d.Year, d.Month, 1).AddMonths(1);
        return _calendar.MonthlyExpiry(segment, next.Year, next.Month);
    }

    /// <summary>
    /// The first day a derivative trades: index futures run in three serial months, a new one listed the day after
    /// each monthly expiry (NSE contract specification), so a contract expiring in month M trades from the day after
    /// month M−3's monthly expiry. The simulator lists its options on the same rule. Before it Kite has no candles.
    /// </summary>
    public DateOnly ListingDay(SimInstrument derivative)
    {
        var e = derivative.Expiry ?? throw new ArgumentException($"{derivative.Tradingsymbol} has no expiry", nameof(derivative));
        var month = new DateOnly(e.Year, e.Month, 1).AddMonths(-3);
        return _calendar.MonthlyExpiry(derivative.Underlying.Segment, month.Year, month.Month).AddDays(1);
    }

    private static SimCandle? Aggregate((MinuteBar Bar, long Volume, long Oi)?[] bars, int from, int to)
    {
        SimCandle? c = null;
        for (int m = from; m < to; m++)
        {
            if (bars[m] is not { } b) continue;
            c = c is { } x
                ? x with { High = Math.Max(x.High, b.Bar.High), Low = Math.Min(x.Low, b.Bar.Low), Close = b.Bar.Close, Volume = x.Volume + b.Volume, OpenInterest = b.Oi }
                : new SimCandle(default, b.Bar.Open, b.Bar.High, b.Bar.Low, b.Bar.Close, b.Volume, b.Oi);
        }
        return c;
    }

    /// <summary>Minute bars of an instrument on a day (null entries for minutes without trading).</summary>
    private (MinuteBar Bar, long Volume, long Oi)?[]? InstrumentMinutes(SimInstrument inst, DateOnly d, DateTimeOffset now)
    {
        // A contract has candles from its listing to its expiry, never outside.
        if (inst.Kind != SimInstrumentKind.Index && (d > inst.Expiry!.Value || d < ListingDay(inst))) return null;
        var spec = inst.Underlying;
        var bars = new (MinuteBar, long, long)?[375];
        MinuteBar?[] index = new MinuteBar?[375];
        long[] volume = new long[375];
        // A candle's open interest is the one at its last second so far, as the quote shows it.
        var lastSecond = int.MaxValue;
        if (d == Day)
        {
            var today = Today(spec);
            int s = today.SecondOf(now);
            lastSecond = s;
            if (now < today.Open) return null;
            for (int m = 0; m < 375 && m * 60 <= s && m * 60 <= today.LastActiveSecond; m++)
            {
                index[m] = today.PartialMinute(m, s);
                volume[m] = today.VolumeUpTo(Math.Min(s, m * 60 + 59)) - today.VolumeUpTo(m * 60);
            }
        }
        else
        {
            if (Past(spec, d) is not { } past) return null;
            index = past.Minutes;
            volume = past.Volume;
        }

        var open = Ist.At(d, MarketHours.Open);
        for (int m = 0; m < 375; m++)
        {
            if (index[m] is not { } b) continue;
            var start = open.AddMinutes(m);
            var end = start.AddSeconds(59);
            switch (inst.Kind)
            {
                case SimInstrumentKind.Index:
                    bars[m] = (b, 0, 0);
                    break;
                case SimInstrumentKind.Future:
                {
                    var e = inst.Expiry!.Value;
                    double F(double x, DateTimeOffset t) => OptionBook.FuturePrice(x, e, t, Book.FuturesRate, inst.TickSize);
                    var bar = new MinuteBar(F(b.Open, start), F(b.High, start), F(b.Low, start), F(b.Close, end));
                    bars[m] = (Widen(bar), volume[m], OpenInterest(inst, Math.Min(lastSecond, m * 60 + 59), 12_000_000).Oi);
                    break;
                }
                default:
                {
                    var e = inst.Expiry!.Value;
                    var type = inst.OptionType!.Value;
                    double k = (double)inst.Strike;
                    double P(double x, DateTimeOffset t) => Book.OptionPrice(spec, type, k, e, x, t);
                    var mid = start.AddSeconds(30);
                    double a = P(b.High, mid), z = P(b.Low, mid);
                    var bar = new MinuteBar(P(b.Open, start), Math.Max(a, z), Math.Min(a, z), P(b.Close, end));
                    var weight = MoneynessWeight(inst, b.Close);
                    long v = (long)(volume[m] * 6 * weight) / inst.LotSize * inst.LotSize;
                    bars[m] = (Widen(bar), v, OpenInterest(inst, Math.Min(lastSecond, m * 60 + 59), (long)(8_000_000 * weight)).Oi);
                    break;
                }
            }
        }
        return bars;
    }

    private static MinuteBar Widen(MinuteBar b) =>
        b with { High = Math.Max(b.High, Math.Max(b.Open, b.Close)), Low = Math.Min(b.Low, Math.Min(b.Open, b.Close)) };

    // ------------------------------------------------------------------ earlier sessions

    internal sealed record PastDay(DateOnly Day, MinuteBar?[] Minutes, long[] Volume, double Open, double Gap);

    /// <summary>Minute bars of an earlier session: from the replay file, or from the seeded model chained backwards so
    /// that each session closes at the next session's previous close.</summary>
    internal PastDay? Past(IndexSpec spec, DateOnly d)
    {
        if (d >= Day) return null;
        if (_past.TryGetValue((spec, d), out var cached)) return cached;
        if (_replays.TryGetValue(spec, out var replay))
            return _past.GetOrAdd((spec, d), _ => FromReplay(replay, d));
        if (!_calendar.IsTradingDay(d) || d < Day.AddDays(-MaxPastCalendarDays)) return _past.GetOrAdd((spec, d), (PastDay?)null);
        lock (_pastGate)
        {
            // Walk back from the simulated day, filling every session in between.
            var today = Today(spec);
            double nextOpen = today.PriceAt(0);
            double nextGap = Math.Log(today.PriceAt(0) / today.PreviousClose);
            for (var day = Day.AddDays(-1); day >= d; day = day.AddDays(-1))
            {
                if (!_calendar.IsTradingDay(day)) continue;
                if (!_past.TryGetValue((spec, day), out var p) || p is null)
                {
                    double close = nextOpen / Math.Exp(nextGap);
                    var (log, gap) = IndexPath.Relative(spec, day, _seed);
                    double open = close / Math.Exp(log[^1]);
                    var prices = IndexPath.Prices(log, open);
                    var vol = IndexDay.BuildVolume(prices, SimRandom.Hash(_seed, (ulong)spec.Segment, (ulong)day.DayNumber), spec.LotSize(day) * 4.0);
                    var built = new IndexDay(spec, day, close, prices, vol);
                    var minutes = built.Minutes.Select(m => (MinuteBar?)m).ToArray();
                    var mv = new long[375];
                    for (int m = 0; m < 375; m++) mv[m] = built.VolumeUpTo(m * 60 + 59) - built.VolumeUpTo(m * 60);
                    p = new PastDay(day, minutes, mv, prices[0], gap);
                    _past[(spec, day)] = p;
                }
                nextOpen = p.Open;
                nextGap = p.Gap;
            }
        }
        return _past.GetValueOrDefault((spec, d));
    }

    private static PastDay? FromReplay(CandleReplay replay, DateOnly d)
    {
        var candles = replay.CandlesOf(d);
        if (candles.Count == 0) return null;
        var minutes = new MinuteBar?[375];
        var open = Ist.At(d, MarketHours.Open);
        foreach (var c in candles)
        {
            int m = (int)(c.Start - open).TotalMinutes;
            if (m is >= 0 and < 375) minutes[m] = new MinuteBar(c.Open, c.High, c.Low, c.Close);
        }
        return new PastDay(d, minutes, new long[375], candles[0].Open, 0);
    }
}
