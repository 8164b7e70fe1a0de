using System.Text.Json;
using System.Text.Json.Serialization;
using LiveTrader.Kite.Auth;

namespace LiveTrader.Kite.Rest;

// JSON shapes of Kite v3 responses (kite-protocol.md §1.3, §4, §5). Property names map with snake_case;
// timestamps use the IST-aware converters. Unknown fields are ignored.

/// <summary>Result of <c>POST /session/token</c>. Secrets are masked in <see cref="ToString"/>.</summary>
public sealed class KiteSession
{
    public string UserId { get; init; } = "";
    public string UserName { get; init; } = "";
    public string UserShortname { get; init; } = "";
    public string Email { get; init; } = "";
    public string Broker { get; init; } = "";
    public string ApiKey { get; init; } = "";
    public string AccessToken { get; init; } = "";
    public string? PublicToken { get; init; }
    public string? RefreshToken { get; init; }
    public string[] Exchanges { get; init; } = [];
    public string[] Products { get; init; } = [];
    public DateTimeOffset? LoginTime { get; init; }

    public override string ToString() =>
        $"KiteSession {{ UserId = {UserId}, ApiKey = {Redact.Secret(ApiKey)}, AccessToken = {Redact.Secret(AccessToken)}, " +
        $"LoginTime = {LoginTime:yyyy-MM-dd HH:mm:sszzz} }}";
}

public sealed record KiteOhlc(decimal Open, decimal High, decimal Low, decimal Close);

public sealed record KiteDepthEntry(decimal Price, long Quantity, int Orders);

public sealed record KiteDepth(KiteDepthEntry[] Buy, KiteDepthEntry[] Sell);

/// <summary>One entry of <c>GET /quote</c>.</summary>
public sealed record KiteQuote
{
    public uint InstrumentToken { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public DateTimeOffset? LastTradeTime { get; init; }
    public decimal LastPrice { get; init; }
    public long LastQuantity { get; init; }
    public long BuyQuantity { get; init; }
    public long SellQuantity { get; init; }
    public long Volume { get; init; }
    public decimal AveragePrice { get; init; }
    public long Oi { get; init; }
    public long OiDayHigh { get; init; }
    public long OiDayLow { get; init; }
    public decimal NetChange { get; init; }
    public decimal LowerCircuitLimit { get; init; }
    public decimal UpperCircuitLimit { get; init; }
    public KiteOhlc? Ohlc { get; init; }
    public KiteDepth? Depth { get; init; }
}

/// <summary>One entry of <c>GET /quote/ltp</c>.</summary>
public sealed record KiteLtp(uint InstrumentToken, decimal LastPrice);

/// <summary>One entry of <c>GET /quote/ohlc</c>.</summary>
public sealed record KiteOhlcQuote(uint InstrumentToken, decimal LastPrice, KiteOhlc Ohlc);

/// <summary>An order (order book entry or one state of an order's history).</summary>
public sealed record KiteOrder
{
    public string OrderId { get; init; } = "";
    public string? ExchangeOrderId { get; init; }
    public string? ParentOrderId { get; init; }
    public string Status { get; init; } = "";
    public string? StatusMessage { get; init; }
    /// <summary>The OMS / exchange text behind a rejection, e.g. <c>RMS:Margin Exceeds,...</c>.</summary>
    public string? StatusMessageRaw { get; init; }
    /// <summary>Who placed it: the user id, or e.g. <c>ADMINSQF</c> for the broker's square-off.</summary>
    public string? PlacedBy { get; init; }
    public DateTimeOffset? OrderTimestamp { get; init; }
    public DateTimeOffset? ExchangeUpdateTimestamp { get; init; }
    public DateTimeOffset? ExchangeTimestamp { get; init; }
    public string Variety { get; init; } = "";
    public bool Modified { get; init; }
    public string Exchange { get; init; } = "";
    public string Tradingsymbol { get; init; } = "";
    public uint InstrumentToken { get; init; }
    public string OrderType { get; init; } = "";
    public string TransactionType { get; init; } = "";
    public string Validity { get; init; } = "";
    /// <summary>Minutes of a TTL validity.</summary>
    public int? ValidityTtl { get; init; }
    public string Product { get; init; } = "";
    public long Quantity { get; init; }
    public long DisclosedQuantity { get; init; }
    public decimal Price { get; init; }
    public decimal TriggerPrice { get; init; }
    public decimal AveragePrice { get; init; }
    public long FilledQuantity { get; init; }
    public long PendingQuantity { get; init; }
    public long CancelledQuantity { get; init; }
    public decimal MarketProtection { get; init; }
    public string? Tag { get; init; }
    public string[]? Tags { get; init; }
    public string? Guid { get; init; }
    /// <summary>Kite's free-form extras (e.g. iceberg legs, demat consent), kept as sent.</summary>
    public JsonElement? Meta { get; init; }
}

/// <summary>A trade (fill). Kite sends <c>order_timestamp</c> as time-only here, so it is kept raw.</summary>
public sealed record KiteTrade
{
    public string TradeId { get; init; } = "";
    public string OrderId { get; init; } = "";
    public string? ExchangeOrderId { get; init; }
    public string Exchange { get; init; } = "";
    public string Tradingsymbol { get; init; } = "";
    public uint InstrumentToken { get; init; }
    public string Product { get; init; } = "";
    public decimal AveragePrice { get; init; }
    public long Quantity { get; init; }
    public string TransactionType { get; init; } = "";
    public DateTimeOffset? FillTimestamp { get; init; }
    public DateTimeOffset? ExchangeTimestamp { get; init; }
    [JsonConverter(typeof(RawStringConverter))]
    public string? OrderTimestamp { get; init; }
}

public sealed record KitePosition
{
    public string Tradingsymbol { get; init; } = "";
    public string Exchange { get; init; } = "";
    public uint InstrumentToken { get; init; }
    public string Product { get; init; } = "";
    public long Quantity { get; init; }
    public long OvernightQuantity { get; init; }
    public decimal Multiplier { get; init; }
    public decimal AveragePrice { get; init; }
    public decimal ClosePrice { get; init; }
    public decimal LastPrice { get; init; }
    public decimal Value { get; init; }
    public decimal Pnl { get; init; }
    public decimal M2m { get; init; }
    public decimal Unrealised { get; init; }
    public decimal Realised { get; init; }
    public long BuyQuantity { get; init; }
    public decimal BuyPrice { get; init; }
    public decimal BuyValue { get; init; }
    public long SellQuantity { get; init; }
    public decimal SellPrice { get; init; }
    public decimal SellValue { get; init; }
    public long DayBuyQuantity { get; init; }
    public decimal DayBuyPrice { get; init; }
    public decimal DayBuyValue { get; init; }
    public long DaySellQuantity { get; init; }
    public decimal DaySellPrice { get; init; }
    public decimal DaySellValue { get; init; }
}

public sealed record KitePositions(KitePosition[] Net, KitePosition[] Day);

/// <summary>Parameters of <c>POST /orders/{variety}</c>. Null fields are not sent.</summary>
public sealed record KiteOrderRequest
{
    public string Variety { get; init; } = "regular";
    public required string Exchange { get; init; }
    public required string Tradingsymbol { get; init; }
    /// <summary>BUY or SELL.</summary>
    public required string TransactionType { get; init; }
    /// <summary>MARKET, LIMIT, SL or SL-M.</summary>
    public required string OrderType { get; init; }
    public required long Quantity { get; init; }
    /// <summary>CNC, NRML, MIS, MTF.</summary>
    public required string Product { get; init; }
    public decimal? Price { get; init; }
    public decimal? TriggerPrice { get; init; }
    public long? DisclosedQuantity { get; init; }
    public string? Validity { get; init; } = "DAY";
    public int? ValidityTtl { get; init; }
    public int? IcebergLegs { get; init; }
    public long? IcebergQuantity { get; init; }
    public string? AuctionNumber { get; init; }
    /// <summary>−1 automatic or a percentage in (0, 100]; required on MARKET and SL-M orders through the API since
    /// 1 Apr 2026 (0 or none is refused).</summary>
    public decimal? MarketProtection { get; init; }
    public bool? Autoslice { get; init; }
    public string? Tag { get; init; }
    /// <summary>SEBI algo id (sent when set).</summary>
    public string? AlgoId { get; init; }
}

/// <summary>What a placement answered: one order id and, for an autosliced order, one entry per child order.</summary>
public sealed record KitePlacement(string? OrderId, IReadOnlyList<KiteChildOrder> Children)
{
    /// <summary>Every order id placed: the children's, or the one order's.</summary>
    public IReadOnlyList<string> OrderIds => Children.Count > 0
        ? Children.Where(c => c.OrderId is not null).Select(c => c.OrderId!).ToList()
        : OrderId is null ? [] : [OrderId];

