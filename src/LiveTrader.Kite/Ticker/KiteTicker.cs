using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using LiveTrader.Kite.Auth;

namespace LiveTrader.Kite.Ticker;

/// <summary>
/// Kite WebSocket ticker (kite-protocol.md §6): subscribe/unsubscribe/mode, binary tick frames decoded without
/// per-tick allocation, heartbeats, JSON text frames (order updates, errors, messages), a data watchdog, reconnect
/// with exponential backoff and resubscription, and connection state as events. A 403 on the handshake means the
/// token is invalid: the ticker enters <see cref="KiteTickerState.LoginRequired"/> and does not retry.
/// </summary>
public sealed class KiteTicker : IAsyncDisposable
{
    private readonly KiteTickerOptions _options;
    private readonly Dictionary<uint, TickMode> _subscriptions = new();
    private readonly object _gate = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private KiteCredentials _credentials;
    private CancellationTokenSource? _runCts;
    private Task? _runTask;
    private ClientWebSocket? _socket;
    private KiteTick[] _ticks = new KiteTick[256];
    private long _lastReceived;
    private volatile KiteTickerState _state = KiteTickerState.Idle;

    public KiteTicker(KiteCredentials credentials, KiteTickerOptions? options = null)
    {
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _options = options ?? new KiteTickerOptions();
    }

    /// <summary>Ticks of each binary frame (raised on the receive loop; keep handlers fast).</summary>
    public event KiteTicksHandler? Ticks;

    public event EventHandler<KiteTickerStateChange>? StateChanged;

    /// <summary>Order update text frame: the raw JSON of <c>data</c> (the postback payload).</summary>
    public event EventHandler<string>? OrderUpdate;

    /// <summary>Text frame of type <c>error</c>.</summary>
    public event EventHandler<string>? ServerError;

    /// <summary>Text frame of type <c>message</c> (broker message).</summary>
    public event EventHandler<string>? ServerMessage;

    public KiteTickerState State => _state;
    public long HeartbeatCount => Interlocked.Read(ref _heartbeats);
    public long FrameCount => Interlocked.Read(ref _frames);
    public long MalformedFrameCount => Interlocked.Read(ref _malformed);
    public long SkippedPacketCount => Interlocked.Read(ref _skipped);
    public int ConnectionCount => Volatile.Read(ref _connections);

    private long _heartbeats, _frames, _malformed, _skipped;
    private int _connections;

    /// <summary>Current subscriptions and their modes (what is resent after a reconnect).</summary>
    public IReadOnlyDictionary<uint, TickMode> Subscriptions
    {
        get { lock (_gate) return new Dictionary<uint, TickMode>(_subscriptions); }
    }

