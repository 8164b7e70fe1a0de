using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;

namespace LiveTrader.Core.Risk;

/// <summary>The one risk stage every order of a segment passes before any venue, in every mode:
/// the trading state, the maximum quantity held, the trading window for anything that buys, and a
/// sane price (positive, on the tick, a stop-limit's limit not above its trigger). A refused order
/// never reaches the venue: it comes back rejected, with the reason, like a venue's rejection. It
/// sees every fill that passes, so it knows what is held without asking the agent.</summary>
public sealed class OrderRiskStage(IOrderVenue venue, RiskLimits limits) : IOrderVenue
{
    // The orders still working; a final one leaves, its fills already counted in _held.
    private readonly Dictionary<string, (OrderSide Side, int Quantity, int Filled)> _orders = [];
    private int _held;

    public TradingState State { get; private set; } = TradingState.Active;

    /// <summary>Why the state is not ACTIVE.</summary>
    public string? StateReason { get; private set; }

    /// <summary>Units bought less units sold, over every order that passed.</summary>
    public int Held => _held;

    /// <summary>After a restart: what the agent holds and its orders still working, so exits are
    /// measured against the real position and the working orders' fills are seen.</summary>
    public void Resume(int held, IEnumerable<WorkingOrder> working)
    {
        _orders.Clear();
        foreach (var o in working) _orders[o.ClientId] = (o.Side, o.Quantity, o.FilledQuantity);
        _held = held;
    }

    public void Set(TradingState state, string? reason)
    {
        State = state;
        StateReason = state == TradingState.Active ? null : reason;
    }

    public IReadOnlyList<OrderUpdate> Submit(OrderRequest request)
    {
        if (Refusal(request) is string why)
            return [request.Action == OrderAction.Place
                ? new OrderUpdate(request.ClientId, OrderState.Rejected, 0, 0m, request.Time, $"risk: {why}")
                // A refused modification leaves the order working as it was: it is not rejected.
                : OrderUpdate.RefusalOf(request, request.Time, $"risk: {why}")];
        if (request.Action == OrderAction.Place) _orders[request.ClientId] = (request.Side, request.Quantity, 0);
        // A protective stop's quantity follows the position: its fills count up to the new quantity.
        else if (request.Action == OrderAction.Modify && _orders.TryGetValue(request.ClientId, out var o)) _orders[request.ClientId] = o with { Quantity = request.Quantity };
        return See(venue.Submit(request));
    }

    public IReadOnlyList<OrderUpdate> Receive(OrderUpdate update) => See(venue.Receive(update));

    public IReadOnlyList<OrderUpdate> MarketMoved(MarketMove move) => See(venue.MarketMoved(move));

    private IReadOnlyList<OrderUpdate> See(IReadOnlyList<OrderUpdate> updates)
    {
        for (var i = 0; i < updates.Count; i++)
        {
            var u = updates[i];
            if (u.Refused is not null || !_orders.TryGetValue(u.ClientId, out var o)) continue;
            var filled = Math.Max(o.Filled, Math.Min(u.FilledQuantity, o.Quantity));
            _held += (o.Side == OrderSide.Buy ? 1 : -1) * (filled - o.Filled);
            if (u.State.IsFinal()) _orders.Remove(u.ClientId);
            else _orders[u.ClientId] = o with { Filled = filled };
        }
        return updates;
    }

    private string? Refusal(OrderRequest r)
    {
        if (r.Action == OrderAction.Cancel) return null;
        if (State == TradingState.Halted) return $"trading HALTED ({StateReason}); re-arm to trade";
        var buys = r.Side == OrderSide.Buy;
        if (buys && State == TradingState.Reducing) return $"trading REDUCING ({StateReason}): exits only";
        if (r.Quantity <= 0) return $"quantity {r.Quantity} is not positive";
        if (buys && r.Action == OrderAction.Place)
        {
            var working = 0;
            foreach (var o in _orders.Values)
                if (o.Side == OrderSide.Buy) working += o.Quantity - o.Filled;
            if (Held + working + r.Quantity > limits.MaxQuantity)
                return $"buying {r.Quantity} would hold {Held + working + r.Quantity}, above the maximum quantity {limits.MaxQuantity}";
            var at = Ist.TimeOf(r.Time);
            if (at < limits.WindowStart || at >= limits.WindowEnd || at >= limits.SquareOff)
                return $"{at:HH\\:mm\\:ss} is outside the trading window {limits.WindowStart:HH\\:mm}-{limits.WindowEnd:HH\\:mm}";
        }
        if (!buys && r.Action == OrderAction.Place)
        {
            // Never sold twice: what other sells (a protective stop, an exit) still work counts as sold.
            var selling = 0;
            foreach (var o in _orders.Values)
                if (o.Side == OrderSide.Sell) selling += o.Quantity - o.Filled;
            if (r.Quantity + selling > Held)
                return selling == 0
                    ? $"selling {r.Quantity} is more than the {Held} held"
                    : $"selling {r.Quantity} with {selling} already being sold is more than the {Held} held";
        }
        return PriceRefusal(r);
    }

    private static string? PriceRefusal(OrderRequest r)
    {
        if ((BadPrice("limit", r.LimitPrice, r.Contract.TickSize) ?? BadPrice("trigger", r.TriggerPrice, r.Contract.TickSize)) is string bad) return bad;
        if (r.Type == OrderType.StopLimit && r.LimitPrice is decimal limit && r.TriggerPrice is decimal trigger
            && (r.Side == OrderSide.Sell ? limit > trigger : limit < trigger))
            return $"a stop-limit {r.Side.ToString().ToLowerInvariant()} with limit {limit} on the wrong side of its trigger {trigger}";
        return null;
    }

    private static string? BadPrice(string name, decimal? price, decimal tick) => price switch
    {
        null => null,
        <= 0 => $"{name} price {price} is not positive",
        decimal p when tick > 0 && p % tick != 0 => $"{name} price {p} is not a multiple of the tick {tick}",
        _ => null,
    };
}