    /// <summary>Reads both shapes Kite has answered autoslice with (kite-orders.md §1): a <c>data</c> array of
    /// <c>{order_id}</c> / <c>{error}</c> items, or <c>{order_id, children: [...]}</c>; a plain order is the second
    /// shape without children.</summary>
    public static KitePlacement Parse(JsonElement data)
    {
        static string? Id(JsonElement e) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("order_id", out var id)
            ? id.ValueKind == JsonValueKind.String ? id.GetString() : id.ValueKind == JsonValueKind.Number ? id.GetRawText() : null
            : null;
        static KiteChildOrder Child(JsonElement e)
        {
            string? error = null;
            if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("error", out var err) && err.ValueKind != JsonValueKind.Null)
                error = err.ValueKind == JsonValueKind.String ? err.GetString()
                    : err.ValueKind == JsonValueKind.Object && err.TryGetProperty("message", out var m) ? m.GetString() : err.GetRawText();
            return new KiteChildOrder(Id(e), error);
        }
        if (data.ValueKind == JsonValueKind.Array)
            return new KitePlacement(null, data.EnumerateArray().Select(Child).ToList());
        var children = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("children", out var c) && c.ValueKind == JsonValueKind.Array
            ? c.EnumerateArray().Select(Child).ToList()
            : [];
        return new KitePlacement(Id(data), children);
    }
}

/// <summary>One child of an autosliced order: its id, or why it was not placed.</summary>
public sealed record KiteChildOrder(string? OrderId, string? Error);

/// <summary>Parameters of <c>PUT /orders/{variety}/{order_id}</c>. Null fields are not sent.</summary>
public sealed record KiteOrderModification
{
    public string? OrderType { get; init; }
    public long? Quantity { get; init; }
    public decimal? Price { get; init; }
    public decimal? TriggerPrice { get; init; }
    public long? DisclosedQuantity { get; init; }
    public string? Validity { get; init; }
    public string? ParentOrderId { get; init; }
    /// <summary>Needed when the modification makes the order MARKET or SL-M (−1 automatic, or a percentage in (0, 100]).</summary>
    public decimal? MarketProtection { get; init; }
}

internal sealed class RawStringConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => JsonDocument.ParseValue(ref reader).RootElement.GetRawText(),
        };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
