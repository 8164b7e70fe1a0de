namespace LiveTrader.Kite.Rest;

/// <summary>
/// Sliding-window request gate: at most <c>permits</c> requests start within any <c>window</c>. Callers wait (in
/// order) rather than fail, so bursts are smoothed to Kite's per-second limits.
/// </summary>
public sealed class RateGate(int permits, TimeSpan window, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Queue<long> _starts = new();
    private readonly SemaphoreSlim _mutex = new(1, 1);

    public int Permits { get; } = permits > 0 ? permits : throw new ArgumentOutOfRangeException(nameof(permits));
    public TimeSpan Window { get; } = window;

    public async Task WaitAsync(CancellationToken cancellationToken = default)
    {
        await _mutex.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                long now = _time.GetTimestamp();
                while (_starts.Count > 0 && _time.GetElapsedTime(_starts.Peek(), now) >= Window)
                    _starts.Dequeue();
                if (_starts.Count < Permits)
                {
                    _starts.Enqueue(now);
                    return;
                }
                var wait = Window - _time.GetElapsedTime(_starts.Peek(), now);
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _mutex.Release();
        }
    }
}
