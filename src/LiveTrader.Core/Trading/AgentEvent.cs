using LiveTrader.Core.Market;

namespace LiveTrader.Core.Trading;

/// <summary>Kinds of decision an agent logs (spec 7.2), in the event log's words.</summary>
public static class AgentEventType
{
    public const string DayStarted = "DAY_STARTED";
    public const string CandleProcessed = "CANDLE";
    public const string Signal = "SIGNAL";
    public const string EntryTaken = "ENTRY";
    public const string EntrySkipped = "ENTRY_SKIPPED";
    public const string StopMoved = "TRAIL_MOVED";
    public const string PyramidAdded = "PYRAMID_ADD";
    public const string StopQuantityUpdated = "SL_QTY_UPDATED";
    public const string Exit = "EXIT";
    public const string ExitDelayed = "EXIT_DELAYED";
    public const string ReentryArmed = "REENTRY_ARMED";
    public const string ReentryDisarmed = "REENTRY_DISARMED";
    public const string Blocked = "BLOCKED";
    public const string Paused = "PAUSED";
    public const string Resumed = "RESUMED";
}

/// <summary>One row of the event log. <paramref name="Price"/> is the index spot or the option
/// price the event concerns, as its message says.</summary>
public sealed record AgentEvent(
    DateTimeOffset Time,
    Segment Segment,
    string Type,
    string Message,
    string? TradeId = null,
    string? OptionSymbol = null,
    decimal? Spot = null,
    decimal? Price = null,
    int? Quantity = null);
