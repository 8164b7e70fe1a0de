using LiveTrader.Core.Market;

namespace LiveTrader.Engine.Data;

/// <summary>Brings a candle file to the strategy's timeframe: finer candles are resampled on the
/// 09:15 grid; a file coarser than the timeframe cannot be refined and is refused.</summary>
public static class CandleInput
{
    public static (IReadOnlyList<Candle> Candles, IReadOnlyList<string> DateTexts) ToTimeframe(CandleSeries series, Timeframe target)
    {
        if (series.Timeframe == target) return (series.Candles, series.DateTexts);
        if (series.Timeframe.Minutes > target.Minutes || target.Minutes % series.Timeframe.Minutes != 0)
            throw new InputFileException(series.File, null, null,
                $"holds {series.Timeframe} candles, which cannot be turned into {target} candles");
        var candles = CandleResampler.Resample(series.Candles, target);
        var texts = candles.Select(c => c.Start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return (candles, texts);
    }
}
