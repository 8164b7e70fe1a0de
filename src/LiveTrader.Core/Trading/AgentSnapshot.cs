using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;

namespace LiveTrader.Core.Trading;

/// <summary>Everything a segment agent needs to carry on after a restart: the day's counters,
/// re-entry flag and the open position with its stop, trail and pyramid legs. Indicators are not
/// in it: they are rebuilt from the historical candles at start, as every session warms up.</summary>
public sealed record AgentSnapshot(
    DateOnly Day,
    bool Started,
    int TradesToday,
    decimal NetPnlToday,
    OptionType? Reentry,
    Candle? LastCandle,
    decimal? LastSpot,
    string? BlockedReason,
    bool IsPaused,
    PositionSnapshot? Position,
    DateTimeOffset? MarketTime = null,
    OrderBookSnapshot? Orders = null);

public sealed record PositionSnapshot(
    string TradeId,
    string SignalType,
    OptionContract Contract,
    decimal EntrySpot,
    decimal InitialStop,
    decimal TrailPoints,
    decimal BestSpot,
    decimal Trail,
    DateTimeOffset EntryTime,
    bool IsReentry,
    IReadOnlyList<Fill> Buys,
    decimal WorstSpot,
    decimal? TargetSpot,
    string? CloseRequested = null,
    string? ExitDelayedFor = null,
    IReadOnlyList<Fill>? Sells = null,
    int? PyramidAdds = null);
