namespace LiveTrader.Core.Orders;

/// <summary>What a venue says of one of our orders. Fills are cumulative, as Kite reports them:
/// <see cref="FilledQuantity"/> so far at <see cref="AveragePrice"/>, so a repeated or late update
/// never counts twice. <see cref="PriceSource"/> says where a simulated fill's price came from
/// (ask, bid, ltp, model).</summary>
public sealed record OrderUpdate(
    string ClientId,
    OrderState State,
    int FilledQuantity,
    decimal AveragePrice,
    DateTimeOffset Time,
    string? Message = null,
    string? BrokerOrderId = null,
    string? PriceSource = null);
