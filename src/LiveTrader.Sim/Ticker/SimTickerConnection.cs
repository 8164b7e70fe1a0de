using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using LiveTrader.Kite.Ticker;
using LiveTrader.Sim.Market;

namespace LiveTrader.Sim.Ticker;

/// <summary>
/// One ticker WebSocket: reads subscribe/unsubscribe/mode messages (kite-protocol.md §6.2), streams binary frames of
/// the subscribed instruments whenever the simulated second changes (and right after a subscription change), and a
/// 1-byte heartbeat when otherwise idle. New subscriptions start in quote mode; a mode message on an unsubscribed
/// token subscribes it. Unknown tokens are ignored. More than 3000 tokens gets an error text frame.
/// </summary>
internal sealed class SimTickerConnection(WebSocket socket, SimOptions options, SimMarket market)
{
    public const int MaxTokens = 3000;

    private readonly ConcurrentDictionary<uint, TickMode> _subs = new();
    private readonly SemaphoreSlim _send = new(1, 1);
    private volatile bool _dirty;

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
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var closeCts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                try { await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "simulator stopping", closeCts.Token); }
                catch (Exception) { /* best effort */ }
            }
        }
    }

    private async Task SendLoopAsync(CancellationToken ct, Task receive)
    {
        long lastSecond = -1;
        var lastSend = options.TimeProvider.GetTimestamp();
        var timer = new PeriodicTimer(options.TickInterval, options.TimeProvider);
        while (!ct.IsCancellationRequested && !receive.IsCompleted && socket.State == WebSocketState.Open)
        {
            var now = market.Clock.Now;
            long second = now.ToUnixTimeSeconds();
            bool changed = second != lastSecond && market.IsOpen(now);
            if (!_subs.IsEmpty && (_dirty || changed))
            {
                _dirty = false;
                lastSecond = second;
                await SendTicksAsync(now, ct);
                lastSend = options.TimeProvider.GetTimestamp();
            }
            else if (options.TimeProvider.GetElapsedTime(lastSend) >= options.HeartbeatInterval)
            {
                await SendAsync(new byte[] { 0 }, WebSocketMessageType.Binary, ct);
                lastSend = options.TimeProvider.GetTimestamp();
            }
            if (!await timer.WaitForNextTickAsync(ct)) break;
        }
    }

    private async Task SendTicksAsync(DateTimeOffset now, CancellationToken ct)
    {
        var ticks = new List<KiteTick>(_subs.Count);
        foreach (var (token, mode) in _subs)
            if (market.Catalog.ByToken(token) is { } inst)
                ticks.Add(SimTickBuilder.Build(market.Snapshot(inst, now), mode));
        if (ticks.Count == 0) return;
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ticks);
        var buffer = new byte[TickCodec.FrameSize(span)];
        TickCodec.WriteFrame(span, buffer);
        await SendAsync(buffer, WebSocketMessageType.Binary, ct);
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
        _dirty = true;
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
