using System.Text.Json;
using LiveTrader.Core.Charges;
using LiveTrader.Sim.Market;
using LiveTrader.Sim.Orders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LiveTrader.Sim.Rest;

/// <summary>
/// Funds and costs (kite-orders.md §4): <c>GET /user/margins</c> from the margin model, <c>POST /margins/orders</c> and
/// <c>/margins/basket</c> (JSON arrays of orders), <c>POST /charges/orders</c> (the virtual contract note, from the
/// engine's dated charge table through LiveTrader.Core's <see cref="ChargesCalculator"/>) and
/// <c>PUT /portfolio/positions</c> (product conversion).
/// </summary>
internal static class SimAccountEndpoints
{
    private sealed record OrderLine(SimInstrument Instrument, string Side, string Product, string OrderType, long Quantity, decimal Price, string? OrderId);

    public static void MapAccount(this IEndpointRouteBuilder app, SimOptions options, SimMarket market, SimOrderBook book)
    {
        var charges = options.ChargeRates.Count > 0 ? new ChargesCalculator(options.ChargeRates) : null;

        app.MapGet("/user/margins", (HttpContext ctx) =>
        {
            var a = book.Account();
            return SimJson.Success(ctx, new Dictionary<string, object?> { ["equity"] = Segment(a), ["commodity"] = Segment(null) });
        });
        app.MapGet("/user/margins/{segment}", (HttpContext ctx, string segment) => segment switch
        {
            "equity" => SimJson.Success(ctx, Segment(book.Account())),
            "commodity" => SimJson.Success(ctx, Segment(null)),
            _ => SimJson.Error(ctx, 400, "InputException", "Invalid segment: equity or commodity."),
        });
        app.MapPut("/portfolio/positions", async (HttpContext ctx) =>
        {
            var form = ctx.Request.HasFormContentType ? await ctx.Request.ReadFormAsync(ctx.RequestAborted) : null;
            try
            {
                book.ConvertPosition(k => form is not null && form.TryGetValue(k, out var v) ? v.FirstOrDefault() : null);
            }
            catch (SimOrderException ex)
            {
                await SimJson.Error(ctx, ex.Status, ex.ErrorType, ex.Message);
                return;
            }
            await SimJson.Success(ctx, true);
        });

        app.MapPost("/margins/orders", (HttpContext ctx) => WithOrders(ctx, market, false, lines =>
            lines.Select(l => Margin(l, book.MarginFor(l.Instrument, l.Product, l.Side == "BUY", l.Quantity, l.Price), Charges(charges, market, l))).ToList()));

        app.MapPost("/margins/basket", (HttpContext ctx) => WithOrders(ctx, market, false, lines =>
        {
            bool withPositions = ctx.Request.Query["consider_positions"].FirstOrDefault() is "true" or "1";
            var each = lines.Select(l => Margin(l, book.MarginFor(l.Instrument, l.Product, l.Side == "BUY", l.Quantity, l.Price, considerPositions: false),
                Charges(charges, market, l))).ToList();
            decimal initial = each.Sum(m => (decimal)m["total"]!);
            decimal final = withPositions
                ? lines.Sum(l => book.MarginFor(l.Instrument, l.Product, l.Side == "BUY", l.Quantity, l.Price))
                : initial;
            return new Dictionary<string, object?>
            {
                ["initial"] = Total(initial), ["final"] = Total(final), ["orders"] = each,
                ["charges"] = Sum(each.Select(m => m["charges"] as Dictionary<string, object?>)),
            };
        }));

        app.MapPost("/charges/orders", (HttpContext ctx) =>
        {
            if (charges is null) return SimJson.Error(ctx, 400, "InputException", "The simulator has no charge table (SimOptions.ChargeRates is empty).");
            return WithOrders(ctx, market, true, lines => lines.Select(l => new Dictionary<string, object?>
            {
                ["order_id"] = l.OrderId, ["exchange"] = l.Instrument.Exchange, ["tradingsymbol"] = l.Instrument.Tradingsymbol,
                ["transaction_type"] = l.Side, ["variety"] = "regular", ["product"] = l.Product, ["order_type"] = l.OrderType,
                ["quantity"] = l.Quantity, ["price"] = l.Price, ["charges"] = Charges(charges, market, l),
            }).ToList());
        });
    }

