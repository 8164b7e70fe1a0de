using LiveTrader.Core.Orders;

namespace LiveTrader.Core.Risk;

/// <summary>The way every order goes to its venue, the same in every mode: the risk stage, then the
/// freeze-quantity slicer, then the order-rate gate (each child counts), then whatever the engine
/// puts last in front of the venue (the journal's ledger).</summary>
public sealed class OrderRoute
{
    public OrderRoute(IOrderVenue venue, RiskLimits limits)
    {
        Risk = new OrderRiskStage(new FreezeSlicer(new OrderRateGate(venue, limits), limits.FreezeQuantity), limits);
    }

    /// <summary>The head of the route: what the agent sends to.</summary>
    public OrderRiskStage Risk { get; }
}
