namespace LiveTrader.Sim.Market;

/// <summary>
/// Seeded intraday model of an index: a log random walk on a per-second grid with an intraday volatility pattern
/// (busy open, quiet middle, livelier close), trend regimes that switch at random (trends and reversals), rare
/// jumps, and an opening gap. The same (seed, index, day) always gives the same path.
/// </summary>
public static class IndexPath
{
    private const double SecondsPerYear = 252.0 * IndexDay.SessionSeconds;

    /// <summary>Relative path of one day: log(price / open) at each session second, and the log opening gap.</summary>
    public static (double[] LogPath, double Gap) Relative(IndexSpec spec, DateOnly day, ulong seed)
    {
        var rng = new SimRandom(SimRandom.Hash(seed, (ulong)spec.Segment + 1, (ulong)day.DayNumber));
        double sigma = spec.AtmVolatility / Math.Sqrt(SecondsPerYear);
        double trendStep = 1.5e-6;                 // ≈ 0.5 % an hour while a trend lasts
        int regime = 0;                            // -1 down, 0 range, +1 up
        var path = new double[IndexDay.SessionSeconds + 1];
        double x = 0;
        double gap = 0.0035 * rng.NextGaussian();
        for (int s = 1; s < path.Length; s++)
        {
            if (rng.NextDouble() < 1.0 / 1800) regime = (int)(rng.NextULong() % 3) - 1;
            double t = s / (double)IndexDay.SessionSeconds;
            double pattern = 0.75 + 1.5 * Math.Exp(-12 * t) + 0.6 * Math.Pow(t, 6);
            // Mild pull towards the open keeps range days ranging.
            double drift = regime * trendStep - (regime == 0 ? x * 2e-5 : 0);
            x += drift + sigma * pattern * rng.NextGaussian();
            if (rng.NextDouble() < 1.0 / 20000) x += 0.0025 * rng.NextGaussian();
            path[s] = x;
        }
        // 15:30:00 is the close: the last minute candle (15:29) ends on it.
        path[^1] = path[^2];
        return (path, gap);
    }

    /// <summary>Absolute per-second prices (0.05 grid) for a day that opens at <paramref name="open"/>.</summary>
    public static double[] Prices(double[] logPath, double open)
    {
        var prices = new double[logPath.Length];
        for (int i = 0; i < prices.Length; i++) prices[i] = IndexDay.Round05(open * Math.Exp(logPath[i]));
        return prices;
    }
}
