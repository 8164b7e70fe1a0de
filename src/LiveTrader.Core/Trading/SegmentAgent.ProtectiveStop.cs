using LiveTrader.Core.Orders;

namespace LiveTrader.Core.Trading;

/// <summary>The protective stop (DECISIONS.md "Stops at the broker"): for every open position a
/// stop-limit sell rests at the venue, so a crash, a lost connection or an expired token never leaves
/// the position unprotected. Its trigger is the option premium that corresponds to the effective index
/// stop, its limit a buffer below; its quantity follows every fill; the trail moves it only in steps,
/// and after Kite's 25 modifications it is cancelled and placed anew. The agent's own exit cancels it
/// first (SegmentAgent.Orders.cs); when it fills at the venue it closes the trade itself, once no
/// buy is working any more.</summary>
public sealed partial class SegmentAgent
{
    // The protective stop reached its modification cap: a new one is placed once the venue confirms the cancel.
    private bool _replaceStop;
    private PendingExit? _exitAfterStop;
    // After a refused stop, the next try waits a second of market time (a restart tries at once).
    private DateTimeOffset? _stopRetryAfter;

    /// <summary>After the agent's own rules have acted on a move: a venue resting our stop here checks it
    /// (so the agent's own stop, at or inside the trigger's level, always acts first in a backtest), and
    /// a stage pricing live LIMIT orders gives a resting one its next step.</summary>
    private void VenueSees(MarketMove move)
    {
        if (_orders.Count == 0) return;
        var updates = _venue.MarketMoved(move);
        if (updates.Count == 0) return;
        for (var i = 0; i < updates.Count; i++) Apply(updates[i]);
        Dispatch();
    }

    /// <summary>Places the stop, or brings its quantity level with the position's.</summary>
    private void SyncProtectiveStop(DateTimeOffset time, decimal spot)
    {
        if (_p.ProtectiveStop is null || Position is not { Quantity: > 0 } position || _exitAfterStop is not null
            || Working(OrderPurpose.Exit) is not null || _replaceStop) return;
        // Partly sold on the way out: what is left is the exit's to sell, not a new stop's.
        if (position.Sells.Count > 0 && _lastExitReason is not null) return;
        if (Working(OrderPurpose.ProtectiveStop) is { } stop)
        {
            if (stop.Quantity == position.Quantity) return;
            // A stop sliced above the freeze quantity is replaced whole rather than modified child by child.
            var freeze = _p.ProtectiveStop.FreezeQuantity;
            if (stop.Quantity <= freeze && position.Quantity <= freeze && stop.Revisions < _p.ProtectiveStop.MaxModifications)
                Modify(stop, position, time, spot, stop.TriggerSpot!.Value, $"quantity now {position.Quantity}");
            else
            {
                _replaceStop = true;
                CancelWorking(OrderPurpose.ProtectiveStop, time);
            }
            return;
        }
        if (StopPrices(position, time, spot, position.Stops.Effective) is not var (trigger, limit)) return;
        var id = ClientOrderId.For(_p.Segment, _day, TradeNumber(position), OrderPurpose.ProtectiveStop, ++_ordersToday);
        _orders.Add(new WorkingOrder
        {
            ClientId = id, Purpose = OrderPurpose.ProtectiveStop, Side = OrderSide.Sell, Quantity = position.Quantity, Time = time, Spot = spot,
            Reason = position.Stops.ReasonIfHit, TriggerPrice = trigger, LimitPrice = limit, TriggerSpot = position.Stops.Effective,
        });
        Send(new OrderRequest(OrderAction.Place, id, _p.Segment, position.TradeId, OrderPurpose.ProtectiveStop, OrderSide.Sell, OrderType.StopLimit,
            position.Contract, position.Quantity, time, spot, limit, trigger, $"protective stop for index {position.Stops.Effective}",
            TriggerSpot: position.Stops.Effective));
    }

    /// <summary>At the start of each move, before the agent's own rules: the trigger follows the
    /// effective stop as it stands now, once it is a step away (or the stop is placed again if it is
    /// missing). So the venue always holds a trigger at or beyond the agent's own stop for the move
    /// to come, and the agent's stop acts first; and the venue's state is the journalled one.</summary>
    private void KeepProtectiveStop(OpenPosition position, DateTimeOffset time, decimal spot)
    {
        if (_p.ProtectiveStop is not { } rule || _exitAfterStop is not null || Working(OrderPurpose.Exit) is not null) return;
        if (Working(OrderPurpose.ProtectiveStop) is not { TriggerSpot: decimal at } stop)
        {
            if (!_replaceStop && !(_stopRetryAfter is DateTimeOffset after && time < after)) SyncProtectiveStop(time, spot);
            return;
        }
        var level = position.Stops.Effective;
        if (Math.Abs(level - at) < rule.StepPoints) return;
        if (stop.Revisions >= rule.MaxModifications)
        {
            _replaceStop = true;
            CancelWorking(OrderPurpose.ProtectiveStop, time);
            return;
        }
        Modify(stop, position, time, spot, level, $"trail: index stop {level}");
    }

