using LiveTrader.Core.Orders;
using LiveTrader.Core.Settings;
using LiveTrader.Kite.Rest;

namespace LiveTrader.Engine.Execution;

/// <summary>How one of the agent's orders reads in Kite's terms (kite-orders.md §1): product MIS,
/// the contract's exchange, our client id as the tag; MARKET with market protection (or a marketable
/// LIMIT, <see cref="MarketableLimitStage"/>) for entries and exits, SL (a stop-limit) for the protective stop. And how Kite's statuses fold into ours.</summary>
public static class KiteOrderTerms
{
    public const string Variety = "regular";
    public const string Product = "MIS";

    public static KiteOrderRequest Place(OrderRequest order, LiveOrderSettings live) => new()
    {
        Variety = Variety,
        Exchange = order.Contract.Exchange,
        Tradingsymbol = order.Contract.TradingSymbol,
        TransactionType = order.Side == OrderSide.Buy ? "BUY" : "SELL",
        OrderType = TypeOf(order.Type),
        Quantity = order.Quantity,
        Product = Product,
        Price = order.Type == OrderType.Market ? null : order.LimitPrice,
        TriggerPrice = order.Type == OrderType.StopLimit ? order.TriggerPrice : null,
        Validity = "DAY",
        MarketProtection = order.Type == OrderType.Market ? live.MarketProtection : null,
        Tag = order.ClientId,
        AlgoId = string.IsNullOrWhiteSpace(live.AlgoId) ? null : live.AlgoId,
    };

    /// <summary>A working order's new terms: a protective stop's quantity after an add, its trigger after a
    /// trail move; a resting LIMIT's new price, or MARKET (with its protection) for an exit that must not wait.</summary>
    public static KiteOrderModification Modify(OrderRequest order, LiveOrderSettings live) => new()
    {
        OrderType = TypeOf(order.Type),
        Quantity = order.Quantity,
        Price = order.Type == OrderType.Market ? null : order.LimitPrice,
        TriggerPrice = order.Type == OrderType.StopLimit ? order.TriggerPrice : null,
        MarketProtection = order.Type == OrderType.Market ? live.MarketProtection : null,
    };

    /// <summary>Kite's status of an order, in ours; null for a status that says nothing new
    /// (an order still on its way through the OMS).</summary>
    public static OrderState? State(string status) => status.Trim().ToUpperInvariant() switch
    {
        "COMPLETE" => OrderState.Complete,
        "REJECTED" => OrderState.Rejected,
        "CANCELLED" or "CANCELLED AMO" => OrderState.Cancelled,
        "TRIGGER PENDING" => OrderState.TriggerPending,
        "OPEN" or "UPDATE" or "MODIFIED" => OrderState.Open,
        _ => null,
    };

    /// <summary>One line for the event log: what was sent (or, in a dry run, would have been).</summary>
    public static string Describe(OrderRequest order) => order.Action switch
    {
        OrderAction.Cancel => $"CANCEL {order.ClientId} ({order.Purpose})",
        OrderAction.Modify => $"MODIFY {order.ClientId} ({order.Purpose}): qty {order.Quantity}{Prices(order)}",
        _ => $"{(order.Side == OrderSide.Buy ? "BUY" : "SELL")} {order.Quantity} {order.Contract.TradingSymbol} {TypeOf(order.Type)}{Prices(order)} {Product} tag {order.ClientId} ({order.Purpose})",
    };

    private static string Prices(OrderRequest order) =>
        (order.TriggerPrice is decimal t && order.Type == OrderType.StopLimit ? $" trigger {t:0.00}" : "")
        + (order.LimitPrice is decimal l && order.Type != OrderType.Market ? $" limit {l:0.00}" : "");

    private static string TypeOf(OrderType type) => type switch
    {
        OrderType.Market => "MARKET",
        OrderType.Limit => "LIMIT",
        OrderType.StopLimit => "SL",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
