namespace LiveTrader.Core.Market;

/// <summary>The NSE/BSE cash session that index candles live in.</summary>
public static class MarketHours
{
    public static readonly TimeOnly Open = new(9, 15);
    public static readonly TimeOnly Close = new(15, 30);

    /// <summary>True when a candle starting at this time belongs to the regular session.</summary>
    public static bool Contains(DateTimeOffset candleStart)
    {
        var t = Ist.TimeOf(candleStart);
        return t >= Open && t < Close;
    }
}
