namespace LiveTrader.Core.Orders;

/// <summary>Where orders go: the simulated venue in a backtest and paper, Kite live. A venue that
/// can answer at once (a simulated one) returns its updates from <see cref="Submit"/>, inside the
/// same step, which keeps a backtest deterministic; one that answers later (Kite) returns none and
/// its updates reach the agent as inputs.</summary>
public interface IOrderVenue
{
    IReadOnlyList<OrderUpdate> Submit(OrderRequest request);

    /// <summary>An update that arrived on its own passes back through the same chain, so a stage in
    /// front of the venue (the ledger, the risk stage, the freeze slicer) sees it and a sliced order's
    /// child updates reach the agent as its parent's.</summary>
    IReadOnlyList<OrderUpdate> Receive(OrderUpdate update) => [update];

    /// <summary>The market moved: a venue that rests orders here (the simulated one's stop-limits)
    /// answers with what triggered and filled; Kite's rests them at the exchange and answers none.</summary>
    IReadOnlyList<OrderUpdate> MarketMoved(MarketMove move) => [];
}
