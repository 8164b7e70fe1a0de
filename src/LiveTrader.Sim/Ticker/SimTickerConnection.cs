using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using LiveTrader.Kite.Ticker;
using LiveTrader.Sim.Faults;
using LiveTrader.Sim.Market;
using LiveTrader.Sim.Orders;

namespace LiveTrader.Sim.Ticker;

/// <summary>
/// One ticker WebSocket: reads subscribe/unsubscribe/mode messages (kite-protocol.md §6.2), streams one binary frame
/// per simulated second with a tick of every subscribed instrument stamped with that second (several frames in one
/// step when the clock ran further, at most <see cref="MaxCatchUpSeconds"/>; delayed by <see cref="SimOptions.TickLatency"/>
/// when set), a tick of each newly subscribed or re-moded instrument at once, and a 1-byte heartbeat when otherwise idle. New subscriptions start in quote mode; a mode message on an unsubscribed
/// token subscribes it. Unknown tokens are ignored. More than 3000 tokens gets an error text frame.
/// Each step also sweeps the order book (so resting orders fill as the simulated clock moves) and sends queued
/// frames: order updates (<c>{"type":"order","data":{...}}</c>) and injected garbage. While a stall fault is active
/// nothing is sent at all, not even heartbeats; <see cref="Drop"/> aborts the socket without a close frame.
/// </summary>
internal sealed class SimTickerConnection(WebSocket socket, SimOptions options, SimMarket market, SimOrderBook orders, SimFaults faults)
{
    public const int MaxTokens = 3000;

    /// <summary>Largest client message kept (a subscribe of 3000 tokens is ~25 KB): a longer or never-ending message
    /// closes the connection (1009) instead of growing a buffer without bound.</summary>
    public const int MaxMessageBytes = 256 * 1024;

    /// <summary>A clock that jumped further (a manual clock set hours ahead) streams only its last half hour.</summary>
    public const int MaxCatchUpSeconds = 1800;

    private readonly ConcurrentDictionary<uint, TickMode> _subs = new();
    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly ConcurrentQueue<(byte[] Frame, WebSocketMessageType Type)> _outgoing = new();
    // The second and mode of each token's last tick: one subscribed or re-moded since gets a tick at once.
    private readonly Dictionary<uint, (long Second, TickMode Mode)> _lastSent = [];
    private readonly TickSchedule _schedule = new(market.Day, options.Seed, options.TickLatency);
    private volatile bool _dropped;

    // Set when a frame is queued: Kite sends an order update as it happens, not on the next tick.
    private readonly SemaphoreSlim _queued = new(0);

    /// <summary>Queues a frame and wakes the sender, which sends it at once (in order, before ticks).</summary>
    public void Enqueue(byte[] frame, WebSocketMessageType type)
    {
        _outgoing.Enqueue((frame, type));
        if (_queued.CurrentCount == 0) _queued.Release();
    }

    /// <summary>Aborts the connection at once, as a network failure would (no close frame).</summary>
    public void Drop()
    {
        _dropped = true;
        socket.Abort();
    }

