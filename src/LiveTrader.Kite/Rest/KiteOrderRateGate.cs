namespace LiveTrader.Kite.Rest;

/// <summary>
/// Kite's order budgets on our side (kite-orders.md §4): placements, modifications and cancellations together, 10 per
/// second and 400 per minute (waited out, in order) and 5000 per IST day. The daily budget fails fast with a 429
/// <see cref="NetworkException"/> instead of waiting, since waiting would mean hours.
/// </summary>
public sealed class KiteOrderRateGate
{
    private readonly RateGate? _second, _minute;
    private readonly int _perDay;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private DateOnly _day;
    private int _usedToday;

    public KiteOrderRateGate(int perSecond, TimeSpan secondWindow, int perMinute, TimeSpan minuteWindow, int perDay, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _second = perSecond > 0 ? new RateGate(perSecond, secondWindow, _time) : null;
        _minute = perMinute > 0 ? new RateGate(perMinute, minuteWindow, _time) : null;
        _perDay = perDay;
    }

    /// <summary>Order requests started today (IST).</summary>
    public int UsedToday
    {
        get { lock (_gate) { Roll(); return _usedToday; } }
    }

    /// <summary>Waits for the per-second and per-minute budgets and takes one request of today's.</summary>
    /// <exception cref="NetworkException">Today's budget is used up.</exception>
    public async Task WaitAsync(CancellationToken ct = default)
    {
        lock (_gate)
        {
            Roll();
            if (_perDay > 0 && _usedToday >= _perDay)
                throw new NetworkException($"Maximum allowed order requests exceeded: {_perDay} today (client budget).", System.Net.HttpStatusCode.TooManyRequests);
        }
        if (_minute is not null) await _minute.WaitAsync(ct).ConfigureAwait(false);
        if (_second is not null) await _second.WaitAsync(ct).ConfigureAwait(false);
        lock (_gate) { Roll(); _usedToday++; }
    }

    private void Roll()
    {
        var today = DateOnly.FromDateTime(KiteTime.ToIst(_time.GetUtcNow()).DateTime);
        if (today == _day) return;
        _day = today;
        _usedToday = 0;
    }
}
