using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiveTrader.Kite.Rest;

namespace LiveTrader.Kite.Orders;

/// <summary>
/// An order update from the ticker (<c>{"type":"order","data":{...}}</c>) or a postback (kite-orders.md §3): the order
/// as it now is, with Kite's status for the update (COMPLETE, REJECTED, CANCELLED, or UPDATE for a partial fill, a
/// trigger or a modification), and the checksum that proves it came from Kite.
/// </summary>
public sealed record KiteOrderUpdate
{
    /// <summary>The status of an update that is neither a fill in full nor an end: a partial fill or a modification.</summary>
    public const string Update = "UPDATE";

    public required KiteOrder Order { get; init; }
    public string? UserId { get; init; }
    public string? AppId { get; init; }
    public long UnfilledQuantity { get; init; }
    public string Checksum { get; init; } = "";

    /// <summary><c>order_timestamp</c> exactly as sent: the checksum is computed over this text.</summary>
    public string RawOrderTimestamp { get; init; } = "";

    public bool IsUpdate => Order.Status == Update;

    /// <summary>Whether <see cref="Checksum"/> is hex SHA-256(order_id + order_timestamp + api_secret); an update
    /// without a valid checksum must not be trusted (anyone can post to a postback URL).</summary>
    public bool HasValidChecksum(string apiSecret)
    {
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(Order.OrderId + RawOrderTimestamp + apiSecret));
        byte[] given;
        try { given = Convert.FromHexString(Checksum); }
        catch (FormatException) { return false; }
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>Reads the payload (the frame's <c>data</c>, as <c>KiteTicker.OrderUpdate</c> raises it).</summary>
    /// <exception cref="JsonException">The payload is not an order object.</exception>
    public static KiteOrderUpdate Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("order_id", out _))
            throw new JsonException("an order update is an object with an order_id");
        static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v)
            ? v.ValueKind switch { JsonValueKind.String => v.GetString(), JsonValueKind.Null or JsonValueKind.Undefined => null, _ => v.GetRawText() }
            : null;
        return new KiteOrderUpdate
        {
            Order = root.Deserialize<KiteOrder>(KiteRestClient.Json)!,
            UserId = Text(root, "user_id"),
            AppId = Text(root, "app_id"),
            UnfilledQuantity = root.TryGetProperty("unfilled_quantity", out var u) && u.TryGetInt64(out var n) ? n : 0,
            Checksum = Text(root, "checksum") ?? "",
            RawOrderTimestamp = Text(root, "order_timestamp") ?? "",
        };
    }
}
