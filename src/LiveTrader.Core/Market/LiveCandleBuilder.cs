namespace LiveTrader.Core.Market;

/// <summary>Builds one instrument's candles from its ticks on the exchange grid (buckets from 09:15
/// IST), each tick placed by its exchange timestamp, not by when it arrived. A candle closes on the
/// first tick past its end, or by the clock once its end plus a short grace (LiveCandles:GraceSeconds,
/// default 1.5 s, as Kite's ticks arrive up to ~1.5 s late) has passed, whichever comes first, so a
/// quiet market still closes candles on time.
/// Candles with no ticks at all are never invented: <see cref="MissedSince"/> tells the caller which
/// buckets to fetch from the historical API.</summary>
public sealed class LiveCandleBuilder
{
    private readonly Timeframe _timeframe;
    private readonly TimeSpan _grace;
    private Candle _current;
    private bool _open;

    public LiveCandleBuilder(Timeframe timeframe, TimeSpan grace)
    {
        _timeframe = timeframe;
        _grace = grace;
    }

    /// <summary>Start of the last candle this builder closed.</summary>
    public DateTimeOffset? LastClosedStart { get; private set; }

    /// <summary>A tick; returns the candle it completed, if any. Ticks outside market hours and late
    /// ticks for an already closed candle are ignored.</summary>
    public Candle? OnTick(DateTimeOffset time, decimal price, long volume = 0)
    {
        if (!MarketHours.Contains(time)) return null;
        var bucket = CandleResampler.BucketStart(time, _timeframe);
        if (LastClosedStart is DateTimeOffset closed && bucket <= closed) return null;
        if (!_open)
        {
            Begin(bucket, price, volume);
            return null;
        }
        if (bucket == _current.Start)
        {
            _current = _current with
            {
                High = Math.Max(_current.High, price),
                Low = Math.Min(_current.Low, price),
                Close = price,
                Volume = _current.Volume + volume,
            };
            return null;
        }
        var completed = Close();
        Begin(bucket, price, volume);
        return completed;
    }

    /// <summary>The clock's beat: closes the open candle once its end plus the grace has passed.</summary>
    public Candle? OnClock(DateTimeOffset now)
    {
        if (!_open || now < _current.Start + _timeframe.Length + _grace) return null;
        return Close();
    }

    /// <summary>Bucket starts between the last closed candle and <paramref name="bucketStart"/> (exclusive)
    /// of the same day that no tick filled: the candles to fetch from history, never to invent.</summary>
    public IReadOnlyList<DateTimeOffset> MissedSince(DateTimeOffset bucketStart)
    {
        var missed = new List<DateTimeOffset>();
        if (LastClosedStart is not DateTimeOffset last || Ist.DayOf(last) != Ist.DayOf(bucketStart)) return missed;
        for (var b = last + _timeframe.Length; b < bucketStart; b += _timeframe.Length) missed.Add(b);
        return missed;
    }

    private void Begin(DateTimeOffset bucket, decimal price, long volume)
    {
        _current = new Candle(bucket, price, price, price, price, volume);
        _open = true;
    }

    private Candle Close()
    {
        _open = false;
        LastClosedStart = _current.Start;
        return _current;
    }
}
