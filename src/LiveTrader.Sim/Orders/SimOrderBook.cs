using System.Globalization;
using LiveTrader.Sim.Market;
using LiveTrader.Sim.Rest;

namespace LiveTrader.Sim.Orders;

/// <summary>A refused order request: HTTP status, Kite error_type and message.</summary>
public sealed class SimOrderException(int status, string errorType, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string ErrorType { get; } = errorType;
}

/// <summary>
/// The simulated OMS: validates, places, modifies and cancels regular orders, fills them against the simulated book
/// and keeps trades and positions.
/// <para>Fills: a MARKET order (and a triggered SL-M) fills at once, in full, at the best ask (BUY) or best bid (SELL)
/// of the instrument's snapshot. A LIMIT order that is marketable when placed or modified fills the same way;
/// otherwise it rests OPEN and fills at its limit price at the first simulated second whose best ask (BUY) is at or
/// below the limit, or whose best bid (SELL) is at or above it. SL/SL-M orders wait in TRIGGER PENDING until the
/// last price reaches the trigger (BUY: ≥ trigger, SELL: ≤ trigger), then work as LIMIT/MARKET.</para>
/// <para>Resting orders are checked by <see cref="Sweep"/>, which walks every simulated second since the last check
/// (at most <see cref="MaxSweepSteps"/> evenly spaced seconds per call), so fills depend on the simulated clock
/// only, not on when or how often the sweep runs. The ticker calls it on every step and every order REST request
/// calls it first.</para>
/// </summary>
public sealed class SimOrderBook
{
    public const int MaxModifications = 25;
    public const int MaxSweepSteps = 1800;

    private readonly SimOptions _options;
    private readonly SimMarket _market;
    private readonly object _gate = new();
    private readonly List<SimOrder> _orders = [];
    private readonly Dictionary<string, SimOrder> _byId = new(StringComparer.Ordinal);
    private readonly List<SimTrade> _trades = [];
    private readonly SimPositions _positions = new();
    private long _nextOrder = 1, _nextTrade = 1;

    public SimOrderBook(SimOptions options, SimMarket market)
    {
        _options = options;
        _market = market;
    }

    /// <summary>
    /// Raised after every status change with the api key and the postback payload (order JSON + user_id, app_id,
    /// unfilled_quantity, checksum). Raised under the book's lock, so updates keep their order across threads:
    /// handlers must be quick and must not call back into the book (the ticker hub only queues frames).
    /// </summary>
    public event Action<string, Dictionary<string, object?>>? OrderUpdated;

    private static readonly string[] OrderTypes = ["MARKET", "LIMIT", "SL", "SL-M"];
    private static readonly string[] Products = ["CNC", "NRML", "MIS", "MTF"];
    private static readonly string[] Validities = ["DAY", "IOC", "TTL"];

    /// <summary>Places a regular order from form fields; returns the order id.</summary>
    public string Place(string variety, Func<string, string?> field)
    {
        if (variety != "regular")
            throw Input($"Invalid `variety`: only regular orders are simulated.");
        var exchange = (field("exchange") ?? "").ToUpperInvariant();
        var symbol = field("tradingsymbol") ?? "";
        var inst = _market.Catalog.ByKey(exchange + ":" + symbol);
        if (string.IsNullOrEmpty(symbol) || inst is null)
            throw Input("The instrument you are placing an order for has either expired or does not exist.");
        if (inst.Kind == SimInstrumentKind.Index)
            throw Input($"{symbol} is an index and cannot be traded.");
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
        decimal protection = Decimal(field("market_protection"), "market_protection") ?? 0;

        var now = _market.Clock.Now;
        if (!_market.IsOpen(now))
            throw new SimOrderException(400, "InputException", "Markets are closed right now. Use GTT for placing long standing orders instead.");

        var updates = new List<Dictionary<string, object?>>();
        string id;
        lock (_gate)
        {
            SweepLocked(now, updates);
            long n = _nextOrder++;
            id = $"{_market.Day:yyMMdd}{n:D9}";
            var order = new SimOrder
            {
                OrderId = id,
                ExchangeOrderId = $"{1100000000000000 + n}",
                Variety = variety,
                Instrument = inst,
                TransactionType = side,
                Product = product,
                Validity = validity,
                Tag = string.IsNullOrEmpty(tag) ? null : tag,
                MarketProtection = protection,
                PlacedAt = now,
                OrderType = orderType,
                Quantity = quantity,
                Price = price,
                TriggerPrice = trigger,
                OrderTimestamp = now,
                CheckedSecond = Second(now),
            };
            _orders.Add(order);
            _byId[id] = order;
            Record(order, SimOrderStatus.PutOrderReqReceived, now, updates);
            Record(order, SimOrderStatus.ValidationPending, now, updates);
            Record(order, SimOrderStatus.OpenPending, now, updates);
            order.ExchangeTimestamp = now;
            order.ExchangeUpdateTimestamp = now;
            Record(order, orderType is "SL" or "SL-M" ? SimOrderStatus.TriggerPending : SimOrderStatus.Open, now, updates);
            TryExecute(order, _market.Snapshot(inst, now), now, entry: true, updates);
            if (validity == "IOC" && order.Status == SimOrderStatus.Open)
                CancelLocked(order, now, "IOC order cancelled: no match.", updates);
            Publish(updates);
        }
        return id;
    }

