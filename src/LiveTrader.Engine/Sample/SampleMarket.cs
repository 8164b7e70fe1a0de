using LiveTrader.Core.Market;

namespace LiveTrader.Engine.Sample;

/// <summary>A seeded, made-up index market for the first run of a fresh clone: a few sessions of
/// 5-minute candles with a U-shaped intraday volatility, drifting trends and the odd jump. The
/// same seed always gives the same candles.</summary>
public static class SampleMarket
{
    public static List<Candle> Sessions(DateOnly lastDay, int sessions, decimal startLevel, int seed, Timeframe timeframe)
    {
        var random = new Random(seed);
        var days = new List<DateOnly>();
        for (var d = lastDay; days.Count < sessions; d = d.AddDays(-1))
        {
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) days.Add(d);
        }
        days.Reverse();

        var candles = new List<Candle>();
        var level = (double)startLevel;
        var perSession = (int)((MarketHours.Close - MarketHours.Open).TotalMinutes / timeframe.Minutes);
        foreach (var day in days)
        {
            var drift = (random.NextDouble() - 0.5) * 0.0004;
            for (var i = 0; i < perSession; i++)
            {
                var start = Ist.At(day, MarketHours.Open).AddMinutes(i * timeframe.Minutes);
                // Busier at the open and the close, as index options traders know it.
                var u = (i - perSession / 2.0) / (perSession / 2.0);
                var sigma = level * 0.0009 * (0.6 + 0.8 * u * u) * Math.Sqrt(timeframe.Minutes / 5.0);
                if (random.Next(40) == 0) drift = -drift + (random.NextDouble() - 0.5) * 0.0006;
                var jump = random.Next(150) == 0 ? (random.NextDouble() - 0.5) * sigma * 8 : 0;
                var open = level;
                var close = open * (1 + drift) + Gaussian(random) * sigma + jump;
                var high = Math.Max(open, close) + Math.Abs(Gaussian(random)) * sigma * 0.5;
                var low = Math.Min(open, close) - Math.Abs(Gaussian(random)) * sigma * 0.5;
                candles.Add(new Candle(start, Price(open), Price(high), Price(low), Price(close), 0));
                level = close;
            }
        }
        return candles;
    }

    private static decimal Price(double value) => Math.Round((decimal)value * 20m, MidpointRounding.AwayFromZero) / 20m;

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
