namespace LiveTrader.Core.Market;

/// <summary>An OHLCV candle stamped with its <b>start</b> in IST, as Kite stamps candles.</summary>
public readonly record struct Candle(DateTimeOffset Start, decimal Open, decimal High, decimal Low, decimal Close, long Volume)
{
    public bool IsGreen => Close > Open;
    public bool IsRed => Close < Open;
}
