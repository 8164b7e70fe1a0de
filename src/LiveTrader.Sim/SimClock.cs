using LiveTrader.Core.Market;

namespace LiveTrader.Sim;

/// <summary>
/// The simulator's IST clock. Simulated time starts at <see cref="Start"/> (09:15 of the trading day) the moment the
/// clock is created, or for a held clock when <see cref="Release"/> is called, and runs <see cref="Speed"/> times
/// faster than the underlying <see cref="TimeProvider"/>.
/// A manual clock (<see cref="Manual"/>) never moves by itself: tests step it with <see cref="Advance"/> and
/// <see cref="Set"/>, so nothing depends on the wall clock.
/// </summary>
public sealed class SimClock
{
    private readonly TimeProvider? _real;
    // Zero while a held clock waits for Release.
    private long _realStartTicks;
    private readonly object _gate = new();
    private DateTimeOffset _manualNow;

    /// <summary>A running clock: simulated now = start + (real elapsed × speed). A held one stays at
    /// <paramref name="start"/> until <see cref="Release"/>.</summary>
    public SimClock(DateTimeOffset start, double speed = 1.0, TimeProvider? real = null, bool held = false)
    {
        if (!(speed > 0)) throw new ArgumentOutOfRangeException(nameof(speed), speed, "speed must be positive");
        Start = Ist.From(start);
        Speed = speed;
        _real = real ?? TimeProvider.System;
        if (!held) Release();
    }

    /// <summary>Starts a held running clock from <see cref="Start"/>; later calls do nothing.</summary>
    public void Release()
    {
        if (_real is null) throw new InvalidOperationException("A manual SimClock moves only when told to.");
        // A timestamp of zero would read as "still held": one tick later is the same instant.
        Interlocked.CompareExchange(ref _realStartTicks, Math.Max(1, _real.GetTimestamp()), 0);
    }

    private SimClock(DateTimeOffset start)
    {
        Start = Ist.From(start);
        Speed = 0;
        _manualNow = Start;
    }

    /// <summary>A clock that only moves when told to (for tests).</summary>
    public static SimClock Manual(DateTimeOffset start) => new(start);

    public DateTimeOffset Start { get; }

    /// <summary>Time multiplier; 0 for a manual clock.</summary>
    public double Speed { get; }

    public bool IsManual => _real is null;

    /// <summary>Current simulated time in IST.</summary>
    public DateTimeOffset Now
    {
        get
        {
            if (_real is null) lock (_gate) return _manualNow;
            var started = Interlocked.Read(ref _realStartTicks);
            if (started == 0) return Start;
            var elapsed = _real.GetElapsedTime(started);
            return Start + TimeSpan.FromTicks((long)(elapsed.Ticks * Speed));
        }
    }

    /// <summary>The simulated trading day.</summary>
    public DateOnly Day => Ist.DayOf(Start);

    /// <summary>Moves a manual clock forward.</summary>
    public void Advance(TimeSpan by)
    {
        if (_real is not null) throw new InvalidOperationException("Only a manual SimClock can be advanced.");
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), by, "time never runs backwards");
        lock (_gate) _manualNow += by;
    }

    /// <summary>Sets a manual clock to an instant at or after its current time.</summary>
    public void Set(DateTimeOffset now)
    {
        if (_real is not null) throw new InvalidOperationException("Only a manual SimClock can be set.");
        lock (_gate)
        {
            if (now < _manualNow) throw new ArgumentOutOfRangeException(nameof(now), now, "time never runs backwards");
            _manualNow = Ist.From(now);
        }
    }
}
