using LiveTrader.Core.Market;
using LiveTrader.Sim.Faults;
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
/// The simulated OMS: refuses what Kite refuses before the exchange (<see cref="SimOrderRules"/>), rejects what the
/// RMS and the exchange reject (margin, limit price protection, the exchange-reject fault), places, modifies and
/// cancels regular orders, fills them against the simulated depth and keeps trades and positions.
/// <para>Fills: an order that is marketable when it reaches the exchange, is modified, or triggers takes the opposite
/// side of the book level by level, one trade per level, at the level's price, as far as its limit (a MARKET order's
/// limit is its market protection band); the rest stays OPEN with <c>filled_quantity</c> / <c>pending_quantity</c>.
/// A resting order fills at its own price at each later simulated second whose opposite best price reaches it, as
/// much as the levels within its price hold. The book is not depleted by our fills (each second shows the model's
/// book afresh). SL/SL-M orders wait in TRIGGER PENDING until the last price reaches the trigger (BUY ≥, SELL ≤).</para>
/// <para>Order updates go out when Kite sends them (kite-orders.md §3): COMPLETE, REJECTED, CANCELLED, and UPDATE for
/// a partial fill, a trigger or a modification; never on placement.</para>
/// <para>Resting orders are checked by <see cref="Sweep"/>, which walks every simulated second since the last check
/// (at most <see cref="MaxSweepSteps"/> evenly spaced seconds per call), so fills depend on the simulated clock
/// only. The ticker calls it on every step and every order REST request calls it first. At 15:25 the sweep cancels
/// working MIS orders and squares off open MIS positions, as Zerodha does, with the broker's charge.</para>
/// </summary>
public sealed class SimOrderBook
{
    public const int MaxModifications = 25;
    public const int MaxSweepSteps = 1800;
    public const int MaxAutosliceChildren = 10;

    /// <summary>Zerodha's MIS square-off: fresh MIS orders are refused from then, open MIS positions are closed.</summary>
    public static readonly TimeOnly SquareOffTime = new(15, 25);

    /// <summary>Rs 50 + 18 % GST per square-off order.</summary>
    public const decimal SquareOffCharge = 59m;

    private readonly SimOptions _options;
    private readonly SimMarket _market;
    private readonly SimFaults _faults;
    private readonly object _gate = new();
    private readonly List<SimOrder> _orders = [];
    private readonly Dictionary<string, SimOrder> _byId = new(StringComparer.Ordinal);
    private readonly List<SimTrade> _trades = [];
    private readonly SimPositions _positions = new();
    private long _nextOrder = 1, _nextTrade = 1;
    private bool _squaredOff;
    private decimal _debits;

    public SimOrderBook(SimOptions options, SimMarket market, SimFaults faults)
    {
        _options = options;
        _market = market;
        _faults = faults;
    }

    /// <summary>
    /// Raised for every order update with the api key and the postback payload (order JSON with the update's status +
    /// user_id, app_id, unfilled_quantity, checksum). Raised under the book's lock, so updates keep their order across
    /// threads: handlers must be quick and must not call back into the book (the ticker hub only queues frames).
    /// </summary>
    public event Action<string, Dictionary<string, object?>>? OrderUpdated;

    /// <summary>Places a regular order from form fields; returns the order id, or with <c>autoslice=true</c> and a
    /// quantity over the freeze limit the ids of its child orders and the parent id they are tagged with (the parent
    /// is not an order of the book).</summary>
    public (IReadOnlyList<string> OrderIds, string? Parent) Place(string variety, Func<string, string?> field) =>
        Place(variety, field, otherPlatform: false);

    /// <summary>An order the user places on another Zerodha platform (Kite web, the app): it has no tag of ours but
    /// shows in <c>/orders</c> and its updates reach our ticker (kite-orders.md §3). For client tests.</summary>
    public string PlaceFromAnotherPlatform(Func<string, string?> field) => Place("regular", field, otherPlatform: true).OrderIds[0];

