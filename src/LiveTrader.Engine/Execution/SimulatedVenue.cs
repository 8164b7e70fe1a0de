using LiveTrader.Core.Orders;

namespace LiveTrader.Engine.Execution;

/// <summary>The one simulated venue of backtests and paper sessions: a marketable order fills at
/// once, whole, at its fill model's price, or is rejected with the model's refusal. Its answers come
/// back inside the same step, so a backtest stays deterministic and a replayed paper day fills at
/// exactly the quotes the session filled at.</summary>
public sealed class SimulatedVenue(IFillModel fills) : IOrderVenue
{
    public IReadOnlyList<OrderUpdate> Submit(OrderRequest request)
    {
        // Every order fills or is refused on arrival: nothing rests here to modify or cancel.
        if (request.Action != OrderAction.Place) return [];
        var result = request.Side == OrderSide.Buy
            ? fills.Buy(request.Contract, request.Quantity, request.Time, request.Spot)
            : fills.Sell(request.Contract, request.Quantity, request.Time, request.Spot);
        return result.Fill is { } fill
            ? [new OrderUpdate(request.ClientId, OrderState.Complete, fill.Quantity, fill.Price, fill.Time, PriceSource: fill.Source)]
            : [new OrderUpdate(request.ClientId, OrderState.Rejected, 0, 0m, request.Time, result.Refusal)];
    }
}
