using LiveTrader.Core.Market;

namespace LiveTrader.Sim.Market;

/// <summary>One minute of a simulated series (start = minute start, IST).</summary>
public readonly record struct MinuteBar(double Open, double High, double Low, double Close);

/// <summary>
/// One trading day of one index: the price at every second of the 09:15–15:30 session (22 501 points, the last one
/// at 15:30:00), its minute bars, running day high/low and a futures volume curve. Everything the ticker, quotes and
/// historical candles report is read from here, so they always agree.
/// </summary>
public sealed class IndexDay
{
    public const int SessionSeconds = 375 * 60;

    private readonly double[] _prices;
    private readonly double[] _runHigh;
    private readonly double[] _runLow;
    private readonly long[] _cumVolume;

    /// <param name="prices">Price at each second since 09:15 (length <see cref="SessionSeconds"/> + 1), already on the 0.05 grid.</param>
    /// <param name="lastActiveSecond">Last second with real data (short replay sessions); later seconds repeat it.</param>
    internal IndexDay(IndexSpec spec, DateOnly day, double previousClose, double[] prices, long[] cumulativeVolume, int lastActiveSecond = SessionSeconds)
    {
        if (prices.Length != SessionSeconds + 1) throw new ArgumentException("one price per session second expected", nameof(prices));
        Spec = spec;
        Day = day;
        PreviousClose = previousClose;
        _prices = prices;
        _cumVolume = cumulativeVolume;
        LastActiveSecond = lastActiveSecond;
        _runHigh = new double[prices.Length];
        _runLow = new double[prices.Length];
        double h = prices[0], l = prices[0];
        for (int i = 0; i < prices.Length; i++)
        {
            h = Math.Max(h, prices[i]);
            l = Math.Min(l, prices[i]);
            _runHigh[i] = h;
            _runLow[i] = l;
        }
        Minutes = new MinuteBar[375];
        for (int m = 0; m < 375; m++)
        {
            // A minute covers seconds [60m, 60m+59]; its close is the last second inside it.
            double o = prices[m * 60], hi = o, lo = o;
            for (int s = m * 60; s < m * 60 + 60; s++)
            {
                hi = Math.Max(hi, prices[s]);
                lo = Math.Min(lo, prices[s]);
            }
            Minutes[m] = new MinuteBar(o, hi, lo, prices[m * 60 + 59]);
        }
    }

    public IndexSpec Spec { get; }
    public DateOnly Day { get; }
    public double PreviousClose { get; }
    public int LastActiveSecond { get; }

    /// <summary>Minute bars 09:15 … 15:29.</summary>
    public MinuteBar[] Minutes { get; }

    public DateTimeOffset Open => Ist.At(Day, MarketHours.Open);

    public double Close => _prices[SessionSeconds];

    /// <summary>Session second (0 … <see cref="SessionSeconds"/>) of an instant, clamped to the session.</summary>
    public int SecondOf(DateTimeOffset now)
    {
        var s = (long)Math.Floor((now - Open).TotalSeconds);
        return (int)Math.Clamp(s, 0, SessionSeconds);
    }

    public DateTimeOffset TimeOfSecond(int second) => Open.AddSeconds(second);

    public double PriceAt(int second) => _prices[Math.Clamp(second, 0, SessionSeconds)];
    public double HighUpTo(int second) => _runHigh[Math.Clamp(second, 0, SessionSeconds)];
    public double LowUpTo(int second) => _runLow[Math.Clamp(second, 0, SessionSeconds)];

    /// <summary>Cumulative futures volume (contracts' units) traded up to a second.</summary>
    public long VolumeUpTo(int second) => _cumVolume[Math.Clamp(second, 0, SessionSeconds)];

    /// <summary>Minute bar for a partially elapsed minute: only seconds up to <paramref name="second"/> count.</summary>
    public MinuteBar PartialMinute(int minute, int second)
    {
        int start = minute * 60, end = Math.Min(minute * 60 + 59, second);
        if (end >= minute * 60 + 59) return Minutes[minute];
        double o = _prices[start], h = o, l = o;
        for (int s = start; s <= end; s++) { h = Math.Max(h, _prices[s]); l = Math.Min(l, _prices[s]); }
        return new MinuteBar(o, h, l, _prices[Math.Max(start, end)]);
    }

    internal static double Round05(double price) => Math.Round(price * 20, MidpointRounding.AwayFromZero) / 20;

    /// <summary>A futures volume curve: U-shaped intraday activity, more when the price moves.</summary>
    internal static long[] BuildVolume(double[] prices, ulong seed, double baseSharesPerSecond)
    {
        var cum = new long[prices.Length];
        long total = 0;
        for (int s = 1; s < prices.Length; s++)
        {
            double x = s / (double)SessionSeconds;
            double shape = 0.6 + 1.6 * Math.Pow(2 * x - 1, 2);
            double move = Math.Abs(prices[s] - prices[s - 1]) / Math.Max(1, prices[s - 1]) * 1e4;
            double noise = SimRandom.Unit(SimRandom.Hash(seed, (ulong)s));
            total += (long)(baseSharesPerSecond * shape * (0.5 + noise) * (1 + move));
            cum[s] = total;
        }
        return cum;
    }
}
