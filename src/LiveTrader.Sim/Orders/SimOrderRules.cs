using System.Globalization;
using LiveTrader.Core.Market;
using LiveTrader.Sim.Market;
using LiveTrader.Sim.Rest;

namespace LiveTrader.Sim.Orders;

/// <summary>An order request that passed the checks before the exchange.</summary>
public sealed record SimOrderTicket(string Variety, SimInstrument Instrument, string Side, string OrderType, string Product, string Validity,
    long Quantity, decimal Price, decimal Trigger, string? Tag, decimal? MarketProtection, bool Autoslice = false);

/// <summary>A modification that passed the checks before the exchange.</summary>
public sealed record SimOrderChange(string OrderType, long Quantity, decimal Price, decimal Trigger, decimal? MarketProtection);

/// <summary>
/// What Zerodha refuses before an order reaches the exchange (kite-orders.md §1), as HTTP 400 with Kite's error type
/// and, where the spec gives it, Kite's wording: such an order gets no id and is not in the book. Also the exchange's
/// limit price protection test (kite-orders.md §2), which the book turns into a REJECTED order.
/// </summary>
public static class SimOrderRules
{
    /// <summary>Prices above this are refused as invalid before any arithmetic (hostile input, not a market price).</summary>
    public const decimal MaxPrice = 10_000_000m;

    public const string NoMarketProtection =
        "Market orders without market protection are not allowed via API. Please set market protection or use a Limit order.";

    public const string StopMarketBlocked =
        "SL-M orders are blocked for F&O options as the exchange has discontinued them. Please use SL (stoploss-limit) orders instead.";

    private static readonly string[] OrderTypes = ["MARKET", "LIMIT", "SL", "SL-M"];
    private static readonly string[] Products = ["CNC", "NRML", "MIS", "MTF"];
    private static readonly string[] Validities = ["DAY", "IOC", "TTL"];

    public static SimOrderException Input(string message) => new(400, "InputException", message);

    /// <summary>Reads and checks a new order's form fields at simulated time <paramref name="now"/>.</summary>
    public static SimOrderTicket Read(string variety, Func<string, string?> field, SimMarket market, DateTimeOffset now)
    {
        if (variety != "regular") throw Input("Invalid `variety`: only regular orders are simulated.");
        var exchange = (field("exchange") ?? "").ToUpperInvariant();
        var symbol = field("tradingsymbol") ?? "";
        var inst = market.Catalog.ByKey(exchange + ":" + symbol);
        if (string.IsNullOrEmpty(symbol) || inst is null)
            throw Input("The instrument you are placing an order for has either expired or does not exist.");
        if (inst.Kind == SimInstrumentKind.Index) throw Input($"{symbol} is an index and cannot be traded.");
        var side = field("transaction_type") ?? "";
        if (side is not ("BUY" or "SELL")) throw Input("Invalid `transaction_type`.");
        var orderType = field("order_type") ?? "";
        if (!OrderTypes.Contains(orderType)) throw Input("Invalid `order_type`.");
        var product = field("product") ?? "";
        if (!Products.Contains(product)) throw Input("Invalid `product`.");
        var validity = field("validity") is { Length: > 0 } v ? v : "DAY";
        if (!Validities.Contains(validity)) throw Input("Invalid `validity`.");
        var quantity = Quantity(field("quantity"), inst);
        var (price, trigger) = Prices(orderType, field("price"), field("trigger_price"), inst);
        var tag = field("tag");
        if (tag is { Length: > 20 }) throw Input("Tag length should be at most 20 characters.");
        if (orderType == "SL-M" && inst.Kind == SimInstrumentKind.Option) throw Input(StopMarketBlocked);
        var protection = MarketProtection(orderType, field("market_protection"), null);
        bool autoslice = field("autoslice") is { } a && a.Trim().ToLowerInvariant() is "true" or "1";

        if (!market.IsOpen(now)) throw Input("Markets are closed right now. Use GTT for placing long standing orders instead.");
        if (product == "MIS" && TimeOnly.FromTimeSpan(Ist.From(now).TimeOfDay) >= SimOrderBook.SquareOffTime)
            throw Input($"MIS orders are blocked from {SimOrderBook.SquareOffTime:HH\\:mm} (the intraday square-off). Use NRML instead.");
        CheckPrices(side == "BUY", orderType, price, trigger, triggerPending: true, market.Snapshot(inst, now));
        return new SimOrderTicket(variety, inst, side, orderType, product, validity, quantity, price, trigger,
            string.IsNullOrEmpty(tag) ? null : tag, protection, autoslice);
    }

