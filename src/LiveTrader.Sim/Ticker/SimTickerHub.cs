using System.Collections.Concurrent;
using System.Net.WebSockets;

namespace LiveTrader.Sim.Ticker;

/// <summary>The open ticker connections with their api keys: order updates go to the connections of the order's key;
/// faults reach all of them.</summary>
internal sealed class SimTickerHub
{
    private readonly ConcurrentDictionary<SimTickerConnection, string> _connections = new();

    public int Count => _connections.Count;

    public void Register(SimTickerConnection connection, string apiKey) => _connections[connection] = apiKey;

    public void Unregister(SimTickerConnection connection) => _connections.TryRemove(connection, out _);

    /// <summary>Queues a frame on every connection of <paramref name="apiKey"/>; returns how many.</summary>
    public int Broadcast(string apiKey, byte[] frame, WebSocketMessageType type)
    {
        int n = 0;
        foreach (var (c, key) in _connections)
            if (key == apiKey) { c.Enqueue(frame, type); n++; }
        return n;
    }

    public int EnqueueAll(byte[] frame, WebSocketMessageType type)
    {
        int n = 0;
        foreach (var c in _connections.Keys) { c.Enqueue(frame, type); n++; }
        return n;
    }

    public int DropAll()
    {
        int n = 0;
        foreach (var c in _connections.Keys) { c.Drop(); n++; }
        return n;
    }
}
