using System.Globalization;
using System.Text.Json;
using LiveTrader.Core.Market;
using Microsoft.AspNetCore.Http;

namespace LiveTrader.Sim.Rest;

/// <summary>Kite envelopes and value formats (kite-protocol.md §1.4, §3).</summary>
internal static class SimJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = false,
        // Kite writes '+' and non-ASCII as is ("+0530"); the default encoder would escape them.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Task Success(HttpContext ctx, object? data, int status = 200) =>
        Write(ctx, status, new Dictionary<string, object?> { ["status"] = "success", ["data"] = data });

    public static Task Error(HttpContext ctx, int status, string errorType, string message) =>
        Write(ctx, status, new Dictionary<string, object?>
        {
            ["status"] = "error",
            ["message"] = message,
            ["data"] = null,
            ["error_type"] = errorType,
        });

    public static string Serialize(object value) => JsonSerializer.Serialize(value, Options);

    private static async Task Write(HttpContext ctx, int status, object body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(JsonSerializer.Serialize(body, Options));
    }

    /// <summary>Prices as JSON numbers with at most 2 decimals.</summary>
    public static decimal Px(double price) => Math.Round((decimal)price, 2, MidpointRounding.AwayFromZero);

    /// <summary>JSON body timestamp: <c>yyyy-MM-dd HH:mm:ss</c> IST, no offset.</summary>
    public static string Time(DateTimeOffset t) => Ist.From(t).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Historical candle timestamp: <c>yyyy-MM-ddTHH:mm:ss+0530</c>.</summary>
    public static string CandleTime(DateTimeOffset t) => Ist.From(t).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+0530";
}
