namespace LiveTrader.Core.Orders;

/// <summary>What a venue says of one of our orders. Fills are cumulative, as Kite reports them:
/// <see cref="FilledQuantity"/> so far at <see cref="AveragePrice"/>, so a repeated or late update
/// never counts twice. <see cref="PriceSource"/> says where a simulated fill's price came from
/// (ask, bid, ltp, model). <see cref="Refused"/> marks the answer to a modification or cancellation
/// that was not carried out (by the risk stage, the rate gate or the broker): the order stands as it
/// was, so such an update books no state and no fill; the agent asks again by its own rule.</summary>
public sealed record OrderUpdate(
    string ClientId,
    OrderState State,
    int FilledQuantity,
    decimal AveragePrice,
    DateTimeOffset Time,
    string? Message = null,
    string? BrokerOrderId = null,
    string? PriceSource = null,
    OrderAction? Refused = null)
{
    /// <summary>A modification or cancellation of <paramref name="request"/>'s order that was not carried out.</summary>
    public static OrderUpdate RefusalOf(OrderRequest request, DateTimeOffset time, string why) =>
        new(request.ClientId, OrderState.Open, 0, 0m, time, why, Refused: request.Action);
}
