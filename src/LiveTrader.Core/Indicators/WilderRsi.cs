namespace LiveTrader.Core.Indicators;

/// <summary>RSI with Wilder's smoothing (RMA), as TradingView's <c>ta.rsi</c>: the first average
/// gain and loss are the simple means of the first <c>period</c> changes, then
/// <c>avg = (avg*(n-1) + x)/n</c>.</summary>
public sealed class WilderRsi : IIndicator
{
    private readonly int _period;
    private double? _previousClose;
    private int _changes;
    private double _gainSum;
    private double _lossSum;
    private double _avgGain;
    private double _avgLoss;

    public WilderRsi(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _period = period;
    }

    public double? Next(double close)
    {
        if (_previousClose is not double previous)
        {
            _previousClose = close;
            return null;
        }
        _previousClose = close;
        var change = close - previous;
        var gain = change > 0 ? change : 0d;
        var loss = change < 0 ? -change : 0d;
        _changes++;
        if (_changes < _period)
        {
            _gainSum += gain;
            _lossSum += loss;
            return null;
        }
        if (_changes == _period)
        {
            _avgGain = (_gainSum + gain) / _period;
            _avgLoss = (_lossSum + loss) / _period;
        }
        else
        {
            _avgGain = (_avgGain * (_period - 1) + gain) / _period;
            _avgLoss = (_avgLoss * (_period - 1) + loss) / _period;
        }
        return Rsi(_avgGain, _avgLoss);
    }

    private static double Rsi(double avgGain, double avgLoss)
    {
        if (avgLoss == 0) return avgGain == 0 ? 50d : 100d;
        return 100d - 100d / (1d + avgGain / avgLoss);
    }
}
