using System.Globalization;
using System.Text.Json;
using LiveTrader.Kite.Rest;

namespace LiveTrader.Kite.Historical;

/// <summary>Historical candle intervals (exact wire names in <see cref="HistoricalCandles.WireName"/>).</summary>
public enum KiteInterval
{
    Minute,
    ThreeMinute,
    FiveMinute,
    TenMinute,
    FifteenMinute,
    ThirtyMinute,
    SixtyMinute,
    Day,
}

/// <summary>One candle, labelled by its start time. Prices are decimals in rupees.</summary>
public readonly record struct KiteCandle(DateTimeOffset Time, decimal Open, decimal High, decimal Low, decimal Close, long Volume, long? OpenInterest);

/// <summary>A sub-range of a historical request; both ends inclusive.</summary>
public readonly record struct HistoricalChunk(DateTimeOffset From, DateTimeOffset To);

/// <summary>Interval names, per-request limits (kite-protocol.md §3) and candle parsing.</summary>
public static class HistoricalCandles
{
    public static string WireName(KiteInterval interval) => interval switch
    {
        KiteInterval.Minute => "minute",
        KiteInterval.ThreeMinute => "3minute",
        KiteInterval.FiveMinute => "5minute",
        KiteInterval.TenMinute => "10minute",
        KiteInterval.FifteenMinute => "15minute",
        KiteInterval.ThirtyMinute => "30minute",
        KiteInterval.SixtyMinute => "60minute",
        KiteInterval.Day => "day",
        _ => throw new ArgumentOutOfRangeException(nameof(interval)),
    };

    /// <summary>Maximum days one request may span (forum staff answer, 2020).</summary>
    public static int MaxDays(KiteInterval interval) => interval switch
    {
        KiteInterval.Minute => 60,
        KiteInterval.ThreeMinute or KiteInterval.FiveMinute or KiteInterval.TenMinute => 100,
        KiteInterval.FifteenMinute or KiteInterval.ThirtyMinute => 200,
        KiteInterval.SixtyMinute => 400,
        KiteInterval.Day => 2000,
        _ => throw new ArgumentOutOfRangeException(nameof(interval)),
    };

    /// <summary>
    /// Splits [from, to] into consecutive inclusive chunks that each cover at most <see cref="MaxDays"/> IST calendar
    /// dates. Counting calendar dates inclusively is the stricter reading of the (unverified) server rule, so a chunk
    /// is accepted whichever way the server counts. Chunk i+1 starts one second after chunk i ends.
    /// </summary>
    public static IReadOnlyList<HistoricalChunk> Split(DateTimeOffset from, DateTimeOffset to, KiteInterval interval)
    {
        if (to < from) throw new ArgumentException("'to' is before 'from'.", nameof(to));
        var chunks = new List<HistoricalChunk>();
        int max = MaxDays(interval);
        var start = KiteTime.ToIst(from);
        var end = KiteTime.ToIst(to);
        while (true)
        {
            var lastAllowed = new DateTimeOffset(start.Date.AddDays(max), KiteTime.IstOffset).AddSeconds(-1);
            if (end <= lastAllowed)
            {
                chunks.Add(new HistoricalChunk(start, end));
                return chunks;
            }
            chunks.Add(new HistoricalChunk(start, lastAllowed));
            start = lastAllowed.AddSeconds(1);
        }
    }

    /// <summary>Parses <c>data.candles</c> (or the whole envelope) of a historical response.</summary>
    public static List<KiteCandle> Parse(JsonElement element)
    {
        if (element.TryGetProperty("data", out var data)) element = data;
        var list = new List<KiteCandle>();
        if (!element.TryGetProperty("candles", out var candles) || candles.ValueKind != JsonValueKind.Array) return list;
        foreach (var c in candles.EnumerateArray())
        {
            int n = c.GetArrayLength();
            if (n < 6) throw new JsonException($"Candle with {n} elements.");
            list.Add(new KiteCandle(
                KiteTime.Parse(c[0].GetString() ?? ""),
                Number(c[1]), Number(c[2]), Number(c[3]), Number(c[4]),
                (long)Number(c[5]),
                n > 6 ? (long)Number(c[6]) : null));
        }
        return list;
    }

    private static decimal Number(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? decimal.Parse(e.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
        : e.GetDecimal();
}
