namespace LiveTrader.Kite.Rest;

// Funds, margins and charges (kite-orders.md §4; GET /user/margins, POST /margins/orders, /margins/basket,
// /charges/orders). Unknown fields are ignored.

/// <summary><c>GET /user/margins</c>: equity and commodity segments.</summary>
public sealed record KiteMargins(KiteSegmentMargins? Equity, KiteSegmentMargins? Commodity);

public sealed record KiteSegmentMargins
{
    public bool Enabled { get; init; }
    /// <summary>What is left to trade with.</summary>
    public decimal Net { get; init; }
    public KiteAvailableMargins Available { get; init; } = new();
    public KiteUtilisedMargins Utilised { get; init; } = new();
}

public sealed record KiteAvailableMargins
{
    public decimal AdhocMargin { get; init; }
    public decimal Cash { get; init; }
    public decimal OpeningBalance { get; init; }
    public decimal LiveBalance { get; init; }
    public decimal Collateral { get; init; }
    public decimal IntradayPayin { get; init; }
}

public sealed record KiteUtilisedMargins
{
    public decimal Debits { get; init; }
    public decimal Exposure { get; init; }
    public decimal M2mRealised { get; init; }
    public decimal M2mUnrealised { get; init; }
    public decimal OptionPremium { get; init; }
    public decimal Payout { get; init; }
    public decimal Span { get; init; }
    public decimal HoldingSales { get; init; }
    public decimal Turnover { get; init; }
    public decimal LiquidCollateral { get; init; }
    public decimal StockCollateral { get; init; }
    public decimal Delivery { get; init; }
}

/// <summary>One order of a margin or basket request (sent as JSON).</summary>
public sealed record KiteMarginOrder
{
    public required string Exchange { get; init; }
    public required string Tradingsymbol { get; init; }
    public required string TransactionType { get; init; }
    public string Variety { get; init; } = "regular";
    public required string Product { get; init; }
    public required string OrderType { get; init; }
    public required long Quantity { get; init; }
    public decimal Price { get; init; }
    public decimal TriggerPrice { get; init; }
}

/// <summary>The margin one order needs (<c>POST /margins/orders</c>, and each order of a basket).</summary>
public sealed record KiteOrderMargin
{
    public string Type { get; init; } = "";
    public string Tradingsymbol { get; init; } = "";
    public string Exchange { get; init; } = "";
    public decimal Span { get; init; }
    public decimal Exposure { get; init; }
    public decimal OptionPremium { get; init; }
    public decimal Additional { get; init; }
    public decimal Bo { get; init; }
    public decimal Cash { get; init; }
    public decimal Var { get; init; }
    public decimal Leverage { get; init; }
    public KiteOrderCharges? Charges { get; init; }
    public decimal Total { get; init; }
}

/// <summary><c>POST /margins/basket</c>: the basket's margin alone (initial) and with the open positions (final).</summary>
public sealed record KiteBasketMargins(KiteOrderMargin Initial, KiteOrderMargin Final, KiteOrderMargin[] Orders);

/// <summary>One executed order for the virtual contract note (<c>POST /charges/orders</c>, sent as JSON).</summary>
public sealed record KiteChargeOrder
{
    public required string OrderId { get; init; }
    public required string Exchange { get; init; }
    public required string Tradingsymbol { get; init; }
    public required string TransactionType { get; init; }
    public string Variety { get; init; } = "regular";
    public required string Product { get; init; }
    public required string OrderType { get; init; }
    public required long Quantity { get; init; }
    public required decimal AveragePrice { get; init; }
}

/// <summary>The itemised charges of an order, as a contract note shows them.</summary>
public sealed record KiteOrderCharges
{
    public decimal TransactionTax { get; init; }
    public string? TransactionTaxType { get; init; }
    public decimal ExchangeTurnoverCharge { get; init; }
    public decimal SebiTurnoverCharge { get; init; }
    public decimal Brokerage { get; init; }
    public decimal StampDuty { get; init; }
    public KiteGst Gst { get; init; } = new();
    public decimal Total { get; init; }
}

public sealed record KiteGst
{
    public decimal Igst { get; init; }
    public decimal Cgst { get; init; }
    public decimal Sgst { get; init; }
    public decimal Total { get; init; }
}

/// <summary>The virtual contract note entry of one order.</summary>
public sealed record KiteOrderChargesEntry
{
    public string OrderId { get; init; } = "";
    public string Exchange { get; init; } = "";
    public string Tradingsymbol { get; init; } = "";
    public string TransactionType { get; init; } = "";
    public long Quantity { get; init; }
    public decimal Price { get; init; }
    public KiteOrderCharges Charges { get; init; } = new();
}

/// <summary><c>PUT /portfolio/positions</c>: move a position from one product to another.</summary>
public sealed record KitePositionConversion
{
    public required string Exchange { get; init; }
    public required string Tradingsymbol { get; init; }
    public required string TransactionType { get; init; }
    /// <summary><c>day</c> or <c>overnight</c>.</summary>
    public string PositionType { get; init; } = "day";
    public required long Quantity { get; init; }
    public required string OldProduct { get; init; }
    public required string NewProduct { get; init; }
}
