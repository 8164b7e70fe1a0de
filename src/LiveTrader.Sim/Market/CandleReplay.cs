using System.Globalization;
using LiveTrader.Core.Market;

namespace LiveTrader.Sim.Market;

/// <summary>A 1-minute candle read from a replay file.</summary>
public readonly record struct ReplayCandle(DateTimeOffset Start, double Open, double High, double Low, double Close, long Volume);

/// <summary>
/// 1-minute candles from a CSV file (<c>date,open,high,low,close,volume</c>, ISO dates with +05:30; see
/// shared/data/README.md), turned into a per-second tick path: each minute starts exactly at its open, touches its
/// high and low (in the order that makes the candle's colour natural: low first for a green candle), ends exactly at
/// its close, and never leaves [low, high] in between. Candles outside 09:15–15:30 are ignored; missing minutes stay
/// flat at the previous close.
/// </summary>
public sealed class CandleReplay
{
    private readonly SortedDictionary<DateOnly, List<ReplayCandle>> _days = new();

    public CandleReplay(IEnumerable<ReplayCandle> candles)
    {
        foreach (var c in candles)
        {
            var start = Ist.From(c.Start);
            var time = TimeOnly.FromDateTime(start.DateTime);
            if (time < MarketHours.Open || time >= MarketHours.Close) continue;
            var day = DateOnly.FromDateTime(start.DateTime);
            if (!_days.TryGetValue(day, out var list)) _days[day] = list = [];
            list.Add(c with { Start = start });
        }
        foreach (var list in _days.Values) list.Sort((a, b) => a.Start.CompareTo(b.Start));
    }

    public IReadOnlyCollection<DateOnly> Days => _days.Keys;

    public bool HasDay(DateOnly day) => _days.ContainsKey(day);

    public IReadOnlyList<ReplayCandle> CandlesOf(DateOnly day) => _days.TryGetValue(day, out var l) ? l : [];

    /// <summary>Reads a candle CSV file.</summary>
    public static CandleReplay Load(string path) => new(ReadCsv(File.ReadLines(path)));

    public static IEnumerable<ReplayCandle> ReadCsv(IEnumerable<string> lines)
    {
        int n = 0;
        foreach (var raw in lines)
        {
            n++;
            var line = raw.Trim();
            if (line.Length == 0 || (n == 1 && line.StartsWith("date", StringComparison.OrdinalIgnoreCase))) continue;
            var f = line.Split(',');
            if (f.Length < 5) throw new FormatException($"replay line {n}: expected date,open,high,low,close,volume");
            var start = DateTimeOffset.Parse(f[0], CultureInfo.InvariantCulture, DateTimeStyles.None);
            yield return new ReplayCandle(start, D(f[1]), D(f[2]), D(f[3]), D(f[4]), f.Length > 5 && f[5].Length > 0 ? (long)D(f[5]) : 0);
        }

        static double D(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>Close of the last session before <paramref name="day"/> in the file, if any.</summary>
    public double? PreviousClose(DateOnly day)
    {
        double? close = null;
        foreach (var (d, list) in _days)
        {
            if (d >= day) break;
            close = list[^1].Close;
        }
        return close;
    }

    /// <summary>The per-second path of a day in the file, and the last second that has data.</summary>
    public (double[] Prices, int LastActiveSecond) BuildPath(DateOnly day, ulong seed)
    {
        var candles = CandlesOf(day);
        if (candles.Count == 0) throw new InvalidOperationException($"replay has no candles on {day:yyyy-MM-dd}");
        var prices = new double[IndexDay.SessionSeconds + 1];
        var open = Ist.At(day, MarketHours.Open);
        int filled = 0;                       // seconds [0, filled) are written
        double last = candles[0].Open;
        int lastActive = 0;
        foreach (var c in candles)
        {
            int minute = (int)((c.Start - open).TotalMinutes);
            if (minute < 0 || minute >= 375) continue;
            int start = minute * 60;
            for (; filled < start; filled++) prices[filled] = last;
            FillMinute(prices.AsSpan(start, 60), c, SimRandom.Hash(seed, (ulong)day.DayNumber, (ulong)minute));
            filled = start + 60;
            last = c.Close;
            lastActive = start + 59;
        }
        for (; filled < prices.Length; filled++) prices[filled] = last;
        return (prices, lastActive);
    }

    private static void FillMinute(Span<double> s, ReplayCandle c, ulong hash)
    {
        double lo = Math.Min(c.Low, Math.Min(c.Open, c.Close)), hi = Math.Max(c.High, Math.Max(c.Open, c.Close));
        int first = 8 + (int)(hash % 17);               // 8..24
        int second = 33 + (int)((hash >> 8) % 18);       // 33..50
        bool green = c.Close >= c.Open;
        double a = green ? lo : hi, b = green ? hi : lo;
        var anchors = new (int At, double Price)[] { (0, c.Open), (first, a), (second, b), (59, c.Close) };
        for (int k = 0; k < anchors.Length - 1; k++)
        {
            var (i0, p0) = anchors[k];
            var (i1, p1) = anchors[k + 1];
            for (int i = i0; i <= i1; i++)
            {
                double t = (i - i0) / (double)(i1 - i0);
                double noise = (SimRandom.Unit(SimRandom.Hash(hash, (ulong)i)) - 0.5) * (hi - lo) * 0.15 * Math.Sin(Math.PI * t);
                double p = IndexDay.Round05(p0 + (p1 - p0) * t + noise);
                s[i] = Math.Clamp(p, lo, hi);
            }
            s[i0] = p0;
            s[i1] = p1;
        }
    }
}
