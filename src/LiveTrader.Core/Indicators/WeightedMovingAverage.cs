namespace LiveTrader.Core.Indicators;

/// <summary>WMA with linear weights 1..n, newest heaviest (TradingView's <c>ta.wma</c>).
/// Running sums keep it O(1) per value whatever the length.</summary>
public sealed class WeightedMovingAverage : IIndicator
{
    private readonly int _length;
    private readonly double[] _window;
    private readonly double _weightTotal;
    private int _count;
    private int _oldest;
    private double _sum;
    private double _weightedSum;

    public WeightedMovingAverage(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        _length = length;
        _window = new double[length];
        _weightTotal = length * (length + 1) / 2d;
    }

    public double? Next(double value)
    {
        if (_count < _length)
        {
            // While filling, the k-th value gets weight k.
            _window[_count] = value;
            _count++;
            _sum += value;
            _weightedSum += _count * value;
            return _count == _length ? _weightedSum / _weightTotal : null;
        }
        // Sliding: every weight drops by one (subtract the old sum), the newest enters at weight n.
        _weightedSum += _length * value - _sum;
        _sum += value - _window[_oldest];
        _window[_oldest] = value;
        _oldest = (_oldest + 1) % _length;
        // Running sums carry every rounding error forward; rebuilding them once per window keeps the
        // error bounded (amortised O(1)) instead of growing with the length of the series.
        if (_oldest == 0) Rebuild();
        return _weightedSum / _weightTotal;
    }

    private void Rebuild()
    {
        _sum = 0;
        _weightedSum = 0;
        for (var k = 0; k < _length; k++)
        {
            var v = _window[k];
            _sum += v;
            _weightedSum += (k + 1) * v;
        }
    }
}
