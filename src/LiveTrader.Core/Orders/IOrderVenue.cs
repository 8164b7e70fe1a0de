namespace LiveTrader.Core.Orders;

/// <summary>Where orders go: the simulated venue in a backtest and paper, Kite live. A venue that
/// can answer at once (a simulated one) returns its updates from <see cref="Submit"/>, inside the
/// same step, which keeps a backtest deterministic; one that answers later (Kite) returns none and
/// its updates reach the agent as inputs.</summary>
public interface IOrderVenue
{
    IReadOnlyList<OrderUpdate> Submit(OrderRequest request);
}