    private static Dictionary<string, object?> Segment(SimAccount? a) => new()
    {
        ["enabled"] = a is not null,
        ["net"] = a?.Available ?? 0,
        ["available"] = new Dictionary<string, object?>
        {
            ["adhoc_margin"] = 0, ["cash"] = a?.Funds ?? 0, ["opening_balance"] = a?.Funds ?? 0, ["live_balance"] = a?.Available ?? 0,
            ["collateral"] = 0, ["intraday_payin"] = 0,
        },
        // Our model's parts: span = margin of open shorts and futures, exposure = margin of working orders.
        ["utilised"] = new Dictionary<string, object?>
        {
            ["debits"] = a?.Utilised ?? 0, ["exposure"] = a?.Working ?? 0, ["m2m_realised"] = a?.RealisedM2m ?? 0,
            ["m2m_unrealised"] = a?.UnrealisedM2m ?? 0, ["option_premium"] = a?.OptionPremium ?? 0, ["payout"] = 0, ["span"] = a?.Span ?? 0,
            ["holding_sales"] = 0, ["turnover"] = 0, ["liquid_collateral"] = 0, ["stock_collateral"] = 0, ["delivery"] = 0,
        },
    };

    private static Dictionary<string, object?> Margin(OrderLine l, decimal required, Dictionary<string, object?>? charges)
    {
        bool premium = l.Instrument.Kind == SimInstrumentKind.Option && l.Side == "BUY";
        return new Dictionary<string, object?>
        {
            ["type"] = "equity", ["tradingsymbol"] = l.Instrument.Tradingsymbol, ["exchange"] = l.Instrument.Exchange,
            ["span"] = premium ? 0 : required, ["exposure"] = 0, ["option_premium"] = premium ? required : 0, ["additional"] = 0,
            ["bo"] = 0, ["cash"] = 0, ["var"] = 0, ["pnl"] = new Dictionary<string, object?> { ["realised"] = 0, ["unrealised"] = 0 },
            ["leverage"] = 1, ["charges"] = charges, ["total"] = required,
        };
    }

    private static Dictionary<string, object?> Total(decimal total) => new()
    {
        ["type"] = "", ["tradingsymbol"] = "", ["exchange"] = "", ["span"] = 0, ["exposure"] = 0, ["option_premium"] = 0, ["additional"] = 0,
        ["bo"] = 0, ["cash"] = 0, ["var"] = 0, ["pnl"] = new Dictionary<string, object?> { ["realised"] = 0, ["unrealised"] = 0 },
        ["leverage"] = 0, ["charges"] = null, ["total"] = total,
    };

    /// <summary>The contract-note items of one executed order: STT, exchange charge (with NSE's IPFT), SEBI fee,
    /// brokerage, stamp duty and GST (as IGST), each as LiveTrader.Core computes it on the sim's day.</summary>
    private static Dictionary<string, object?>? Charges(ChargesCalculator? calculator, SimMarket market, OrderLine l)
    {
        if (calculator is null) return null;
        var exchange = l.Instrument.Exchange == "BFO" ? OptionsExchange.BFO : OptionsExchange.NFO;
        decimal turnover = l.Price * l.Quantity;
        bool buy = l.Side == "BUY";
        var c = calculator.Calculate(exchange, market.Day, buy ? turnover : 0, buy ? 0 : turnover, buy ? 1 : 0, buy ? 0 : 1);
        return new Dictionary<string, object?>
        {
            ["transaction_tax"] = c.Stt, ["transaction_tax_type"] = "stt", ["exchange_turnover_charge"] = c.ExchangeCharge + c.Ipft,
            ["sebi_turnover_charge"] = c.SebiFee, ["brokerage"] = c.Brokerage, ["stamp_duty"] = c.StampDuty,
            ["gst"] = new Dictionary<string, object?> { ["igst"] = c.Gst, ["cgst"] = 0, ["sgst"] = 0, ["total"] = c.Gst },
            ["total"] = c.Total,
        };
    }

