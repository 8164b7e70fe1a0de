namespace LiveTrader.Sim.Faults;

/// <summary>What can happen to order updates on their way (kite-orders.md §3: they can repeat and go missing): the
/// next N are dropped, sent twice, or each sent after the update that follows it. One fault at a time; thread-safe.</summary>
internal sealed class OrderUpdateFaults
{
    public enum Kind { Drop, Duplicate, Reorder }

    private readonly object _gate = new();
    private Kind _kind;
    private int _remaining;
    private byte[]? _held;

    public void Set(Kind kind, int count)
    {
        lock (_gate)
        {
            _kind = kind;
            _remaining = Math.Max(0, count);
        }
    }

    /// <summary>The frames to send now for one update frame, in order.</summary>
    public IReadOnlyList<byte[]> Shape(byte[] frame)
    {
        lock (_gate)
        {
            if (_held is { } held)
            {
                _held = null;
                return [frame, held];
            }
            if (_remaining == 0) return [frame];
            _remaining--;
            switch (_kind)
            {
                case Kind.Drop: return [];
                case Kind.Duplicate: return [frame, frame];
                default:
                    _held = frame;
                    return [];
            }
        }
    }
}
