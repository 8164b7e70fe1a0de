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
    public const string LotSizeMismatch = "LOT_SIZE_MISMATCH";
    public const string Feed = "FEED";
    /// <summary>An order's fate beyond a plain fill: a partial fill, a cancelled or rejected remainder.</summary>
    public const string OrderUpdated = "ORDER";
    /// <summary>The kill switch: working orders cancelled, the position being flattened, then HALTED until re-armed.</summary>
    public const string KillSwitch = "KILL_SWITCH";
    public const string Halted = "HALTED";
    public const string Rearmed = "REARMED";
    /// <summary>The broker connection: a refused modification, a lost answer, an order that is not ours, login required.</summary>
    public const string Broker = "BROKER";
    /// <summary>The ledger compared with Kite's orders and positions before the first live order.</summary>
    public const string Reconciled = "RECONCILED";
    /// <summary>A dry run's order: through the route and into the ledger, never sent.</summary>
    public const string DryRun = "DRY_RUN";

    /// <summary>The account's protection fired (spec 9): entries stopped, the position being closed.</summary>
    public const string RiskLimit = "RISK_LIMIT";
    public const string CandleCorrected = "CANDLE_CORRECTED";
    public const string CandleUnconfirmed = "CANDLE_UNCONFIRMED";
}

/// <summary>One row of the event log. <see cref="Price"/> is the option price and <see cref="Spot"/>
/// the index level the event concerns. The message of the most frequent events (every candle, every
/// trail move) is formatted only when someone reads it: a year's backtest makes tens of thousands.</summary>
public sealed class AgentEvent : IEquatable<AgentEvent>
{
    private Func<string>? _format;
    private string? _message;

    [System.Text.Json.Serialization.JsonConstructor]
    public AgentEvent(DateTimeOffset time, Segment segment, string type, string message, string? tradeId = null,
        string? optionSymbol = null, decimal? spot = null, decimal? price = null, int? quantity = null)
        : this(time, segment, type, tradeId, optionSymbol, spot, price, quantity) => _message = message;

    public AgentEvent(DateTimeOffset time, Segment segment, string type, Func<string> message, string? tradeId = null,
        string? optionSymbol = null, decimal? spot = null, decimal? price = null, int? quantity = null)
        : this(time, segment, type, tradeId, optionSymbol, spot, price, quantity) => _format = message;

    private AgentEvent(DateTimeOffset time, Segment segment, string type, string? tradeId, string? optionSymbol,
        decimal? spot, decimal? price, int? quantity)
    {
        Time = time;
        Segment = segment;
        Type = type;
        TradeId = tradeId;
        OptionSymbol = optionSymbol;
        Spot = spot;
        Price = price;
        Quantity = quantity;
    }

    public DateTimeOffset Time { get; }
    public Segment Segment { get; }
    public string Type { get; }
    public string? TradeId { get; }
    public string? OptionSymbol { get; }
    public decimal? Spot { get; }
    public decimal? Price { get; }
    public int? Quantity { get; }

    public string Message
    {
        get
        {
            if (_message is null)
            {
                _message = _format!();
                _format = null;
            }
            return _message;
        }
    }

    public bool Equals(AgentEvent? other) =>
        other is not null && Time == other.Time && Segment == other.Segment && Type == other.Type && Message == other.Message
        && TradeId == other.TradeId && OptionSymbol == other.OptionSymbol && Spot == other.Spot && Price == other.Price
        && Quantity == other.Quantity;

    public override bool Equals(object? obj) => Equals(obj as AgentEvent);

    public override int GetHashCode() => HashCode.Combine(Time, Segment, Type, TradeId, Spot, Price, Quantity);

    public override string ToString() => $"{Time:yyyy-MM-dd HH:mm:ss} {Segment} {Type} {Message}";
}