    /// <summary>False when the trigger cannot be priced yet, and nothing was sent.</summary>
    private bool Modify(WorkingOrder stop, OpenPosition position, DateTimeOffset time, decimal spot, decimal level, string why)
    {
        if (StopPrices(position, time, spot, level) is not var (trigger, limit)) return false;
        stop.Quantity = position.Quantity;
        stop.TriggerPrice = trigger;
        stop.LimitPrice = limit;
        stop.TriggerSpot = level;
        stop.Revisions++;
        Send(new OrderRequest(OrderAction.Modify, stop.ClientId, _p.Segment, position.TradeId, OrderPurpose.ProtectiveStop, OrderSide.Sell,
            OrderType.StopLimit, position.Contract, position.Quantity, time, spot, limit, trigger, why, stop.Revisions, level));
        return true;
    }

    /// <summary>The trigger (the premium at the index stop, on the tick below) and the limit a buffer
    /// under it; none when the premium is unknown or the market already stands at the stop.</summary>
    private (decimal Trigger, decimal Limit)? StopPrices(OpenPosition position, DateTimeOffset time, decimal spot, decimal level)
    {
        var contract = position.Contract;
        if (_marks.PremiumAt(contract, time, spot, level) is not decimal premium) return null;
        var tick = contract.TickSize;
        var trigger = Math.Max(tick, Floor(premium, tick));
        var limit = Math.Max(tick, Floor(trigger * (1 - _p.ProtectiveStop!.BufferPercent / 100m), tick));
        return (trigger, limit);
    }

    /// <summary>The orders still working as requests with their current terms: what a venue that lived
    /// in a process that died takes back after the restart.</summary>
    public IEnumerable<(OrderRequest Request, OrderState State)> WorkingRequests()
    {
        if (Position is not { } position) yield break;
        foreach (var o in _orders.Where(o => o.Purpose == OrderPurpose.ProtectiveStop))
            yield return (new OrderRequest(OrderAction.Place, o.ClientId, _p.Segment, position.TradeId, o.Purpose, o.Side, OrderType.StopLimit,
                position.Contract, o.Quantity, o.Time, o.Spot, o.LimitPrice, o.TriggerPrice, o.Reason, o.Revisions, o.TriggerSpot), o.State);
    }

    private static decimal Floor(decimal price, decimal tick) => tick <= 0 ? price : Math.Floor(price / tick) * tick;

    private void StopUpdated(WorkingOrder order, Fill? fill, OrderUpdate update)
    {
        if (Position is not { } position) return;
        if (fill is Fill f)
        {
            position.Sell(f);
            Emit(f.Time, AgentEventType.OrderUpdated,
                $"protective stop {order.ClientId} filled {f.Quantity} at {f.Price} (trigger {order.TriggerPrice}, limit {order.LimitPrice})",
                position.TradeId, position.Contract.TradingSymbol, _lastSpot, f.Price, f.Quantity);
            if (position.Quantity == 0)
            {
                // Sold at the venue: the trade closes with the stop's reason and its own fill price, but
                // not while an add or entry remainder works: it is cancelled, and sold if it fills first.
                var reason = position.Stops.ReasonIfHit;
                _exitAfterStop = null;
                _lastExitReason = reason;
                _closeWhenBuysEnd = new PendingExit(reason, f.Time, _lastSpot ?? order.TriggerSpot ?? position.Stops.Effective);
                CancelWorking(OrderPurpose.Entry, f.Time);
                CancelWorking(OrderPurpose.Add, f.Time);
                CloseIfSoldOut();
                return;
            }
        }
        if (!order.State.IsFinal()) return;
        if (_exitAfterStop is { } pending)
        {
            _exitAfterStop = null;
            Place(OrderPurpose.Exit, OrderSide.Sell, position.Contract, position.Quantity, TradeNumber(position), pending.Time, pending.Spot, pending.Reason);
            return;
        }
        if (_replaceStop)
        {
            _replaceStop = false;
            SyncProtectiveStop(update.Time, _lastSpot ?? order.Spot);
            return;
        }
        if (order.State != OrderState.Rejected) return;
        _stopRetryAfter = update.Time + RetryAfterRefusal;
        Emit(update.Time, AgentEventType.OrderUpdated, $"protective stop {order.ClientId} rejected ({Why(update)}); placed again on the next move",
                position.TradeId, position.Contract.TradingSymbol, _lastSpot);
    }
}