    public async Task RunAsync(CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var receive = ReceiveLoopAsync(linked.Token);
        try
        {
            await SendLoopAsync(linked.Token, receive);
        }
        catch (OperationCanceledException) { }
        catch (WebSocketException) { }
        finally
        {
            linked.Cancel();
            try { await receive; } catch (Exception) { /* connection already gone */ }
            if (!_dropped && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var closeCts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                try { await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "simulator stopping", closeCts.Token); }
                catch (Exception) { /* best effort */ }
            }
        }
    }

    private async Task SendLoopAsync(CancellationToken ct, Task receive)
    {
        long? cursor = null; // the last simulated second (unix) whose frame went out
        var lastSend = options.TimeProvider.GetTimestamp();
        var timer = new PeriodicTimer(options.TickInterval, options.TimeProvider);
        Task<bool>? tick = null;
        Task? woken = null;
        for (int i = 0; i < options.Faults.GarbageFramesOnConnect; i++) Enqueue(SimFaults.GarbageFrame, WebSocketMessageType.Binary);
        while (!ct.IsCancellationRequested && !receive.IsCompleted && socket.State == WebSocketState.Open)
        {
            if (faults.TickerStalled)
            {
                lastSend = options.TimeProvider.GetTimestamp();
                // Stalled: queued frames wait too, so only the tick interval wakes it.
                tick ??= timer.WaitForNextTickAsync(ct).AsTask();
                var going = await tick;
                tick = null;
                if (!going) break;
                continue;
            }
            orders.Sweep();
            while (_outgoing.TryDequeue(out var queued))
            {
                await SendAsync(queued.Frame, queued.Type, ct);
                lastSend = options.TimeProvider.GetTimestamp();
            }
            bool sent = false;
            if (!_subs.IsEmpty && _schedule.LastDue(market.Clock.Now) is long due && due > (cursor ?? long.MinValue))
            {
                var from = Math.Max(cursor is long c ? c + 1 : due, due - MaxCatchUpSeconds + 1);
                var lose = options.Faults.LoseTickSecondsEvery;
                for (var second = from; second <= due && !ct.IsCancellationRequested; second++)
                    if (lose <= 0 || second % lose != 0) sent |= await SendTicksAsync(second, _subs.ToList(), ct);
                cursor = due;
            }
            else
            {
                foreach (var gone in _lastSent.Keys.Where(t => !_subs.ContainsKey(t)).ToList()) _lastSent.Remove(gone);
                var second = cursor ?? _schedule.LastDue(market.Clock.Now) ?? _schedule.Open;
                var fresh = _subs.Where(kv => _lastSent.GetValueOrDefault(kv.Key) != (second, kv.Value)).ToList();
                if (fresh.Count > 0)
                {
                    sent = await SendTicksAsync(second, fresh, ct);
                    cursor = second;
                }
            }
            if (sent)
            {
                lastSend = options.TimeProvider.GetTimestamp();
            }
            else if (options.TimeProvider.GetElapsedTime(lastSend) >= options.HeartbeatInterval)
            {
                await SendAsync(new byte[] { 0 }, WebSocketMessageType.Binary, ct);
                lastSend = options.TimeProvider.GetTimestamp();
            }
            if (!await NextStepAsync()) break;
        }

        // The next tick interval, or sooner when a frame is queued; a tick wait still pending carries over.
        async Task<bool> NextStepAsync()
        {
            tick ??= timer.WaitForNextTickAsync(ct).AsTask();
            if (!_outgoing.IsEmpty) return true;
            woken ??= _queued.WaitAsync(ct);
            var first = await Task.WhenAny(tick, woken);
            if (first == woken)
            {
                woken = null;
                return !ct.IsCancellationRequested;
            }
            tick = null;
            return await (Task<bool>)first;
        }
    }

    /// <summary>One frame: a tick of each instrument at that simulated second (unix seconds).</summary>
    private async Task<bool> SendTicksAsync(long second, List<KeyValuePair<uint, TickMode>> subs, CancellationToken ct)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(second);
        var ticks = new List<KiteTick>(subs.Count);
        foreach (var (token, mode) in subs)
        {
            _lastSent[token] = (second, mode);
            if (market.Catalog.ByToken(token) is { } inst)
                ticks.Add(SimTickBuilder.Build(market.Snapshot(inst, at), mode));
        }
        if (ticks.Count == 0) return false;
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ticks);
        var buffer = new byte[TickCodec.FrameSize(span)];
        TickCodec.WriteFrame(span, buffer);
        await SendAsync(buffer, WebSocketMessageType.Binary, ct);
        return true;
    }

    private async Task SendAsync(byte[] data, WebSocketMessageType type, CancellationToken ct)
    {
        await _send.WaitAsync(ct);
        try { await socket.SendAsync(data, type, true, ct); }
        finally { _send.Release(); }
    }

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (!ct.IsCancellationRequested && socket.State == WebSocketState.Open)
        {
            var r = await socket.ReceiveAsync(buffer, ct);
            if (r.MessageType == WebSocketMessageType.Close) return;
            if (message.Length + r.Count > MaxMessageBytes)
            {
                options.Log?.Invoke($"ticker: client message over {MaxMessageBytes} bytes, closing");
                await socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "message too big", ct);
                return;
            }
            message.Write(buffer, 0, r.Count);
            if (!r.EndOfMessage) continue;
            if (r.MessageType == WebSocketMessageType.Text)
                await HandleAsync(message.ToArray(), ct);
            message.SetLength(0);
        }
    }

    private async Task HandleAsync(byte[] text, CancellationToken ct)
    {
        string? error = null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            var action = root.GetProperty("a").GetString();
            var v = root.GetProperty("v");
            switch (action)
            {
                case "subscribe":
                    foreach (var t in Tokens(v)) _subs.TryAdd(t, TickMode.Quote);
                    break;
                case "unsubscribe":
                    foreach (var t in Tokens(v)) _subs.TryRemove(t, out _);
                    break;
                case "mode":
                    var mode = v[0].GetString() switch
                    {
                        "ltp" => TickMode.Ltp,
                        "quote" => TickMode.Quote,
                        "full" => TickMode.Full,
                        var m => throw new FormatException($"invalid mode '{m}'"),
                    };
                    foreach (var t in Tokens(v[1])) _subs[t] = mode;
                    break;
                default:
                    error = $"invalid action '{action}'";
                    break;
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            error = "invalid message: " + ex.Message;
        }
        if (_subs.Count > MaxTokens)
        {
            error = $"too many instruments: at most {MaxTokens} per connection";
            foreach (var extra in _subs.Keys.Skip(MaxTokens).ToList()) _subs.TryRemove(extra, out _);
        }
        if (error is not null)
        {
            options.Log?.Invoke("ticker: " + error);
            var json = JsonSerializer.Serialize(new Dictionary<string, string> { ["type"] = "error", ["data"] = error });
            await SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, ct);
        }
    }

    private static IEnumerable<uint> Tokens(JsonElement array)
    {
        var list = new List<uint>();
        foreach (var e in array.EnumerateArray())
        {
            if (e.ValueKind == JsonValueKind.Number && e.TryGetUInt32(out var n)) list.Add(n);
            else if (e.ValueKind == JsonValueKind.String && uint.TryParse(e.GetString(), out var s)) list.Add(s);
        }
        return list;
    }
}
