using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LiveTrader.Core.Market;
using LiveTrader.Sim.Rest;

namespace LiveTrader.Sim.Orders;

/// <summary>JSON shapes of orders, trades and order updates (field names from kiteconnect-mocks, kite-protocol.md §5).</summary>
internal static class SimOrderJson
{
    public static Dictionary<string, object?> Order(SimOrder o, string userId) => new()
    {
        ["account_id"] = userId,
        ["placed_by"] = o.PlacedBy,
        ["order_id"] = o.OrderId,
        ["exchange_order_id"] = o.ExchangeTimestamp is null ? null : o.ExchangeOrderId,
        ["parent_order_id"] = null,
        ["status"] = o.Status,
        ["status_message"] = o.StatusMessage,
        ["status_message_raw"] = o.StatusMessageRaw,
        ["order_timestamp"] = SimJson.Time(o.OrderTimestamp),
        ["exchange_update_timestamp"] = o.ExchangeUpdateTimestamp is { } u ? SimJson.Time(u) : null,
        ["exchange_timestamp"] = o.ExchangeTimestamp is { } e ? SimJson.Time(e) : null,
        ["variety"] = o.Variety,
        ["modified"] = o.IsModified,
        ["exchange"] = o.Instrument.Exchange,
        ["tradingsymbol"] = o.Instrument.Tradingsymbol,
        ["instrument_token"] = o.Instrument.InstrumentToken,
        ["order_type"] = o.OrderType,
        ["transaction_type"] = o.TransactionType,
        ["validity"] = o.Validity,
        ["validity_ttl"] = 0,
        ["product"] = o.Product,
        ["quantity"] = o.Quantity,
        ["disclosed_quantity"] = 0,
        // A MARKET order works as a limit at its protection band: the book shows that price.
        ["price"] = o.IsMarket && o.ProtectionPrice > 0 ? o.ProtectionPrice : o.Price,
        ["trigger_price"] = o.TriggerPrice,
        ["average_price"] = o.AveragePrice,
        ["filled_quantity"] = o.FilledQuantity,
        ["pending_quantity"] = o.PendingQuantity,
        ["cancelled_quantity"] = o.CancelledQuantity,
        ["market_protection"] = o.MarketProtection,
        ["meta"] = new Dictionary<string, object?>(),
        ["tag"] = o.Tag,
        ["tags"] = o.Tags.Count == 0 ? null : o.Tags.ToArray(),
        ["guid"] = o.OrderId + "-sim",
    };

    /// <summary>
    /// The postback / WebSocket order-update payload: the order object with the update's status (COMPLETE, REJECTED,
    /// CANCELLED or UPDATE) plus <c>user_id</c>, <c>app_id</c>,
    /// <c>unfilled_quantity</c> and <c>checksum</c> = hex SHA-256(order_id + order_timestamp + api_secret).
    /// </summary>
    public static Dictionary<string, object?> Postback(Dictionary<string, object?> order, string status, string userId, string apiSecret)
    {
        var p = new Dictionary<string, object?>(order)
        {
            ["status"] = status,
            ["user_id"] = userId,
            ["app_id"] = 1,
            ["unfilled_quantity"] = order["pending_quantity"],
        };
        p["checksum"] = Checksum((string)order["order_id"]!, (string)order["order_timestamp"]!, apiSecret);
        return p;
    }

    public static string Checksum(string orderId, string orderTimestamp, string apiSecret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(orderId + orderTimestamp + apiSecret)));

    public static Dictionary<string, object?> Trade(SimTrade t) => new()
    {
        ["trade_id"] = t.TradeId,
        ["order_id"] = t.Order.OrderId,
        ["exchange"] = t.Order.Instrument.Exchange,
        ["tradingsymbol"] = t.Order.Instrument.Tradingsymbol,
        ["instrument_token"] = t.Order.Instrument.InstrumentToken,
        ["product"] = t.Order.Product,
        ["average_price"] = t.Price,
        ["quantity"] = t.Quantity,
        ["exchange_order_id"] = t.Order.ExchangeOrderId,
        ["transaction_type"] = t.Order.TransactionType,
        ["fill_timestamp"] = SimJson.Time(t.FillTime),
        // Kite quirk (DOCS and mocks): time only here.
        ["order_timestamp"] = Ist.From(t.Order.OrderTimestamp).ToString("HH:mm:ss", CultureInfo.InvariantCulture),
        ["exchange_timestamp"] = SimJson.Time(t.FillTime),
    };
}
