using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;

namespace LiveTrader.Engine.Session;

/// <summary>A segment's status card (spec 6.2), taken on the agent's own loop after each input so
/// readers on other threads never touch the agent.</summary>
public sealed record SegmentStatus(
    Segment Segment,
    AgentStatus Status,
    string? OptionSymbol,
    decimal? Strike,
    DateOnly? Expiry,
    string? Direction,
    int Lots,
    int Quantity,
    decimal? EntryPrice,
    decimal? StopLoss,
    decimal? TrailingStop,
    decimal? OpenPnl,
    int TradesToday,
    int WinsToday,
    decimal NetPnlToday,
    decimal? Spot,
    DateTimeOffset? AsOf)
{
    /// <summary>Set when the segment's loop stopped on an error: no more inputs are handled.</summary>
    public string? Fault { get; init; }

    /// <summary>The risk stage's trading state (ACTIVE, REDUCING, HALTED) and why.</summary>
    public string Trading { get; init; } = "ACTIVE";

    public string? TradingReason { get; init; }

    /// <summary>Paused for new entries (the per-segment enable is off); an open position keeps its stops.</summary>
    public bool Paused { get; init; }

    public static SegmentStatus Idle(Segment segment) =>
        new(segment, AgentStatus.Idle, null, null, null, null, 0, 0, null, null, null, null, 0, 0, 0m, null, null);
}
