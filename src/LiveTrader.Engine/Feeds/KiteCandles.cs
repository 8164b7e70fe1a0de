using LiveTrader.Core.Market;
using LiveTrader.Kite.Historical;
using LiveTrader.Kite.Rest;

namespace LiveTrader.Engine.Feeds;

/// <summary>Candles from Kite's historical API, stamped in IST: what a paper session warms up on and
/// what a backtest on the Kite source trades, fetched one way.</summary>
public static class KiteCandles
{
    public static async Task<IReadOnlyList<Candle>> FetchAsync(KiteRestClient rest, uint token, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var candles = await rest.GetHistoricalAsync(token, Interval(timeframe), from, to, ct: ct);
        return candles.Select(c => new Candle(Ist.From(c.Time), c.Open, c.High, c.Low, c.Close, c.Volume)).ToList();
    }

    public static KiteInterval Interval(Timeframe timeframe) => timeframe.Minutes switch
    {
        1 => KiteInterval.Minute,
        3 => KiteInterval.ThreeMinute,
        5 => KiteInterval.FiveMinute,
        15 => KiteInterval.FifteenMinute,
        30 => KiteInterval.ThirtyMinute,
        60 => KiteInterval.SixtyMinute,
        _ => throw new ArgumentOutOfRangeException(nameof(timeframe), timeframe, "no Kite interval"),
    };
}