    private (IReadOnlyList<string> OrderIds, string? Parent) Place(string variety, Func<string, string?> field, bool otherPlatform)
    {
        var now = _market.Clock.Now;
        var ticket = SimOrderRules.Read(variety, field, _market, now);
        if (otherPlatform) ticket = ticket with { Tag = null, Autoslice = false };
        int freeze = FreezeLimits.On(ticket.Instrument.Underlying.Segment, _market.Day);
        var slices = SimOrderRules.Slices(ticket, freeze, MaxAutosliceChildren);

        var updates = new List<(Dictionary<string, object?>, string)>();
        var ids = new List<string>();
        string? parent = null;
        lock (_gate)
        {
            try
            {
                SweepLocked(now, updates);
                if (slices.Count > 1) parent = NextId();
                foreach (var quantity in slices)
                {
                    var order = New(ticket, quantity, now, parent);
                    ids.Add(order.OrderId);
                    Submit(order, now, updates);
                }
            }
            finally
            {
                Publish(updates);
            }
        }
        return (ids, parent);
    }

    /// <summary>Modifies an open (or trigger pending) order.</summary>
    public string Modify(string variety, string orderId, Func<string, string?> field)
    {
        var now = _market.Clock.Now;
        var updates = new List<(Dictionary<string, object?>, string)>();
        lock (_gate)
        {
            try
            {
                SweepLocked(now, updates);
                var order = Find(orderId);
                if (order.Variety != variety) throw SimOrderRules.Input("Invalid `variety`.");
                if (order.Status == SimOrderStatus.Complete)
                    throw new SimOrderException(400, "OrderException", $"The order for ID ({order.OrderId}) does not exist.");
                if (!SimOrderStatus.IsWorking(order.Status))
                    throw SimOrderRules.Input($"Order cannot be modified as it is {order.Status.ToLowerInvariant()}.");
                if (order.Modifications >= MaxModifications)
                    throw new SimOrderException(400, "NetworkException", "Maximum allowed order modifications exceeded.");
                var change = SimOrderRules.ReadChange(order, field, _market, now);
                decimal reference = PriceBands.Reference(_market, order.Instrument, now);
                if (change.OrderType is "LIMIT" || (change.OrderType is "SL" && order.Triggered))
                    SimOrderRules.CheckProtection(order.IsBuy, change.Price, reference);

                order.Modifications++;
                Record(order, SimOrderStatus.ModifyValidationPending, now);
                Record(order, SimOrderStatus.ModifyPending, now);
                order.OrderType = change.OrderType;
                order.Quantity = change.Quantity;
                order.Price = change.Price;
                order.TriggerPrice = change.Trigger;
                if (change.MarketProtection is { } mp) order.MarketProtection = mp;
                order.IsModified = true;
                order.OrderTimestamp = now;
                order.ExchangeUpdateTimestamp = now;
                if (change.OrderType is "LIMIT" or "MARKET") order.Triggered = false;
                var s = _market.Snapshot(order.Instrument, now);
                if (order.IsMarket) order.ProtectionPrice = MarketLimit(order, s, reference);
                Record(order, SimOrderStatus.Modified, now);
                Record(order, change.OrderType is "SL" or "SL-M" && !order.Triggered ? SimOrderStatus.TriggerPending : SimOrderStatus.Open, now);
                Notify(order, "UPDATE", updates);
                Step(order, s, now, aggressive: true, updates);
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
        var updates = new List<(Dictionary<string, object?>, string)>();
        lock (_gate)
        {
            try
            {
                SweepLocked(now, updates);
                var order = Find(orderId);
                if (order.Variety != variety) throw SimOrderRules.Input("Invalid `variety`.");
                if (!SimOrderStatus.IsWorking(order.Status))
                    throw SimOrderRules.Input($"Order cannot be cancelled as it is {order.Status.ToLowerInvariant()}.");
                Record(order, SimOrderStatus.CancelPending, now);
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
        var updates = new List<(Dictionary<string, object?>, string)>();
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

    /// <summary>Funds and what they are used for, at the current simulated second.</summary>
    public SimAccount Account()
    {
        Sweep();
        var now = _market.Clock.Now;
        lock (_gate) return AccountLocked(now);
    }

    /// <summary>The margin an order would block now (for <c>/margins/orders</c> and <c>/margins/basket</c>), given the
    /// open positions or (<paramref name="considerPositions"/> false) as if there were none.</summary>
    public decimal MarginFor(SimInstrument inst, string product, bool buy, long quantity, decimal price, bool considerPositions = true)
    {
        var now = _market.Clock.Now;
        lock (_gate)
            return SimMargins.Required(inst, buy, quantity, price, considerPositions ? _positions.Quantity(inst, product) : 0, Underlying(inst, now));
    }

    /// <summary>Moves part of a position to another product (MIS ↔ NRML); refused when it does not hold that much.</summary>
    public void ConvertPosition(Func<string, string?> field)
    {
        var inst = _market.Catalog.ByKey((field("exchange") ?? "").ToUpperInvariant() + ":" + field("tradingsymbol"))
            ?? throw SimOrderRules.Input("The instrument you are converting has either expired or does not exist.");
        var side = field("transaction_type");
        if (side is not ("BUY" or "SELL")) throw SimOrderRules.Input("Invalid `transaction_type`.");
        if (!long.TryParse(field("quantity"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var quantity) || quantity <= 0)
            throw SimOrderRules.Input("Invalid `quantity`.");
        string? from = field("old_product"), to = field("new_product");
        if (from is not ("MIS" or "NRML") || to is not ("MIS" or "NRML") || from == to) throw SimOrderRules.Input("Invalid `old_product` or `new_product`.");
        if (to == "MIS" && TimeOnly.FromTimeSpan(Ist.From(_market.Clock.Now).TimeOfDay) >= SquareOffTime)
            throw SimOrderRules.Input($"Conversion to MIS is blocked from {SquareOffTime:HH\\:mm}.");
        Sweep();
        lock (_gate)
            if (!_positions.Convert(inst, side == "BUY", quantity, from, to))
                throw SimOrderRules.Input($"Position conversion failed: the {from} position holds less than {quantity} on the {side.ToLowerInvariant()} side.");
    }

    // ------------------------------------------------------------------ life of an order

    private string NextId() => $"{_market.Day:yyMMdd}{_nextOrder++:D9}";

    private static string ExchangeOrderId(string orderId) =>
        $"{1100000000000000 + long.Parse(orderId[6..], System.Globalization.CultureInfo.InvariantCulture)}";

    private SimOrder New(SimOrderTicket t, long quantity, DateTimeOffset now, string? autosliceParent)
    {
        var id = NextId();
        var tags = new List<string>();
        if (t.Tag is not null) tags.Add(t.Tag);
        if (autosliceParent is not null) tags.AddRange(["autoslice", "autoslice:" + autosliceParent]);
        var order = new SimOrder
        {
            OrderId = id,
            ExchangeOrderId = ExchangeOrderId(id),
            Variety = t.Variety,
            Instrument = t.Instrument,
            TransactionType = t.Side,
            Product = t.Product,
            Validity = t.Validity,
            Tag = t.Tag,
            Tags = tags,
            PlacedBy = _options.UserId,
            MarketProtection = t.MarketProtection ?? 0,
            PlacedAt = now,
            ExchangeAt = now + _options.OrderProcessingDelay,
            OrderType = t.OrderType,
            Quantity = quantity,
            Price = t.Price,
            TriggerPrice = t.Trigger,
            OrderTimestamp = now,
        };
        _orders.Add(order);
        _byId[id] = order;
        return order;
    }

    /// <summary>The RMS step (margin), then to the exchange at once or after the processing delay.</summary>
    private void Submit(SimOrder order, DateTimeOffset now, List<(Dictionary<string, object?>, string)> updates)
    {
        Record(order, SimOrderStatus.PutOrderReqReceived, now);
        Record(order, SimOrderStatus.ValidationPending, now);
        var account = AccountLocked(now);
        var s = _market.Snapshot(order.Instrument, now);
        decimal price = order.OrderType is "MARKET" or "SL-M" ? MarketLimit(order, s, PriceBands.Reference(_market, order.Instrument, now)) : order.Price;
        decimal required = SimMargins.Required(order.Instrument, order.IsBuy, order.Quantity, price,
            _positions.Quantity(order.Instrument, order.Product), Underlying(order.Instrument, now));
        if (required > account.Available)
        {
            Reject(order, now,
                $"Insufficient funds. Required margin is {required:0.00} but available margin is {account.Available:0.00}.",
                $"RMS:Margin Exceeds,Required:{required:0.00}, Available:{account.Available:0.00} for entity account-{_options.UserId} across exchange across segment across product",
                updates);
            return;
        }
        Record(order, SimOrderStatus.OpenPending, now);
        if (order.ExchangeAt <= now) Arrive(order, now, updates);
    }

    /// <summary>The order reaches the exchange: the reject fault and limit price protection, then it works.</summary>
    private void Arrive(SimOrder order, DateTimeOffset at, List<(Dictionary<string, object?>, string)> updates)
    {
        order.ExchangeTimestamp = at;
        order.ExchangeUpdateTimestamp = at;
        order.CheckedSecond = Second(at);
        if (_faults.TryTakeOrderRejection(out var raw))
        {
            Reject(order, at, "Order rejected by the exchange (simulated).", raw, updates);
            return;
        }
        decimal reference = PriceBands.Reference(_market, order.Instrument, at);
        if (order.OrderType == "LIMIT" && SimOrderRules.OutsideProtection(order.IsBuy, order.Price, reference) is { } lpp)
        {
            Reject(order, at, lpp, "16283 : " + lpp, updates);
            return;
        }
        var s = _market.Snapshot(order.Instrument, at);
        if (order.OrderType == "MARKET") order.ProtectionPrice = MarketLimit(order, s, reference);
        Record(order, order.OrderType is "SL" or "SL-M" ? SimOrderStatus.TriggerPending : SimOrderStatus.Open, at);
        Step(order, s, at, aggressive: true, updates);
        if (order.Validity == "IOC" && SimOrderStatus.IsWorking(order.Status))
            CancelLocked(order, at, "IOC order cancelled: no match.", updates);
    }

    /// <summary>Triggers and fills an order against one snapshot (<paramref name="aggressive"/>: it just reached the
    /// exchange, was modified or triggered, so it takes the book; otherwise it rests at its price).</summary>
    private void Step(SimOrder order, InstrumentSnapshot s, DateTimeOffset at, bool aggressive, List<(Dictionary<string, object?>, string)> updates)
    {
        if (!SimOrderStatus.IsWorking(order.Status)) return;
        if (order.Status == SimOrderStatus.TriggerPending)
        {
            decimal last = SimJson.Px(s.LastPrice);
            if (!(order.IsBuy ? last >= order.TriggerPrice : last <= order.TriggerPrice)) return;
            order.Triggered = true;
            order.ExchangeUpdateTimestamp = at;
            decimal reference = PriceBands.Reference(_market, order.Instrument, at);
            if (order.OrderType == "SL" && SimOrderRules.OutsideProtection(order.IsBuy, order.Price, reference) is { } lpp)
            {
                Reject(order, at, lpp, "16283 : " + lpp, updates);
                return;
            }
            if (order.OrderType == "SL-M") order.ProtectionPrice = MarketLimit(order, s, reference);
            Record(order, SimOrderStatus.Open, at);
            Notify(order, "UPDATE", updates);
            aggressive = true;
        }
        Match(order, s, at, aggressive, updates);
    }

    /// <summary>Fills what the opposite side of the book holds within the order's worst price.</summary>
    private void Match(SimOrder order, InstrumentSnapshot s, DateTimeOffset at, bool aggressive, List<(Dictionary<string, object?>, string)> updates)
    {
        decimal worst = order.WorstPrice;
        if (worst <= 0) return;
        long remaining = order.Quantity - order.FilledQuantity, restingQuantity = 0;
        var fills = new List<(decimal Price, long Quantity)>();
        foreach (var level in order.IsBuy ? s.Offers : s.Bids)
        {
            decimal p = SimJson.Px(level.Price);
            if (remaining == 0 || level.Quantity <= 0 || p <= 0 || (order.IsBuy ? p > worst : p < worst)) break;
            long q = Math.Min(remaining, level.Quantity);
            remaining -= q;
            if (aggressive) fills.Add((p, q));
            else restingQuantity += q;
        }
        // A resting order is the one in the book: it trades at its own price.
        if (restingQuantity > 0) fills.Add((worst, restingQuantity));
        if (fills.Count == 0) return;
        foreach (var (price, quantity) in fills)
        {
            var trade = new SimTrade($"{_nextTrade++ + 10_000_000}", order, price, quantity, at);
            _trades.Add(trade);
            _positions.Apply(trade);
            order.FilledQuantity += quantity;
            order.FilledValue += price * quantity;
        }
        order.ExchangeUpdateTimestamp = at;
        bool complete = order.FilledQuantity == order.Quantity;
        Record(order, complete ? SimOrderStatus.Complete : SimOrderStatus.Open, at);
        Notify(order, complete ? SimOrderStatus.Complete : "UPDATE", updates);
    }

    private void Reject(SimOrder order, DateTimeOffset at, string message, string raw, List<(Dictionary<string, object?>, string)> updates)
    {
        order.StatusMessage = message;
        order.StatusMessageRaw = raw;
        order.ExchangeUpdateTimestamp = at;
        Record(order, SimOrderStatus.Rejected, at);
        Notify(order, SimOrderStatus.Rejected, updates);
    }

    private void CancelLocked(SimOrder order, DateTimeOffset now, string? message, List<(Dictionary<string, object?>, string)> updates)
    {
        order.CancelledQuantity = order.Quantity - order.FilledQuantity;
        order.ExchangeUpdateTimestamp = now;
        order.StatusMessage = message;
        order.StatusMessageRaw = message;
        Record(order, SimOrderStatus.Cancelled, now);
        Notify(order, SimOrderStatus.Cancelled, updates);
    }

    /// <summary>A new state of the order: one history entry (no order update: Kite sends those only for some states).</summary>
    private void Record(SimOrder order, string status, DateTimeOffset at)
    {
        order.Status = status;
        order.History.Add(SimOrderJson.Order(order, _options.UserId));
    }

    /// <summary>An order update as Kite would send it now: the order as it is at this moment, with the update's status.</summary>
    private void Notify(SimOrder order, string status, List<(Dictionary<string, object?>, string)> updates) =>
        updates.Add((SimOrderJson.Order(order, _options.UserId), status));

    private void Publish(List<(Dictionary<string, object?> Order, string Status)> updates)
    {
        var handler = OrderUpdated;
        if (handler is null) return;
        foreach (var (order, status) in updates)
            handler(_options.ApiKey, SimOrderJson.Postback(order, status, _options.UserId, _options.ApiSecret));
    }

    // ------------------------------------------------------------------ the clock: resting orders, delays, square-off

    private int Second(DateTimeOffset t) => _market.Today(IndexSpec.Nifty).SecondOf(t);

    private void SweepLocked(DateTimeOffset now, List<(Dictionary<string, object?>, string)> updates)
    {
        var squareOff = Ist.At(_market.Day, SquareOffTime);
        if (!_squaredOff && now >= squareOff)
        {
            SweepTo(Second(squareOff), updates);
            SquareOffLocked(squareOff, updates);
        }
        SweepTo(Second(now), updates);
    }

    private void SweepTo(int target, List<(Dictionary<string, object?>, string)> updates)
    {
        var day = _market.Today(IndexSpec.Nifty);
        foreach (var order in _orders.ToList())
        {
            if (order.Status == SimOrderStatus.OpenPending && Second(order.ExchangeAt) <= target)
                Arrive(order, day.TimeOfSecond(Math.Max(Second(order.ExchangeAt), Second(order.PlacedAt))), updates);
            if (!SimOrderStatus.IsWorking(order.Status) || order.CheckedSecond >= target) continue;
            int from = order.CheckedSecond + 1, span = target - order.CheckedSecond;
            int stride = Math.Max(1, (span + MaxSweepSteps - 1) / MaxSweepSteps);
            for (int s = from; ; s += stride)
            {
                if (s > target) s = target;
                var at = day.TimeOfSecond(s);
                order.CheckedSecond = s;
                Step(order, _market.Snapshot(order.Instrument, at), at, aggressive: false, updates);
                if (!SimOrderStatus.IsWorking(order.Status) || s == target) break;
            }
            order.CheckedSecond = target;
        }
    }

    /// <summary>Zerodha's 15:25 square-off: working MIS orders are cancelled and every open MIS position is closed by a
    /// market order placed by ADMINSQF, each charged <see cref="SquareOffCharge"/>.</summary>
    private void SquareOffLocked(DateTimeOffset at, List<(Dictionary<string, object?>, string)> updates)
    {
        _squaredOff = true;
        foreach (var order in _orders.Where(o => o.Product == "MIS" && SimOrderStatus.IsWorking(o.Status)).ToList())
        {
            Record(order, SimOrderStatus.CancelPending, at);
            CancelLocked(order, at, "Cancelled by the MIS square-off.", updates);
        }
        foreach (var (inst, product, quantity, _) in _positions.Rows.Where(r => r.Product == "MIS" && r.Quantity != 0).ToList())
        {
            var id = NextId();
            var order = new SimOrder
            {
                OrderId = id, ExchangeOrderId = ExchangeOrderId(id),
                Variety = "regular", Instrument = inst, TransactionType = quantity > 0 ? "SELL" : "BUY", Product = "MIS", Validity = "DAY",
                PlacedBy = "ADMINSQF", MarketProtection = -1, PlacedAt = at, ExchangeAt = at, OrderType = "MARKET",
                Quantity = Math.Abs(quantity), OrderTimestamp = at,
            };
            _orders.Add(order);
            _byId[order.OrderId] = order;
            _debits += SquareOffCharge;
            Record(order, SimOrderStatus.PutOrderReqReceived, at);
            Record(order, SimOrderStatus.ValidationPending, at);
            Record(order, SimOrderStatus.OpenPending, at);
            Arrive(order, at, updates);
        }
    }

    // ------------------------------------------------------------------ money

    private decimal MarketLimit(SimOrder order, InstrumentSnapshot s, decimal reference) =>
        PriceBands.MarketLimit(order.IsBuy, order.MarketProtection == 0 ? -1 : order.MarketProtection, SimJson.Px(s.LastPrice), s,
            reference, order.Instrument.TickSize);

    private decimal Underlying(SimInstrument inst, DateTimeOffset now) =>
        SimJson.Px(_market.Snapshot(_market.Catalog.ByToken(inst.Underlying.InstrumentToken)!, now).LastPrice);

    private SimAccount AccountLocked(DateTimeOffset now)
    {
        decimal premium = 0, span = 0, working = 0, realised = 0, unrealised = 0;
        foreach (var (inst, product, quantity, value) in _positions.Rows)
        {
            decimal last = SimJson.Px(_market.Snapshot(inst, now).LastPrice), underlying = Underlying(inst, now);
            span += SimMargins.Blocked(inst, quantity, last, underlying);
            decimal pnl = value + quantity * last;
            if (inst.Kind == SimInstrumentKind.Option) premium -= value;
            else span -= pnl;
            if (quantity == 0) realised += pnl; else unrealised += pnl;
        }
        foreach (var o in _orders.Where(o => SimOrderStatus.IsWorking(o.Status) || o.Status == SimOrderStatus.OpenPending))
            working += SimMargins.Required(o.Instrument, o.IsBuy, o.Quantity - o.FilledQuantity, o.WorstPrice > 0 ? o.WorstPrice : o.TriggerPrice,
                _positions.Quantity(o.Instrument, o.Product), Underlying(o.Instrument, now));
        return new SimAccount(_options.Funds, premium, span, working, _debits, realised, unrealised);
    }

    private SimOrder Find(string orderId) =>
        _byId.GetValueOrDefault(orderId) ?? throw new SimOrderException(400, "InputException", "Couldn't find that `order_id`.");
}
