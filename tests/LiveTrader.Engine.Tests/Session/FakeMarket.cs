using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;
using LiveTrader.Engine.Feeds;
using LiveTrader.Kite.Instruments;

namespace LiveTrader.Engine.Tests.Session;

/// <summary>A market the test drives by hand: instruments and history given up front, ticks pushed
/// one by one, subscriptions remembered.</summary>
internal sealed class FakeMarket(IReadOnlyList<KiteInstrument> instruments, Func<uint, DateTimeOffset, DateTimeOffset, IReadOnlyList<Candle>> history) : ILiveMarket
{
    private readonly Lock _lock = new();
    private readonly List<uint> _subscribed = [];

    public event Action<Tick>? TickArrived;
    public event Action<string>? StatusChanged;

    public IReadOnlyList<uint> Subscribed
    {
        get
        {
            lock (_lock) return _subscribed.ToList();
        }
    }

    public int HistoryRequests { get; private set; }

    public Task<IReadOnlyList<KiteInstrument>> InstrumentsAsync(CancellationToken ct) => Task.FromResult(instruments);

    /// <summary>While set, history answers only once it completes (or the request is cancelled): a slow historical API.</summary>
    public TaskCompletionSource? Stall { get; set; }

    public async Task<IReadOnlyList<Candle>> CandlesAsync(uint token, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        HistoryRequests++;
        if (Stall is { } stall) await stall.Task.WaitAsync(ct);
        return history(token, from, to);
    }

    public Task SubscribeAsync(IReadOnlyCollection<uint> tokens, CancellationToken ct)
    {
        lock (_lock) _subscribed.AddRange(tokens);
        return Task.CompletedTask;
    }

    /// <summary>The options whose circuit limits were asked for (<c>/quote</c>), in order.</summary>
    public IReadOnlyList<uint> BandsAsked
    {
        get
        {
            lock (_lock) return _bandsAsked.ToList();
        }
    }

    private readonly List<uint> _bandsAsked = [];

    public Task<IReadOnlyDictionary<uint, CircuitBand>> CircuitBandsAsync(IReadOnlyCollection<OptionContract> contracts, CancellationToken ct)
    {
        lock (_lock) _bandsAsked.AddRange(contracts.Select(c => c.InstrumentToken));
        return Task.FromResult<IReadOnlyDictionary<uint, CircuitBand>>(contracts.ToDictionary(c => c.InstrumentToken, _ => new CircuitBand(0.05m, 500m)));
    }

    public void Start() => StatusChanged?.Invoke("connected");

    public void Push(Tick tick) => TickArrived?.Invoke(tick);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
