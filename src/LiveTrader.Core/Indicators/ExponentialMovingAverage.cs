namespace LiveTrader.Core.Indicators;

/// <summary>EMA with alpha = 2/(n+1), seeded with the simple mean of the first n values
/// (TradingView's <c>ta.ema</c> seeding).</summary>
public sealed class ExponentialMovingAverage : IIndicator
{
    private readonly int _length;
    private readonly double _alpha;
    private int _count;
    private double _seedSum;
    private double _value;

    public ExponentialMovingAverage(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        _length = length;
        _alpha = 2d / (length + 1);
    }

    public double? Next(double value)
    {
        _count++;
        if (_count < _length)
        {
            _seedSum += value;
            return null;
        }
        _value = _count == _length
            ? (_seedSum + value) / _length
            : _alpha * value + (1 - _alpha) * _value;
        return _value;
    }
}
