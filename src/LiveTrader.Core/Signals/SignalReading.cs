using LiveTrader.Core.Market;

namespace LiveTrader.Core.Signals;

/// <summary>The strategy's view of one completed candle: the three lines (null while warming up),
/// the cross on this candle and the resulting signal.</summary>
public readonly record struct SignalReading(
    Candle Candle,
    double? Rsi,
    double? PriceStrength,
    double? VolumeStrength,
    Cross Cross,
    Signal Signal)
{
    /// <summary>Price Strength above Volume Strength: the bullish trend re-entry waits on.</summary>
    public bool TrendUp => PriceStrength > VolumeStrength;

    /// <summary>Price Strength below Volume Strength: the bearish trend re-entry waits on.</summary>
    public bool TrendDown => PriceStrength < VolumeStrength;
}