    /// <summary>Modifies an open (or trigger pending) order.</summary>
    public string Modify(string variety, string orderId, Func<string, string?> field)
    {
        var now = _market.Clock.Now;
        var updates = new List<Dictionary<string, object?>>();
        lock (_gate)
        {
            try
            {
                SweepLocked(now, updates);
                var order = Find(orderId);
                if (order.Variety != variety) throw Input("Invalid `variety`.");
                if (!SimOrderStatus.IsWorking(order.Status))
                    throw Input($"Order cannot be modified as it is {order.Status.ToLowerInvariant()}.");
                if (order.Modifications >= MaxModifications)
                    throw new SimOrderException(400, "NetworkException", "Maximum allowed order modifications exceeded.");

                var orderType = field("order_type") is { Length: > 0 } t ? t : order.OrderType;
                if (!OrderTypes.Contains(orderType)) throw Input("Invalid `order_type`.");
                long quantity = field("quantity") is { Length: > 0 } q ? Quantity(q, order.Instrument) : order.Quantity;
                if (quantity <= order.FilledQuantity) throw Input("Quantity should be more than the filled quantity.");
                var priceText = field("price") is { Length: > 0 } p ? p : order.Price.ToString(CultureInfo.InvariantCulture);
                var triggerText = field("trigger_price") is { Length: > 0 } tp ? tp : order.TriggerPrice.ToString(CultureInfo.InvariantCulture);
                var (price, trigger) = Prices(orderType, priceText, triggerText, order.Instrument);

                order.Modifications++;
                Record(order, SimOrderStatus.ModifyValidationPending, now, updates);
                Record(order, SimOrderStatus.ModifyPending, now, updates);
                order.OrderType = orderType;
                order.Quantity = quantity;
                order.Price = price;
                order.TriggerPrice = trigger;
                order.IsModified = true;
                order.OrderTimestamp = now;
                order.ExchangeUpdateTimestamp = now;
                if (orderType is "LIMIT" or "MARKET") order.Triggered = false;
                Record(order, SimOrderStatus.Modified, now, updates);
                Record(order, orderType is "SL" or "SL-M" && !order.Triggered ? SimOrderStatus.TriggerPending : SimOrderStatus.Open, now, updates);
                TryExecute(order, _market.Snapshot(order.Instrument, now), now, entry: true, updates);
                return order.OrderId;
            }
            finally
            {
                Publish(updates);
            }
        }
    }

    /// <summary>Cancels an open (or trigger pending) order.</summary>
    public string Cancel(string variety, string orderId)
    {
        var now = _market.Clock.Now;
        var updates = new List<Dictionary<string, object?>>();
        lock (_gate)
        {
            try
            {
                SweepLocked(now, updates);
                var order = Find(orderId);
                if (order.Variety != variety) throw Input("Invalid `variety`.");
                if (!SimOrderStatus.IsWorking(order.Status))
                    throw Input($"Order cannot be cancelled as it is {order.Status.ToLowerInvariant()}.");
                Record(order, SimOrderStatus.CancelPending, now, updates);
                CancelLocked(order, now, null, updates);
                return order.OrderId;
            }
            finally
            {
                Publish(updates);
            }
        }
    }

    /// <summary>Checks resting orders against every simulated second up to now.</summary>
    public void Sweep()
    {
        var updates = new List<Dictionary<string, object?>>();
        lock (_gate)
        {
            SweepLocked(_market.Clock.Now, updates);
            Publish(updates);
        }
    }

    public List<Dictionary<string, object?>> Orders()
    {
        Sweep();
        lock (_gate) return _orders.Select(o => o.History[^1]).ToList();
    }

    public List<Dictionary<string, object?>> History(string orderId)
    {
        Sweep();
        lock (_gate) return [.. Find(orderId).History];
    }

    public List<Dictionary<string, object?>> Trades(string? orderId = null)
    {
        Sweep();
        lock (_gate)
        {
            if (orderId is not null) Find(orderId);
            return _trades.Where(t => orderId is null || t.Order.OrderId == orderId).Select(SimOrderJson.Trade).ToList();
        }
    }

    public Dictionary<string, object?> Positions()
    {
        Sweep();
        var now = _market.Clock.Now;
        lock (_gate)
        {
            var list = _positions.ToJson(i => _market.Snapshot(i, now));
            return new Dictionary<string, object?> { ["net"] = list, ["day"] = list };
        }
    }

