using System.Globalization;
using System.Text.Json;
using LiveTrader.Sim.Faults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;

namespace LiveTrader.Sim.Rest;

/// <summary>
/// <c>POST /sim/faults</c> (simulator only, not a Kite path): injects faults. Needs a valid
/// <c>Authorization: token key:token</c> like any private path; never rate limited or failed by injected faults.
/// Fields (form-encoded or a JSON object; all optional, applied in this order):
/// <c>fail_requests</c> (N) + <c>fail_status</c> (429 default, or 500/502/503/504), <c>reject_orders</c> (N) +
/// <c>reject_message</c> (the exchange's <c>status_message_raw</c>), <c>drop_order_updates</c> /
/// <c>duplicate_order_updates</c> / <c>reorder_order_updates</c> (N), <c>lose_order_answers</c> (N), <c>garbage_frames</c> (N),
/// <c>stall_seconds</c> (real seconds), <c>drop_ticker</c> (true/1), <c>expire_tokens</c> (true/1; also drops ticker
/// connections). Answers the usual success envelope with what was done.
/// </summary>
internal static class SimFaultEndpoints
{
    public static void MapFaults(this IEndpointRouteBuilder app, SimFaults faults)
    {
        app.MapPost("/sim/faults", async (HttpContext ctx) =>
        {
            Dictionary<string, string> fields;
            try
            {
                fields = await ReadFields(ctx);
            }
            catch (JsonException)
            {
                await SimJson.Error(ctx, 400, "InputException", "Body must be a JSON object or form fields.");
                return;
            }
            var done = new Dictionary<string, object?>();
            try
            {
                if (Int(fields, "fail_requests") is { } n)
                {
                    int status = Int(fields, "fail_status") ?? 429;
                    faults.FailRequests(n, status);
                    done["fail_requests"] = n;
                    done["fail_status"] = status;
                }
                if (Int(fields, "reject_orders") is { } r)
                {
                    var raw = fields.TryGetValue("reject_message", out var m) && m.Length > 0 ? m : "17070 : The price is out of the current execution range";
                    faults.RejectOrders(r, raw);
                    done["reject_orders"] = r;
                    done["reject_message"] = raw;
                }
                if (Int(fields, "drop_order_updates") is { } du) { faults.DropOrderUpdates(du); done["drop_order_updates"] = du; }
                if (Int(fields, "duplicate_order_updates") is { } dup) { faults.DuplicateOrderUpdates(dup); done["duplicate_order_updates"] = dup; }
                if (Int(fields, "reorder_order_updates") is { } ro) { faults.ReorderOrderUpdates(ro); done["reorder_order_updates"] = ro; }
                if (Int(fields, "lose_order_answers") is { } la) { faults.LoseOrderAnswers(la); done["lose_order_answers"] = la; }
                if (Int(fields, "garbage_frames") is { } g) done["garbage_frames_to_connections"] = faults.SendGarbageFrames(g);
                if (fields.TryGetValue("stall_seconds", out var st))
                {
                    var seconds = double.Parse(st, NumberStyles.Float, CultureInfo.InvariantCulture);
                    faults.StallTicker(TimeSpan.FromSeconds(seconds));
                    done["stall_seconds"] = seconds;
                }
                if (Bool(fields, "drop_ticker")) done["dropped_connections"] = faults.DropTickerConnections();
                if (Bool(fields, "expire_tokens"))
                {
                    faults.ExpireTokens();
                    done["expired_tokens"] = true;
                }
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
            {
                await SimJson.Error(ctx, 400, "InputException", "Invalid fault field: " + ex.Message);
                return;
            }
            if (done.Count == 0)
            {
                await SimJson.Error(ctx, 400, "InputException",
                    "No fault given: fail_requests (+fail_status), reject_orders (+reject_message), drop_order_updates, duplicate_order_updates, reorder_order_updates, lose_order_answers, garbage_frames, stall_seconds, drop_ticker, expire_tokens.");
                return;
            }
            await SimJson.Success(ctx, done);
        });
    }

    private static async Task<Dictionary<string, string>> ReadFields(HttpContext ctx)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (ctx.Request.HasFormContentType)
        {
            foreach (var (k, v) in await ctx.Request.ReadFormAsync(ctx.RequestAborted))
                if (v.FirstOrDefault() is { } s) fields[k] = s;
            return fields;
        }
        using var doc = await JsonDocument.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
        if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("object expected");
        foreach (var p in doc.RootElement.EnumerateObject())
            fields[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
        return fields;
    }

    private static int? Int(Dictionary<string, string> f, string name) =>
        f.TryGetValue(name, out var s) ? int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture) : null;

    private static bool Bool(Dictionary<string, string> f, string name) =>
        f.TryGetValue(name, out var s) && s.Trim().ToLowerInvariant() is "true" or "1" or "yes";
}
