using LiveTrader.Core.Orders;

namespace LiveTrader.Engine.Execution;

/// <summary>The one simulated venue of backtests and paper sessions. A marketable order fills at
/// once, whole, at its fill model's price, or is rejected with the model's refusal. A stop-limit
/// sell rests here: it triggers when the fill model says the market reached it, then fills at the
/// market (its fill model's price) if that is at or above its limit, else rests as a limit (OPEN)
/// until the market comes back to it. Every answer comes back inside the same step, so a backtest
/// stays deterministic and a replayed paper day fills at exactly the quotes the session filled at.
/// Its book dies with the process: after a restart it takes back what the journal says is working.</summary>
public sealed class SimulatedVenue(IFillModel fills) : IOrderVenue
{
    private readonly List<RestingStop> _resting = [];

    // A loop, not List.Find: a backtest asks this on every request, and a lambda capturing the id is an allocation each time.
    private RestingStop? RestingAs(string clientId)
    {
        foreach (var r in _resting)
            if (r.Order.ClientId == clientId) return r;
        return null;
    }

    public IReadOnlyList<OrderUpdate> Submit(OrderRequest request)
    {
        var resting = RestingAs(request.ClientId);
        switch (request.Action)
        {
            case OrderAction.Cancel:
                // Nothing rests here under that id (filled, or never here): nothing more can fill.
                if (resting is not null) _resting.Remove(resting);
                return [new OrderUpdate(request.ClientId, OrderState.Cancelled, 0, 0m, request.Time, "cancelled")];
            case OrderAction.Modify:
                if (resting is not null) resting.Order = request;
                return [];
        }
        if (request.Type == OrderType.StopLimit)
        {
            _resting.Add(new RestingStop(request));
            return [new OrderUpdate(request.ClientId, OrderState.TriggerPending, 0, 0m, request.Time)];
        }
        return Fill(request, request.Time, request.Spot) is { } filled
            ? [filled]
            : [new OrderUpdate(request.ClientId, OrderState.Rejected, 0, 0m, request.Time, Refusal(request, request.Spot))];
    }

    /// <summary>After a restart: a stop the journal says is working rests here again as it stood
    /// (<paramref name="triggered"/> when it was OPEN, a limit waiting for the market).</summary>
    public void Resume(OrderRequest stop, bool triggered) =>
        _resting.Add(new RestingStop(stop) { IsTriggered = triggered });

    public IReadOnlyList<OrderUpdate> MarketMoved(MarketMove move)
    {
        if (_resting.Count == 0) return [];
        List<OrderUpdate>? updates = null;
        // Backwards: a stop that fills leaves the list.
        for (var i = _resting.Count - 1; i >= 0; i--)
        {
            var stop = _resting[i];
            var order = stop.Order;
            decimal? at = null;
            var triggeredNow = !stop.IsTriggered
                && (at = fills.Triggered(order.Contract, order.TriggerPrice!.Value, order.TriggerSpot ?? order.Spot, move)) is not null;
            if (!stop.IsTriggered && !triggeredNow) continue;
            if (Fill(order, move.Time, at ?? move.Close) is { } filled)
            {
                _resting.RemoveAt(i);
                (updates ??= []).Add(filled);
            }
            else if (triggeredNow)
            {
                // Triggered with the market below its limit: it rests as a plain limit until the market comes back.
                stop.IsTriggered = true;
                (updates ??= []).Add(new OrderUpdate(order.ClientId, OrderState.Open, 0, 0m, move.Time, "triggered; the market is below the limit"));
            }
        }
        return updates is null ? [] : updates;
    }

    /// <summary>The whole order at the fill model's price, if that price satisfies its limit.</summary>
    private OrderUpdate? Fill(OrderRequest order, DateTimeOffset time, decimal spot)
    {
        var result = order.Side == OrderSide.Buy
            ? fills.Buy(order.Contract, order.Quantity, time, spot)
            : fills.Sell(order.Contract, order.Quantity, time, spot);
        if (result.Fill is not { } fill) return null;
        if (order.LimitPrice is decimal limit && (order.Side == OrderSide.Sell ? fill.Price < limit : fill.Price > limit)) return null;
        return new OrderUpdate(order.ClientId, OrderState.Complete, fill.Quantity, fill.Price, time, PriceSource: fill.Source);
    }

    private string Refusal(OrderRequest order, decimal spot)
    {
        var result = order.Side == OrderSide.Buy
            ? fills.Buy(order.Contract, order.Quantity, order.Time, spot)
            : fills.Sell(order.Contract, order.Quantity, order.Time, spot);
        return result.Refusal ?? $"the market is beyond the limit {order.LimitPrice}";
    }

    private sealed class RestingStop(OrderRequest order)
    {
        public OrderRequest Order { get; set; } = order;
        public bool IsTriggered { get; set; }
    }
}
