using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;
using LiveTrader.Kite.Instruments;

namespace LiveTrader.Engine.Feeds;

/// <summary>What a paper or live session needs from the market: the day's instruments, history
/// to warm up and fill gaps, and a stream of ticks. Kite (real or simulated) is one implementation.</summary>
public interface ILiveMarket : IAsyncDisposable
{
    Task<IReadOnlyList<KiteInstrument>> InstrumentsAsync(CancellationToken ct);

    /// <summary>Completed and current candles whose start lies in [from, to], oldest first.</summary>
    Task<IReadOnlyList<Candle>> CandlesAsync(uint token, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);

    /// <summary>Ticks of these instruments, with depth where the exchange has it.</summary>
    Task SubscribeAsync(IReadOnlyCollection<uint> tokens, CancellationToken ct);

    /// <summary>The day's circuit limits of these options by instrument token (Kite's <c>/quote</c>); a
    /// market that cannot tell gives none, and a LIMIT is then priced without them.</summary>
    Task<IReadOnlyDictionary<uint, CircuitBand>> CircuitBandsAsync(IReadOnlyCollection<OptionContract> contracts, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<uint, CircuitBand>>(new Dictionary<uint, CircuitBand>());

    /// <summary>Starts the stream; ticks and connection changes arrive on the events.</summary>
    void Start();

    event Action<Tick>? TickArrived;

    /// <summary>Connection state in the trader's words: connected, reconnecting, login required, stopped.</summary>
    event Action<string>? StatusChanged;
}
