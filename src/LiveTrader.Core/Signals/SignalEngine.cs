using LiveTrader.Core.Indicators;
using LiveTrader.Core.Market;

namespace LiveTrader.Core.Signals;

/// <summary>Turns completed candles into BUY_CE / BUY_PE / HOLD, in O(1) per candle.
/// Crosses follow TradingView's <c>ta.crossover</c>/<c>ta.crossunder</c> (inclusive on the previous
/// candle); a signal also needs the candle's colour to agree, so a doji never signals.</summary>
public sealed class SignalEngine
{
    private readonly StrategyParameters _parameters;
    private readonly WilderRsi _rsi;
    private readonly ExponentialMovingAverage _priceStrength;
    private readonly WeightedMovingAverage _volumeStrength;
    private double? _previousPs;
    private double? _previousVs;

    public SignalEngine(StrategyParameters parameters)
    {
        _parameters = parameters;
        _rsi = new WilderRsi(parameters.RsiPeriod);
        _priceStrength = new ExponentialMovingAverage(parameters.PriceStrengthLength);
        _volumeStrength = new WeightedMovingAverage(parameters.VolumeStrengthLength);
    }

    public SignalReading OnCandleClosed(in Candle candle)
    {
        var rsi = _rsi.Next((double)candle.Close);
        var ps = Feed(_priceStrength, _parameters.PriceStrengthSource, candle, rsi);
        var vs = Feed(_volumeStrength, _parameters.VolumeStrengthSource, candle, rsi);

        var cross = Cross.None;
        if (ps is double p && vs is double v && _previousPs is double pp && _previousVs is double pv)
        {
            if (p > v && pp <= pv) cross = Cross.Up;
            else if (p < v && pp >= pv) cross = Cross.Down;
        }
        _previousPs = ps;
        _previousVs = vs;

        var signal = cross switch
        {
            Cross.Up when candle.IsGreen => Signal.BuyCe,
            Cross.Down when candle.IsRed => Signal.BuyPe,
            _ => Signal.Hold,
        };
        return new SignalReading(candle, rsi, ps, vs, cross, signal);
    }

    private static double? Feed(IIndicator line, LineSource source, in Candle candle, double? rsi) => source switch
    {
        // An RSI-sourced line only starts once RSI has warmed up, as in TradingView.
        LineSource.Rsi => rsi is double r ? line.Next(r) : null,
        LineSource.Close => line.Next((double)candle.Close),
        LineSource.Volume => line.Next(candle.Volume),
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };
}