    // ------------------------------------------------------------------ matching

    private int Second(DateTimeOffset t) => _market.Today(Market.IndexSpec.Nifty).SecondOf(t);

    private void SweepLocked(DateTimeOffset now, List<Dictionary<string, object?>> updates)
    {
        int target = Second(now);
        var day = _market.Today(Market.IndexSpec.Nifty);
        foreach (var order in _orders)
        {
            if (!SimOrderStatus.IsWorking(order.Status) || order.CheckedSecond >= target) continue;
            int from = order.CheckedSecond + 1, span = target - order.CheckedSecond;
            int stride = Math.Max(1, (span + MaxSweepSteps - 1) / MaxSweepSteps);
            for (int s = from; ; s += stride)
            {
                if (s > target) s = target;
                var at = day.TimeOfSecond(s);
                order.CheckedSecond = s;
                if (TryExecute(order, _market.Snapshot(order.Instrument, at), at, entry: false, updates) || s == target) break;
            }
            order.CheckedSecond = target;
        }
    }

    /// <summary>Triggers and fills an order against one snapshot (<paramref name="entry"/>: at placement or
    /// modification rather than while resting); true when it completed.</summary>
    private bool TryExecute(SimOrder order, InstrumentSnapshot s, DateTimeOffset at, bool entry, List<Dictionary<string, object?>> updates)
    {
        if (!SimOrderStatus.IsWorking(order.Status)) return false;
        decimal last = SimJson.Px(s.LastPrice), bid = SimJson.Px(s.BestBid), ask = SimJson.Px(s.BestAsk);
        if (order.Status == SimOrderStatus.TriggerPending)
        {
            bool hit = order.IsBuy ? last >= order.TriggerPrice : last <= order.TriggerPrice;
            if (!hit) return false;
            order.Triggered = true;
            order.ExchangeUpdateTimestamp = at;
            Record(order, SimOrderStatus.Open, at, updates);
        }
        bool market = order.OrderType == "MARKET" || (order.OrderType == "SL-M" && order.Triggered);
        decimal touch = order.IsBuy ? ask : bid;
        if (touch <= 0) return false;
        decimal? fill = null;
        if (market) fill = touch;
        else if (order.IsBuy ? touch <= order.Price : touch >= order.Price)
            // Marketable at placement/modification: the book's price; a resting order: its own limit.
            fill = entry ? touch : order.Price;
        if (fill is null) return false;
        Fill(order, fill.Value, at, updates);
        return true;
    }

    private void Fill(SimOrder order, decimal price, DateTimeOffset at, List<Dictionary<string, object?>> updates)
    {
        long qty = order.Quantity - order.FilledQuantity;
        var trade = new SimTrade($"{_nextTrade++ + 10_000_000}", order, price, qty, at);
        _trades.Add(trade);
        _positions.Apply(trade);
        order.AveragePrice = order.FilledQuantity == 0 ? price
            : Math.Round((order.AveragePrice * order.FilledQuantity + price * qty) / order.Quantity, 2);
        order.FilledQuantity = order.Quantity;
        order.ExchangeUpdateTimestamp = at;
        Record(order, SimOrderStatus.Complete, at, updates);
    }

    private void CancelLocked(SimOrder order, DateTimeOffset now, string? message, List<Dictionary<string, object?>> updates)
    {
        order.CancelledQuantity = order.Quantity - order.FilledQuantity;
        order.ExchangeUpdateTimestamp = now;
        order.StatusMessage = message;
        Record(order, SimOrderStatus.Cancelled, now, updates);
    }

    private void Record(SimOrder order, string status, DateTimeOffset at, List<Dictionary<string, object?>> updates)
    {
        order.Status = status;
        var json = SimOrderJson.Order(order, _options.UserId);
        order.History.Add(json);
        updates.Add(json);
    }

    private void Publish(List<Dictionary<string, object?>> updates)
    {
        var handler = OrderUpdated;
        if (handler is null) return;
        foreach (var u in updates)
            handler(_options.ApiKey, SimOrderJson.Postback(u, _options.UserId, _options.ApiSecret));
    }

    // ------------------------------------------------------------------ validation

    private SimOrder Find(string orderId) =>
        _byId.GetValueOrDefault(orderId) ?? throw new SimOrderException(400, "InputException", "Couldn't find that `order_id`.");

    private static SimOrderException Input(string message) => new(400, "InputException", message);

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
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d))
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
        foreach (var p in new[] { price, trigger })
            if (p != 0 && inst.TickSize > 0 && p % inst.TickSize != 0)
                throw Input($"Tick size for this script is {inst.TickSize.ToString(CultureInfo.InvariantCulture)}. Kindly enter price in the multiple of tick size for this script.");
        return (price, trigger);
    }
}
