namespace LiveTrader.Core.Market;

/// <summary>Folds finer candles into a longer timeframe, buckets aligned to the 09:15 session open
/// (Kite's convention: 30-minute candles start at 09:15, 09:45, ...). Streaming: a bucket is
/// emitted when the first candle of a later bucket arrives, or on <see cref="Flush"/>.</summary>
public sealed class CandleResampler
{
    private readonly Timeframe _target;
    private Candle _current;
    private bool _hasCurrent;

    public CandleResampler(Timeframe target) => _target = target;

    public static DateTimeOffset BucketStart(DateTimeOffset time, Timeframe timeframe)
    {
        var ist = Ist.From(time);
        var open = new DateTimeOffset(ist.Date + MarketHours.Open.ToTimeSpan(), Ist.Offset);
        var minutes = (long)Math.Floor((ist - open).TotalMinutes);
        var bucket = (long)Math.Floor(minutes / (double)timeframe.Minutes) * timeframe.Minutes;
        return open.AddMinutes(bucket);
    }

    /// <summary>Adds a candle; returns the bucket it completed, if any.</summary>
    public Candle? Add(in Candle candle)
    {
        var bucket = BucketStart(candle.Start, _target);
        if (!_hasCurrent)
        {
            _current = candle with { Start = bucket };
            _hasCurrent = true;
            return null;
        }
        if (bucket == _current.Start)
        {
            _current = _current with
            {
                High = Math.Max(_current.High, candle.High),
                Low = Math.Min(_current.Low, candle.Low),
                Close = candle.Close,
                Volume = _current.Volume + candle.Volume,
            };
            return null;
        }
        var completed = _current;
        _current = candle with { Start = bucket };
        return completed;
    }

    public Candle? Flush()
    {
        if (!_hasCurrent) return null;
        _hasCurrent = false;
        return _current;
    }

    public static List<Candle> Resample(IEnumerable<Candle> candles, Timeframe target)
    {
        var resampler = new CandleResampler(target);
        var result = new List<Candle>();
        foreach (var c in candles)
        {
            if (resampler.Add(c) is Candle done) result.Add(done);
        }
        if (resampler.Flush() is Candle last) result.Add(last);
        return result;
    }
}