    /// <summary>Replaces the credentials (e.g. after a new login). Takes effect on the next connection.</summary>
    public void UpdateCredentials(KiteCredentials credentials) =>
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));

    /// <summary>Starts connecting in the background; progress is reported through <see cref="StateChanged"/>.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_runTask is { IsCompleted: false }) return;
            if (!_credentials.HasAccessToken)
            {
                SetState(KiteTickerState.LoginRequired, 0, null, "no access token");
                return;
            }
            _runCts = new CancellationTokenSource();
            var token = _runCts.Token;
            _runTask = Task.Run(() => RunAsync(token));
        }
    }

    /// <summary>Stops the ticker and waits for the connection to close.</summary>
    public async Task StopAsync()
    {
        Task? run;
        lock (_gate)
        {
            run = _runTask;
            _runCts?.Cancel();
        }
        if (run is not null)
        {
            try { await run.ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
        if (_state != KiteTickerState.Stopped && _state != KiteTickerState.LoginRequired)
            SetState(KiteTickerState.Stopped, 0, null, "stopped by caller");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _runCts?.Dispose();
    }

    /// <summary>Subscribes tokens in the given mode (Kite's default is quote).</summary>
    public Task SubscribeAsync(IEnumerable<uint> tokens, TickMode mode = TickMode.Quote, CancellationToken ct = default)
    {
        var list = tokens.Distinct().ToArray();
        lock (_gate) foreach (var t in list) _subscriptions[t] = mode;
        return SendIfConnectedAsync([SubscribeMessage("subscribe", list), ModeMessage(mode, list)], ct);
    }

    public Task UnsubscribeAsync(IEnumerable<uint> tokens, CancellationToken ct = default)
    {
        var list = tokens.Distinct().ToArray();
        lock (_gate) foreach (var t in list) _subscriptions.Remove(t);
        return SendIfConnectedAsync([SubscribeMessage("unsubscribe", list)], ct);
    }

    /// <summary>Changes the mode of tokens (subscribing them if needed).</summary>
    public Task SetModeAsync(TickMode mode, IEnumerable<uint> tokens, CancellationToken ct = default)
    {
        var list = tokens.Distinct().ToArray();
        uint[] added;
        lock (_gate)
        {
            added = list.Where(t => !_subscriptions.ContainsKey(t)).ToArray();
            foreach (var t in list) _subscriptions[t] = mode;
        }
        // Whether "mode" alone subscribes is unverified (kite-protocol.md §6.2), so new tokens are subscribed explicitly.
        return SendIfConnectedAsync(added.Length == 0
            ? [ModeMessage(mode, list)]
            : [SubscribeMessage("subscribe", added), ModeMessage(mode, list)], ct);
    }

    public static string ModeName(TickMode mode) => mode switch
    {
        TickMode.Ltp => "ltp",
        TickMode.Quote => "quote",
        _ => "full",
    };

    internal static string SubscribeMessage(string action, uint[] tokens) =>
        $"{{\"a\":\"{action}\",\"v\":[{string.Join(',', tokens)}]}}";

    internal static string ModeMessage(TickMode mode, uint[] tokens) =>
        $"{{\"a\":\"mode\",\"v\":[\"{ModeName(mode)}\",[{string.Join(',', tokens)}]]}}";

    /// <summary>Backoff before attempt n (1-based): initial × 2^(n−1), capped.</summary>
    public static TimeSpan BackoffDelay(int attempt, TimeSpan initial, TimeSpan max)
    {
        if (attempt <= 1) return initial < max ? initial : max;
        double ms = initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        return ms >= max.TotalMilliseconds ? max : TimeSpan.FromMilliseconds(ms);
    }

    // ------------------------------------------------------------------ connection loop

    private async Task RunAsync(CancellationToken ct)
    {
        int failures = 0;
        string? reason = null;
        while (!ct.IsCancellationRequested)
        {
            if (failures > 0)
            {
                if (_options.MaxReconnectAttempts > 0 && failures > _options.MaxReconnectAttempts)
                {
                    SetState(KiteTickerState.Stopped, failures, null, $"gave up after {failures - 1} reconnect attempts");
                    return;
                }
                var delay = BackoffDelay(failures, _options.InitialReconnectDelay, _options.MaxReconnectDelay);
                SetState(KiteTickerState.Reconnecting, failures, delay, reason);
                try { await Task.Delay(delay, ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
            }
            else
            {
                SetState(KiteTickerState.Connecting, 0, null, null);
            }

            using var socket = new ClientWebSocket();
            socket.Options.CollectHttpResponseDetails = true;
            socket.Options.SetRequestHeader("X-Kite-Version", "3");
            socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(10);
            try
            {
                using var connectCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
                connectCts.CancelAfter(_options.ConnectTimeout);
                await socket.ConnectAsync(BuildUri(), connectCts.Token).ConfigureAwait(false);
            }
            catch (Exception) when (socket.HttpStatusCode == HttpStatusCode.Forbidden)
            {
                Log("ticker handshake refused with 403: login required");
                SetState(KiteTickerState.LoginRequired, failures, null, "handshake refused with HTTP 403 (invalid or expired access token)");
                return;
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failures++;
                reason = socket.HttpStatusCode != 0
                    ? $"handshake failed with HTTP {(int)socket.HttpStatusCode}"
                    : $"connect failed ({ex.GetType().Name})";
                Log("ticker " + reason);
                continue;
            }

            lock (_gate) _socket = socket;
            Interlocked.Increment(ref _connections);
            SetState(KiteTickerState.Connected, 0, null, null);
            bool gotData;
            try
            {
                await ResubscribeAsync(socket, ct).ConfigureAwait(false);
                (gotData, reason) = await ReceiveLoopAsync(socket, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                gotData = false;
                reason = $"send failed ({ex.GetType().Name})";
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                // Stopping aborts the socket: a receive in flight may then fail as an aborted
                // WebSocket rather than as a cancel. Either way the caller asked for it.
                gotData = false;
                reason = "stopped by caller";
            }
            finally
            {
                lock (_gate) _socket = null;
            }
            if (ct.IsCancellationRequested)
            {
                await CloseQuietlyAsync(socket).ConfigureAwait(false);
                break;
            }
            Log("ticker connection lost: " + reason);
            // A connection that delivered data resets the backoff; one that died silently counts as a failure.
            failures = gotData ? 1 : failures + 1;
        }
        SetState(KiteTickerState.Stopped, 0, null, "stopped by caller");
    }

    private async Task<(bool GotData, string Reason)> ReceiveLoopAsync(ClientWebSocket socket, CancellationToken ct)
    {
        bool gotData = false;
        bool watchdogFired = false;
        Volatile.Write(ref _lastReceived, Environment.TickCount64);
        using var loopCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watchdog = WatchdogAsync(socket, () => watchdogFired = true, loopCts.Token);
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                int length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        if (length >= _options.MaxMessageBytes)
                        {
                            await socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "message too big", ct).ConfigureAwait(false);
                            return (gotData, $"a message larger than {_options.MaxMessageBytes / 1024} KB");
                        }
                        Array.Resize(ref buffer, Math.Min(buffer.Length * 2, _options.MaxMessageBytes));
                    }
                    // Memory-based overload: completes as a ValueTask, so steady-state receiving does not allocate.
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), ct).ConfigureAwait(false);
                    length += result.Count;
                    Volatile.Write(ref _lastReceived, Environment.TickCount64);
                } while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                    return (gotData, $"server closed the connection ({socket.CloseStatus})");
                gotData = true;
                if (result.MessageType == WebSocketMessageType.Binary)
                    HandleBinary(buffer.AsSpan(0, length));
                else
                    HandleText(buffer.AsSpan(0, length));
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return (gotData, watchdogFired ? $"no data for {_options.WatchdogTimeout.TotalSeconds:0.###} s (watchdog)" : $"receive failed ({ex.GetType().Name})");
        }
        finally
        {
            loopCts.Cancel();
            try { await watchdog.ConfigureAwait(false); } catch (OperationCanceledException) { }
        }
    }

    private async Task WatchdogAsync(ClientWebSocket socket, Action fired, CancellationToken ct)
    {
        var timeoutMs = (long)_options.WatchdogTimeout.TotalMilliseconds;
        var period = TimeSpan.FromMilliseconds(Math.Max(10, timeoutMs / 4));
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(period, ct).ConfigureAwait(false);
            if (Environment.TickCount64 - Volatile.Read(ref _lastReceived) > timeoutMs)
            {
                fired();
                Log("ticker watchdog: no data, dropping the connection");
                socket.Abort();
                return;
            }
        }
    }

    private void HandleBinary(ReadOnlySpan<byte> frame)
    {
        Interlocked.Increment(ref _frames);
        int announced = TickCodec.PacketCount(frame);
        if (announced > _ticks.Length) _ticks = new KiteTick[Math.Max(announced, _ticks.Length * 2)];
        var result = TickCodec.ParseFrame(frame, _ticks);
        if (result.Heartbeat) { Interlocked.Increment(ref _heartbeats); return; }
        if (result.Malformed) Interlocked.Increment(ref _malformed);
        if (result.SkippedPackets > 0) Interlocked.Add(ref _skipped, result.SkippedPackets);
        if (result.Ticks == 0) return;
        var handler = Ticks;
        if (handler is null) return;
        try { handler(new ReadOnlySpan<KiteTick>(_ticks, 0, result.Ticks)); }
        catch (Exception ex) { Log($"tick handler threw {ex.GetType().Name}: {ex.Message}"); }
    }

    private void HandleText(ReadOnlySpan<byte> text)
    {
        Interlocked.Increment(ref _frames);
        try
        {
            var reader = new Utf8JsonReader(text);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type)) return;
            root.TryGetProperty("data", out var data);
            string payload = data.ValueKind switch
            {
                JsonValueKind.String => data.GetString() ?? "",
                JsonValueKind.Undefined => "",
                _ => data.GetRawText(),
            };
            switch (type.GetString())
            {
                case "order": OrderUpdate?.Invoke(this, payload); break;
                case "error": ServerError?.Invoke(this, payload); break;
                case "message": ServerMessage?.Invoke(this, payload); break;
            }
        }
        catch (JsonException)
        {
            Interlocked.Increment(ref _malformed);
        }
        catch (Exception ex)
        {
            Log($"text handler threw {ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task ResubscribeAsync(ClientWebSocket socket, CancellationToken ct)
    {
        List<string> messages = [];
        lock (_gate)
        {
            if (_subscriptions.Count == 0) return;
            messages.Add(SubscribeMessage("subscribe", _subscriptions.Keys.ToArray()));
            foreach (var group in _subscriptions.GroupBy(kv => kv.Value))
                messages.Add(ModeMessage(group.Key, group.Select(kv => kv.Key).ToArray()));
        }
        foreach (var m in messages) await SendAsync(socket, m, ct).ConfigureAwait(false);
    }

    private async Task SendIfConnectedAsync(string[] messages, CancellationToken ct)
    {
        ClientWebSocket? socket;
        lock (_gate) socket = _socket;
        if (socket is null || socket.State != WebSocketState.Open) return; // sent on (re)connect
        try
        {
            foreach (var m in messages) await SendAsync(socket, m, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
        {
            // The connection is going away; the subscription is recorded and resent after reconnecting.
        }
    }

    private async Task SendAsync(ClientWebSocket socket, string message, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        await _sendLock.WaitAsync(ct).ConfigureAwait(false);
        try { await socket.SendAsync(bytes, WebSocketMessageType.Text, true, ct).ConfigureAwait(false); }
        finally { _sendLock.Release(); }
    }

    private static async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "stop", cts.Token).ConfigureAwait(false);
            }
        }
        catch (Exception) { }
        socket.Abort();
    }

    private Uri BuildUri()
    {
        var c = _credentials;
        var b = new UriBuilder(_options.RootUri)
        {
            Query = $"api_key={Uri.EscapeDataString(c.ApiKey)}&access_token={Uri.EscapeDataString(c.AccessToken ?? "")}",
        };
        return b.Uri;
    }

    private void SetState(KiteTickerState state, int attempt, TimeSpan? retryIn, string? reason)
    {
        _state = state;
        try { StateChanged?.Invoke(this, new KiteTickerStateChange(state, attempt, retryIn, reason)); }
        catch (Exception ex) { Log($"state handler threw {ex.GetType().Name}"); }
    }

    private void Log(string line) => _options.Log?.Invoke(line);
}
