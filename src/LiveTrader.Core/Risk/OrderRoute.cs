using LiveTrader.Core.Orders;

namespace LiveTrader.Core.Risk;

/// <summary>The way every order goes to its venue, the same in every mode: the risk stage, then the
/// freeze-quantity slicer, then whatever prices orders on their way (live marketable limits), then
/// the order-rate gate (each child and each of the pricing stage's own re-pricings counts), then
/// whatever the engine puts last in front of the venue (the journal's ledger).</summary>
public sealed class OrderRoute
{
    /// <param name="pricing">Given the rate gate, the stage to put above it; none by default.</param>
    public OrderRoute(IOrderVenue venue, RiskLimits limits, Func<IOrderVenue, IOrderVenue>? pricing = null)
    {
        IOrderVenue gate = new OrderRateGate(venue, limits);
        Slicer = new FreezeSlicer(pricing is null ? gate : pricing(gate), limits.FreezeQuantity);
        Risk = new OrderRiskStage(Slicer, limits);
    }

    /// <summary>The freeze-quantity slicer: a restart gives it back its children from the ledger.</summary>
    public FreezeSlicer Slicer { get; }

    /// <summary>The head of the route: what the agent sends to.</summary>
    public OrderRiskStage Risk { get; }
}