    /// <summary>Reads and checks a modification of a working order.</summary>
    public static SimOrderChange ReadChange(SimOrder order, Func<string, string?> field, SimMarket market, DateTimeOffset now)
    {
        var orderType = field("order_type") is { Length: > 0 } t ? t : order.OrderType;
        if (!OrderTypes.Contains(orderType)) throw Input("Invalid `order_type`.");
        if (orderType == "SL-M" && order.Instrument.Kind == SimInstrumentKind.Option) throw Input(StopMarketBlocked);
        long quantity = field("quantity") is { Length: > 0 } q ? Quantity(q, order.Instrument) : order.Quantity;
        if (quantity <= order.FilledQuantity) throw Input("Quantity should be more than the filled quantity.");
        CheckFreeze(order.Instrument, quantity, FreezeLimits.On(order.Instrument.Underlying.Segment, market.Day));
        var priceText = field("price") is { Length: > 0 } p ? p : order.Price.ToString(CultureInfo.InvariantCulture);
        var triggerText = field("trigger_price") is { Length: > 0 } tp ? tp : order.TriggerPrice.ToString(CultureInfo.InvariantCulture);
        var (price, trigger) = Prices(orderType, priceText, triggerText, order.Instrument);
        var protection = MarketProtection(orderType, field("market_protection"), order.MarketProtection);
        CheckPrices(order.IsBuy, orderType, price, trigger, triggerPending: !order.Triggered, market.Snapshot(order.Instrument, now));
        return new SimOrderChange(orderType, quantity, price, trigger, protection);
    }

    /// <summary>The child quantities of an order: itself, or with autoslice whole-lot slices of at most the freeze
    /// quantity (at most <paramref name="maxChildren"/>); above the freeze limit without autoslice it is refused.</summary>
    public static IReadOnlyList<long> Slices(SimOrderTicket t, int freeze, int maxChildren)
    {
        if (!t.Autoslice || t.Quantity <= freeze)
        {
            CheckFreeze(t.Instrument, t.Quantity, freeze);
            return [t.Quantity];
        }
        long lot = Math.Max(1, t.Instrument.LotSize), slice = freeze / lot * lot;
        long children = t.Quantity / slice + (t.Quantity % slice == 0 ? 0 : 1);   // no overflow near long.MaxValue
        if (children > maxChildren)
            throw Input($"The order quantity {t.Quantity} needs {children} slices; autoslice places at most {maxChildren} orders.");
        var list = new List<long>();
        for (long left = t.Quantity; left > 0; left -= slice) list.Add(Math.Min(slice, left));
        return list;
    }

    /// <summary>The exchange's limit price protection: why <paramref name="price"/> is outside the band around the
    /// reference, or null when it is inside.</summary>
    public static string? OutsideProtection(bool buy, decimal price, decimal reference)
    {
        if (reference <= 0) return null;
        var (low, high) = PriceBands.Protection(reference);
        if (buy && price > high) return $"Order price {Money(price)} is above the limit price protection band (up to {Money(high)}).";
        if (!buy && price < low) return $"Order price {Money(price)} is below the limit price protection band (down to {Money(low)}).";
        return null;
    }

    /// <summary>A modification outside limit price protection is refused (the order keeps its old price).</summary>
    public static void CheckProtection(bool buy, decimal price, decimal reference)
    {
        if (OutsideProtection(buy, price, reference) is { } message) throw Input(message);
    }

