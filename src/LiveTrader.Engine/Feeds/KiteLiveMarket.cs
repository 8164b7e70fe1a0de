using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Execution;
using LiveTrader.Kite.Auth;
using LiveTrader.Kite.Instruments;
using LiveTrader.Kite.Rest;
using LiveTrader.Kite.Ticker;

namespace LiveTrader.Engine.Feeds;

/// <summary>The market through Kite Connect (or the simulator, which speaks the same protocol):
/// REST for instruments and history, the WebSocket ticker in full mode for ticks.</summary>
public sealed class KiteLiveMarket : ILiveMarket
{
    private readonly KiteRestClient _rest;
    private readonly KiteTicker _ticker;
    private readonly Func<DateTimeOffset> _now;

    /// <param name="now">Stamps ticks that carry no exchange time (index packets in quote mode).</param>
    public KiteLiveMarket(KiteRestClient rest, KiteTicker ticker, Func<DateTimeOffset> now)
    {
        _rest = rest;
        _ticker = ticker;
        _now = now;
        _ticker.Ticks += OnTicks;
        _ticker.StateChanged += (_, change) => StatusChanged?.Invoke(Describe(change));
        _rest.LoginRequired += (_, _) => StatusChanged?.Invoke("login required");
    }

    public event Action<Tick>? TickArrived;
    public event Action<string>? StatusChanged;

    public async Task<IReadOnlyList<KiteInstrument>> InstrumentsAsync(CancellationToken ct)
    {
        var nfo = await _rest.GetInstrumentsAsync("NFO", ct);
        var bfo = await _rest.GetInstrumentsAsync("BFO", ct);
        return [.. nfo, .. bfo];
    }

    public Task<IReadOnlyList<Candle>> CandlesAsync(uint token, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        KiteCandles.FetchAsync(_rest, token, timeframe, from, to, ct);

    public Task SubscribeAsync(IReadOnlyCollection<uint> tokens, CancellationToken ct) =>
        _ticker.SubscribeAsync(tokens, TickMode.Full, ct);

    public async Task<IReadOnlyDictionary<uint, CircuitBand>> CircuitBandsAsync(IReadOnlyCollection<OptionContract> contracts, CancellationToken ct)
    {
        var quotes = await _rest.GetQuoteAsync(contracts.Select(c => $"{c.Exchange}:{c.TradingSymbol}"), ct);
        var bands = new Dictionary<uint, CircuitBand>();
        foreach (var q in quotes.Values)
            if (q.LowerCircuitLimit > 0 && q.UpperCircuitLimit > q.LowerCircuitLimit) bands[q.InstrumentToken] = new CircuitBand(q.LowerCircuitLimit, q.UpperCircuitLimit);
        return bands;
    }

    public void Start() => _ticker.Start();

    /// <summary>The access token in use, to tell a new login from the one Kite refused.</summary>
    public string? AccessToken => _rest.Credentials?.AccessToken;

    /// <summary>Cancelled when the market is disposed: what watches it on the side stops with it.</summary>
    public CancellationToken Closing => _closing.Token;
    private readonly CancellationTokenSource _closing = new();

    /// <summary>A new login during the session (Kite's tokens lapse at 06:00, or a token was revoked):
    /// REST and the ticker take the new token, and the ticker reconnects, resubscribes and reports
    /// "connected", which lets a live segment trade again after its broker has read the order book.</summary>
    public void UseLogin(KiteCredentials credentials)
    {
        _rest.Credentials = credentials;
        _ticker.UpdateCredentials(credentials);
        _ticker.Start();
    }

    /// <summary>Live orders through the same account: the ticker's order updates and its connection
    /// state reach the broker, which polls the order book whenever the ticker is down.</summary>
    /// <param name="apiSecret">Checks the updates' checksums; null takes the account's own secret, if known.</param>
    public KiteBroker Broker(LiveOrderSettings live, string? apiSecret = null)
    {
        var broker = new KiteBroker(_rest, live, apiSecret ?? _rest.Credentials?.ApiSecret, _now);
        _ticker.OrderUpdate += (_, payload) => broker.OnOrderUpdate(payload);
        _ticker.StateChanged += (_, change) => broker.TickerConnected(change.State == KiteTickerState.Connected);
        broker.TickerConnected(_ticker.State == KiteTickerState.Connected);
        return broker;
    }

    /// <summary>The market owns the clients it was given: the ticker and the REST client go with it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        await _ticker.DisposeAsync();
        _rest.Dispose();
        _closing.Dispose();
    }

    private void OnTicks(ReadOnlySpan<KiteTick> ticks)
    {
        if (TickArrived is not { } handler) return;
        foreach (ref readonly var t in ticks)
        {
            var bid = t.DepthCount > 0 ? t.ToPrice(t.Bids[0].RawPrice) : 0m;
            var ask = t.DepthCount > 0 ? t.ToPrice(t.Offers[0].RawPrice) : 0m;
            handler(new Tick(t.InstrumentToken, Ist.From(t.ExchangeTimestamp ?? _now()), t.LastPrice, bid, ask, t.Volume));
        }
    }

    private static string Describe(KiteTickerStateChange change) => change.State switch
    {
        KiteTickerState.Connected => "connected",
        KiteTickerState.Reconnecting => $"reconnecting (attempt {change.Attempt}{(change.RetryIn is { } d ? $", next in {d.TotalSeconds:0.#} s" : "")})",
        KiteTickerState.LoginRequired => "login required",
        KiteTickerState.Stopped => "stopped",
        _ => change.State.ToString().ToLowerInvariant(),
    };
}
