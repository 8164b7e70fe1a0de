using LiveTrader.Sim.Market;

namespace LiveTrader.Sim.Orders;

/// <summary>Kite order statuses used by the simulator (kite-protocol.md §5).</summary>
public static class SimOrderStatus
{
    public const string PutOrderReqReceived = "PUT ORDER REQ RECEIVED";
    public const string ValidationPending = "VALIDATION PENDING";
    public const string OpenPending = "OPEN PENDING";
    public const string Open = "OPEN";
    public const string TriggerPending = "TRIGGER PENDING";
    public const string Complete = "COMPLETE";
    public const string Cancelled = "CANCELLED";
    public const string Rejected = "REJECTED";
    public const string ModifyValidationPending = "MODIFY VALIDATION PENDING";
    public const string ModifyPending = "MODIFY PENDING";
    public const string Modified = "MODIFIED";
    public const string CancelPending = "CANCEL PENDING";

    public static bool IsWorking(string status) => status is Open or TriggerPending;
}

/// <summary>One order of the simulated OMS. Mutated only under the order book's lock.</summary>
public sealed class SimOrder
{
    public required string OrderId { get; init; }
    public required string ExchangeOrderId { get; init; }
    public required string Variety { get; init; }
    public required SimInstrument Instrument { get; init; }
    public required string TransactionType { get; init; }
    public required string Product { get; init; }
    public required string Validity { get; init; }
    public string? Tag { get; init; }
    /// <summary>Every tag: the caller's, plus <c>autoslice</c> and <c>autoslice:&lt;parent&gt;</c> on an autoslice child.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>Who placed it: the user, or <c>ADMINSQF</c> for the broker's 15:25 square-off.</summary>
    public required string PlacedBy { get; init; }
    public required DateTimeOffset PlacedAt { get; init; }
    /// <summary>When the order reaches the "exchange" (placement + the simulated processing delay).</summary>
    public DateTimeOffset ExchangeAt { get; init; }

    public string OrderType { get; set; } = "MARKET";
    public long Quantity { get; set; }
    public decimal Price { get; set; }
    public decimal TriggerPrice { get; set; }
    public string Status { get; set; } = SimOrderStatus.PutOrderReqReceived;
    public decimal MarketProtection { get; set; }
    /// <summary>The limit a MARKET / triggered SL-M order works at (its market protection band); 0 before it is set.</summary>
    public decimal ProtectionPrice { get; set; }
    public string? StatusMessage { get; set; }
    public string? StatusMessageRaw { get; set; }
    public DateTimeOffset OrderTimestamp { get; set; }
    public DateTimeOffset? ExchangeTimestamp { get; set; }
    public DateTimeOffset? ExchangeUpdateTimestamp { get; set; }
    public bool IsModified { get; set; }
    public int Modifications { get; set; }
    public long FilledQuantity { get; set; }
    /// <summary>Σ price × quantity of the fills, so <see cref="AveragePrice"/> stays exact over several trades.</summary>
    public decimal FilledValue { get; set; }
    public decimal AveragePrice => FilledQuantity == 0 ? 0 : Math.Round(FilledValue / FilledQuantity, 2);
    public long CancelledQuantity { get; set; }
    public long PendingQuantity => SimOrderStatus.IsWorking(Status) || Status is SimOrderStatus.PutOrderReqReceived
        or SimOrderStatus.ValidationPending or SimOrderStatus.OpenPending or SimOrderStatus.ModifyValidationPending
        or SimOrderStatus.ModifyPending or SimOrderStatus.Modified or SimOrderStatus.CancelPending
        ? Quantity - FilledQuantity : 0;

    /// <summary>Whether an SL/SL-M order's trigger has been hit (it then works as LIMIT/MARKET).</summary>
    public bool Triggered { get; set; }

    /// <summary>Last session second at which this order was checked against the market.</summary>
    public int CheckedSecond { get; set; }

    public bool IsBuy => TransactionType == "BUY";

    /// <summary>Whether it trades at the market (within its protection band) rather than at a price of its own.</summary>
    public bool IsMarket => OrderType == "MARKET" || (OrderType == "SL-M" && Triggered);

    /// <summary>The worst price it may trade at: its limit, or the market protection band.</summary>
    public decimal WorstPrice => IsMarket ? ProtectionPrice : Price;

    /// <summary>Every state the order went through (order JSON objects, oldest first).</summary>
    public List<Dictionary<string, object?>> History { get; } = [];
}

/// <summary>A fill.</summary>
public sealed record SimTrade(string TradeId, SimOrder Order, decimal Price, long Quantity, DateTimeOffset FillTime);
