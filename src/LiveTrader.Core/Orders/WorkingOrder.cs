using LiveTrader.Core.Trading;

namespace LiveTrader.Core.Orders;

/// <summary>One of the agent's orders as far as it knows: what was asked and what has been booked.
/// Fills are booked by cumulative quantity, so an update that repeats or comes out of order adds
/// nothing, and nothing is booked after the order is final.</summary>
public sealed class WorkingOrder
{
    public required string ClientId { get; init; }
    public required OrderPurpose Purpose { get; init; }
    public required OrderSide Side { get; init; }
    /// <summary>What the order is for now: a protective stop's quantity follows the position.</summary>
    public required int Quantity { get; set; }
    /// <summary>When the agent asked and at what index level (an exit's trade row shows it).</summary>
    public required DateTimeOffset Time { get; init; }
    public required decimal Spot { get; init; }
    public string? Reason { get; init; }
    public OrderState State { get; set; } = OrderState.Sent;
    public int FilledQuantity { get; set; }
    public decimal AveragePrice { get; set; }

    /// <summary>A stop-limit's prices, the index level its trigger stands for, and how often it was modified.</summary>
    public decimal? TriggerPrice { get; set; }
    public decimal? LimitPrice { get; set; }
    public decimal? TriggerSpot { get; set; }
    public int Revisions { get; set; }

    /// <summary>A cancel was asked for: what is asked again after a refusal is the cancel, not a modification.</summary>
    public bool CancelAsked { get; set; }
    /// <summary>After a refused modification or cancel: when to ask again, and how many were refused in a row.</summary>
    public DateTimeOffset? AskAgainAt { get; set; }
    public int Refusals { get; set; }

    public int Remaining => Quantity - FilledQuantity;

    /// <summary>Applies an update: the new fill it brings (null when it brings none) and whether the
    /// order's state changed.</summary>
    public Fill? Book(OrderUpdate update, out bool stateChanged)
    {
        stateChanged = false;
        if (State.IsFinal()) return null;
        Fill? fill = null;
        var filled = Math.Min(update.FilledQuantity, Quantity);
        if (filled > FilledQuantity)
        {
            var added = filled - FilledQuantity;
            // The new trade's own price, from the change in the average over the cumulative quantity.
            var price = (update.AveragePrice * filled - AveragePrice * FilledQuantity) / added;
            fill = new Fill(update.Time, price, added, update.PriceSource ?? "venue", update.BrokerOrderId ?? ClientId);
            FilledQuantity = filled;
            AveragePrice = update.AveragePrice;
        }
        // The remainder dies with a rejection or a cancel; anything else leaves it working.
        // Complete at the venue is complete, even for less than asked: a protective stop whose
        // modification to a larger quantity was refused filled what the venue held.
        var state = FilledQuantity == Quantity || update.State == OrderState.Complete ? OrderState.Complete
            : update.State is OrderState.Rejected or OrderState.Cancelled ? update.State
            : update.State == OrderState.TriggerPending && FilledQuantity == 0 && State != OrderState.Open ? OrderState.TriggerPending
            : OrderState.Open;
        if (state != State)
        {
            State = state;
            stateChanged = true;
        }
        return fill;
    }

    public WorkingOrderSnapshot Snapshot() =>
        new(ClientId, Purpose, Side, Quantity, Time, Spot, Reason, State, FilledQuantity, AveragePrice, TriggerPrice, LimitPrice, TriggerSpot, Revisions,
            CancelAsked, AskAgainAt, Refusals);

    public static WorkingOrder Restore(WorkingOrderSnapshot s) => new()
    {
        ClientId = s.ClientId, Purpose = s.Purpose, Side = s.Side, Quantity = s.Quantity, Time = s.Time, Spot = s.Spot,
        Reason = s.Reason, State = s.State, FilledQuantity = s.FilledQuantity, AveragePrice = s.AveragePrice,
        TriggerPrice = s.TriggerPrice, LimitPrice = s.LimitPrice, TriggerSpot = s.TriggerSpot, Revisions = s.Revisions,
        CancelAsked = s.CancelAsked, AskAgainAt = s.AskAgainAt, Refusals = s.Refusals,
    };
}

public sealed record WorkingOrderSnapshot(
    string ClientId, OrderPurpose Purpose, OrderSide Side, int Quantity, DateTimeOffset Time, decimal Spot, string? Reason,
    OrderState State, int FilledQuantity, decimal AveragePrice, decimal? TriggerPrice = null, decimal? LimitPrice = null,
    decimal? TriggerSpot = null, int Revisions = 0, bool CancelAsked = false, DateTimeOffset? AskAgainAt = null, int Refusals = 0);