    private static Dictionary<string, object?>? Sum(IEnumerable<Dictionary<string, object?>?> items)
    {
        var list = items.Where(i => i is not null).Select(i => i!).ToList();
        if (list.Count == 0) return null;
        decimal S(string k) => list.Sum(i => (decimal)i[k]!);
        decimal gst = list.Sum(i => (decimal)((Dictionary<string, object?>)i["gst"]!)["total"]!);
        return new Dictionary<string, object?>
        {
            ["transaction_tax"] = S("transaction_tax"), ["transaction_tax_type"] = "stt", ["exchange_turnover_charge"] = S("exchange_turnover_charge"),
            ["sebi_turnover_charge"] = S("sebi_turnover_charge"), ["brokerage"] = S("brokerage"), ["stamp_duty"] = S("stamp_duty"),
            ["gst"] = new Dictionary<string, object?> { ["igst"] = gst, ["cgst"] = 0, ["sgst"] = 0, ["total"] = gst }, ["total"] = S("total"),
        };
    }

    /// <summary>Reads a JSON array of orders (400 InputException on anything else), then answers <paramref name="answer"/>.</summary>
    private static async Task WithOrders(HttpContext ctx, SimMarket market, bool executed, Func<List<OrderLine>, object> answer)
    {
        List<OrderLine> lines;
        try
        {
            using var doc = await JsonDocument.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
            if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new JsonException("an array of orders is expected");
            lines = doc.RootElement.EnumerateArray().Select(e => Line(e, market, executed)).ToList();
        }
        catch (JsonException ex)
        {
            await SimJson.Error(ctx, 400, "InputException", "Invalid JSON body: " + ex.Message);
            return;
        }
        catch (SimOrderException ex)
        {
            await SimJson.Error(ctx, ex.Status, ex.ErrorType, ex.Message);
            return;
        }
        await SimJson.Success(ctx, answer(lines));
    }

    private static OrderLine Line(JsonElement e, SimMarket market, bool executed)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new JsonException("each order is an object");
        string? Text(string k) => e.TryGetProperty(k, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText() : null;
        decimal Number(string k)
        {
            var t = Text(k);
            if (string.IsNullOrEmpty(t)) return 0;
            return decimal.TryParse(t, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var d)
                && d >= 0 && d <= SimOrderRules.MaxPrice ? d : throw SimOrderRules.Input($"Invalid `{k}`.");
        }
        var inst = market.Catalog.ByKey((Text("exchange") ?? "").ToUpperInvariant() + ":" + Text("tradingsymbol"));
        if (inst is null || inst.Kind == SimInstrumentKind.Index)
            throw SimOrderRules.Input("The instrument you are placing an order for has either expired or does not exist.");
        var side = Text("transaction_type");
        if (side is not ("BUY" or "SELL")) throw SimOrderRules.Input("Invalid `transaction_type`.");
        decimal quantity = Number("quantity");
        if (quantity <= 0 || quantity != Math.Floor(quantity) || quantity > 1_000_000) throw SimOrderRules.Input("Invalid `quantity`.");
        var orderType = Text("order_type") ?? "MARKET";
        decimal price = executed ? Number("average_price") : Number("price");
        if (price == 0 && !executed)
        {
            // A MARKET order is valued at the touch it would take.
            var s = market.Snapshot(inst);
            price = SimJson.Px(side == "BUY" ? s.BestAsk : s.BestBid);
        }
        return new OrderLine(inst, side, Text("product") ?? "MIS", orderType, (long)quantity, price, Text("order_id"));
    }
}
