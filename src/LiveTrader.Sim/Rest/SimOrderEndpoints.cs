using LiveTrader.Sim.Orders;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;

namespace LiveTrader.Sim.Rest;

/// <summary>Kite's order, trade and position paths (kite-protocol.md §5) served by <see cref="SimOrderBook"/>.</summary>
internal static class SimOrderEndpoints
{
    public static void MapOrders(this IEndpointRouteBuilder app, SimOrderBook book, Faults.SimFaults faults)
    {
        app.MapPost("/orders/{variety}", async (HttpContext ctx, string variety) =>
        {
            var form = await Form(ctx);
            (IReadOnlyList<string> OrderIds, string? Parent) placed;
            try
            {
                placed = book.Place(variety, k => form(k));
            }
            catch (SimOrderException ex)
            {
                await SimJson.Error(ctx, ex.Status, ex.ErrorType, ex.Message);
                return;
            }
            // The lost-answer fault: the order is in the book, the client never hears its id.
            if (faults.TryTakeLostAnswer())
            {
                ctx.Abort();
                return;
            }
            // An autosliced order answers {order_id: parent, children: [{order_id}...]}, the shape the official
            // kiteconnect client documents (kite-orders.md §1 has seen a data array too; our client reads both).
            await SimJson.Success(ctx, placed.Parent is { } parent
                ? new Dictionary<string, object?>
                {
                    ["order_id"] = parent,
                    ["children"] = placed.OrderIds.Select(id => new Dictionary<string, object?> { ["order_id"] = id }).ToList(),
                }
                : new Dictionary<string, object?> { ["order_id"] = placed.OrderIds[0] });
        });
        app.MapPut("/orders/{variety}/{orderId}", async (HttpContext ctx, string variety, string orderId) =>
        {
            var form = await Form(ctx);
            await Run(ctx, () => new Dictionary<string, object?> { ["order_id"] = book.Modify(variety, orderId, k => form(k)) });
        });
        app.MapDelete("/orders/{variety}/{orderId}", (HttpContext ctx, string variety, string orderId) =>
            Run(ctx, () => new Dictionary<string, object?> { ["order_id"] = book.Cancel(variety, orderId) }));
        app.MapGet("/orders", (HttpContext ctx) => Run(ctx, book.Orders));
        app.MapGet("/orders/{orderId}", (HttpContext ctx, string orderId) => Run(ctx, () => book.History(orderId)));
        app.MapGet("/orders/{orderId}/trades", (HttpContext ctx, string orderId) => Run(ctx, () => book.Trades(orderId)));
        app.MapGet("/trades", (HttpContext ctx) => Run(ctx, () => book.Trades()));
        app.MapGet("/portfolio/positions", (HttpContext ctx) => Run(ctx, book.Positions));
    }

    private static async Task<Func<string, string?>> Form(HttpContext ctx)
    {
        if (!ctx.Request.HasFormContentType) return _ => null;
        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        return k => form.TryGetValue(k, out var v) ? v.FirstOrDefault() : null;
    }

    private static Task Run(HttpContext ctx, Func<object?> action)
    {
        object? data;
        try
        {
            data = action();
        }
        catch (SimOrderException ex)
        {
            return SimJson.Error(ctx, ex.Status, ex.ErrorType, ex.Message);
        }
        return SimJson.Success(ctx, data);
    }
}