    private static void CheckFreeze(SimInstrument inst, long quantity, int freeze)
    {
        if (quantity <= freeze) return;
        long lot = Math.Max(1, inst.LotSize), max = freeze / lot * lot;
        throw Input($"The order quantity {quantity} ({quantity / lot} lots) is higher than the maximum quantity of {max} ({max / lot} lots) allowed by the exchanges. Use autoslice or split the order.");
    }

    /// <summary>Circuit limits for price and trigger, the trigger on the right side of the last price (while the
    /// stop has not triggered), and a stop-limit's price on the right side of its trigger.</summary>
    private static void CheckPrices(bool buy, string orderType, decimal price, decimal trigger, bool triggerPending, InstrumentSnapshot s)
    {
        var (lower, upper) = PriceBands.Circuit(s);
        foreach (var (value, name) in new[] { (price, "price"), (trigger, "trigger price") })
        {
            if (value == 0) continue;
            if (value > upper) throw Input($"Your order {name} {Money(value)} is higher than the current upper circuit limit of {Money(upper)}. Place an order within the daily range.");
            if (value < lower) throw Input($"Your order {name} {Money(value)} is lower than the current lower circuit limit of {Money(lower)}. Place an order within the daily range.");
        }
        if (orderType is not ("SL" or "SL-M")) return;
        decimal last = SimJson.Px(s.LastPrice);
        if (triggerPending && buy && trigger < last)
            throw Input($"Trigger price for a stoploss buy order should be at or above the last traded price ({Money(last)}).");
        if (triggerPending && !buy && trigger > last)
            throw Input($"Trigger price for a stoploss sell order should be at or below the last traded price ({Money(last)}).");
        if (orderType == "SL" && buy && price < trigger)
            throw Input("Trigger price for a stoploss buy order should be lower than or equal to the limit price.");
        if (orderType == "SL" && !buy && price > trigger)
            throw Input("Trigger price for a stoploss sell order should be higher than or equal to the limit price.");
    }

    /// <summary>MARKET and SL-M need <c>market_protection</c>: -1 (automatic) or a percentage in (0, 100]; a
    /// modification may keep the order's own.</summary>
    private static decimal? MarketProtection(string orderType, string? text, decimal? current)
    {
        decimal? given = Decimal(text, "market_protection");
        if (orderType is not ("MARKET" or "SL-M")) return given;
        var value = given ?? (current is { } c && c != 0 ? c : null);
        if (value is null or 0) throw Input(NoMarketProtection);
        if (value != -1 && value is < 0 or > 100) throw Input("Invalid `market_protection`: -1 (automatic) or a percentage above 0 and at most 100.");
        return value;
    }

    private static long Quantity(string? text, SimInstrument inst)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var q) || q <= 0)
            throw Input("Invalid `quantity`.");
        if (inst.LotSize > 1 && q % inst.LotSize != 0)
            throw Input($"Quantity should be a multiple of lot size ({inst.LotSize}).");
        return q;
    }

    private static decimal? Decimal(string? text, string name)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
            || Math.Abs(d) > MaxPrice)
            throw Input($"Invalid `{name}`.");
        return d;
    }

    private static (decimal Price, decimal Trigger) Prices(string orderType, string? priceText, string? triggerText, SimInstrument inst)
    {
        decimal price = Decimal(priceText, "price") ?? 0, trigger = Decimal(triggerText, "trigger_price") ?? 0;
        if (orderType is "MARKET" or "SL-M") price = 0;
        if (orderType is "MARKET" or "LIMIT") trigger = 0;
        if (orderType is "LIMIT" or "SL" && price <= 0) throw Input("Invalid `price`.");
        if (orderType is "SL" or "SL-M" && trigger <= 0) throw Input("Invalid `trigger_price`.");
        if (price < 0 || trigger < 0) throw Input("Invalid `price`.");
        foreach (var p in new[] { price, trigger })
            if (p != 0 && inst.TickSize > 0 && p % inst.TickSize != 0)
                throw Input($"Tick size for this script is {inst.TickSize.ToString(CultureInfo.InvariantCulture)}. Kindly enter price in the multiple of tick size for this script.");
        return (price, trigger);
    }

    private static string Money(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
}
