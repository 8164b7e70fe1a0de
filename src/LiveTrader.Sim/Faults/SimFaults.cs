using LiveTrader.Sim.Rest;
using LiveTrader.Sim.Ticker;

namespace LiveTrader.Sim.Faults;

/// <summary>
/// Fault injection for client tests: drop ticker connections, stall the tick stream, send garbage frames, fail REST
/// requests with 429/5xx, expire every access token. Reachable in process (<see cref="SimServer.Faults"/>) and over
/// HTTP (<c>POST /sim/faults</c>, which needs a valid access token like any other private path).
/// </summary>
public sealed class SimFaults
{
    /// <summary>A binary frame that announces 5 packets, the first of 44 bytes, and then ends: malformed for any decoder.</summary>
    public static readonly byte[] GarbageFrame = [0x00, 0x05, 0x00, 0x2C, 0xDE, 0xAD];

    private readonly SimOptions _options;
    private readonly SimSessions _sessions;
    private readonly SimTickerHub _hub;
    private readonly object _gate = new();
    private int _failRemaining;
    private int _failStatus = 429;
    private long _stallUntil;
    private int _rejectRemaining;
    private int _lostAnswers;
    internal OrderUpdateFaults OrderUpdates { get; } = new();
    private string _rejectRaw = "";   // TimeProvider timestamp; 0 = not stalled

    internal SimFaults(SimOptions options, SimSessions sessions, SimTickerHub hub)
    {
        _options = options;
        _sessions = sessions;
        _hub = hub;
        if (options.Faults.FailFirstRequests > 0) FailRequests(options.Faults.FailFirstRequests, options.Faults.FailStatus);
    }

    /// <summary>REST requests still to be failed.</summary>
    public int PendingRequestFailures { get { lock (_gate) return _failRemaining; } }

    /// <summary>Answers the next <paramref name="count"/> REST requests with <paramref name="status"/> (429 or 5xx).</summary>
    public void FailRequests(int count, int status = 429)
    {
        if (status is not (429 or 500 or 502 or 503 or 504))
            throw new ArgumentOutOfRangeException(nameof(status), status, "429, 500, 502, 503 or 504 expected");
        lock (_gate)
        {
            _failRemaining = Math.Max(0, count);
            _failStatus = status;
        }
        _options.Log?.Invoke($"fault: next {count} REST requests fail with {status}");
    }

    /// <summary>The exchange rejects the next <paramref name="count"/> orders that reach it, with
    /// <paramref name="raw"/> as their <c>status_message_raw</c>.</summary>
    public void RejectOrders(int count, string raw = "17070 : The price is out of the current execution range")
    {
        lock (_gate)
        {
            _rejectRemaining = Math.Max(0, count);
            _rejectRaw = raw;
        }
        _options.Log?.Invoke($"fault: the exchange rejects the next {count} orders ({raw})");
    }

    /// <summary>The next <paramref name="count"/> order updates are not sent on the ticker (a client must poll /orders).</summary>
    public void DropOrderUpdates(int count) => SetOrderUpdates(OrderUpdateFaults.Kind.Drop, count);

    /// <summary>The next <paramref name="count"/> order updates are sent twice.</summary>
    public void DuplicateOrderUpdates(int count) => SetOrderUpdates(OrderUpdateFaults.Kind.Duplicate, count);

    /// <summary>Each of the next <paramref name="count"/> order updates is sent after the update that follows it.</summary>
    public void ReorderOrderUpdates(int count) => SetOrderUpdates(OrderUpdateFaults.Kind.Reorder, count);

    private void SetOrderUpdates(OrderUpdateFaults.Kind kind, int count)
    {
        OrderUpdates.Set(kind, count);
        _options.Log?.Invoke($"fault: next {count} order updates {kind.ToString().ToLowerInvariant()}");
    }

    /// <summary>The next <paramref name="count"/> order placements are carried out but their HTTP answer is lost (the
    /// connection is aborted): the order exists, the client does not know its id.</summary>
    public void LoseOrderAnswers(int count)
    {
        lock (_gate) _lostAnswers = Math.Max(0, count);
        _options.Log?.Invoke($"fault: the answers of the next {count} order placements are lost");
    }

    internal bool TryTakeLostAnswer()
    {
        lock (_gate)
        {
            if (_lostAnswers <= 0) return false;
            _lostAnswers--;
            return true;
        }
    }

    /// <summary>Consumes one pending exchange rejection, if any.</summary>
    internal bool TryTakeOrderRejection(out string raw)
    {
        lock (_gate)
        {
            raw = _rejectRaw;
            if (_rejectRemaining <= 0) return false;
            _rejectRemaining--;
            return true;
        }
    }

    /// <summary>Consumes one pending REST failure, if any.</summary>
    internal bool TryTakeRequestFailure(out int status)
    {
        lock (_gate)
        {
            status = _failStatus;
            if (_failRemaining <= 0) return false;
            _failRemaining--;
            return true;
        }
    }

    /// <summary>Stops ticks and heartbeats on every ticker connection for <paramref name="duration"/> of real time;
    /// connections stay open. Order updates are held back too and sent afterwards.</summary>
    public void StallTicker(TimeSpan duration)
    {
        var tp = _options.TimeProvider;
        long until = tp.GetTimestamp() + (long)(duration.TotalSeconds * tp.TimestampFrequency);
        Interlocked.Exchange(ref _stallUntil, until);
        _options.Log?.Invoke($"fault: ticker stalled for {duration.TotalSeconds:0.###} s");
    }

    internal bool TickerStalled
    {
        get
        {
            long until = Interlocked.Read(ref _stallUntil);
            return until != 0 && _options.TimeProvider.GetTimestamp() < until;
        }
    }

    /// <summary>Aborts every open ticker connection (no close frame), as a network failure would.</summary>
    public int DropTickerConnections()
    {
        int n = _hub.DropAll();
        _options.Log?.Invoke($"fault: dropped {n} ticker connections");
        return n;
    }

    /// <summary>Queues <paramref name="frames"/> garbage binary frames on every open ticker connection.</summary>
    public int SendGarbageFrames(int frames)
    {
        int n = 0;
        for (int i = 0; i < frames; i++) n = _hub.EnqueueAll(GarbageFrame, System.Net.WebSockets.WebSocketMessageType.Binary);
        _options.Log?.Invoke($"fault: {frames} garbage frames to {n} ticker connections");
        return n;
    }

    /// <summary>Expires every access token: the next REST request gets 403 TokenException and a ticker handshake 403.
    /// With <paramref name="dropTicker"/> open ticker connections are dropped too, so clients notice at once.</summary>
    public void ExpireTokens(bool dropTicker = true)
    {
        _sessions.ExpireAll();
        _options.Log?.Invoke("fault: all access tokens expired");
        if (dropTicker) _hub.DropAll();
    }
}
