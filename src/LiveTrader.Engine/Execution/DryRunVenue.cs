using LiveTrader.Core.Orders;

namespace LiveTrader.Engine.Execution;

/// <summary>A dry run's venue: every order goes through the same route and ledger as live, and is
/// then withheld. It fills at the simulated venue against the live quotes, so the agent's day goes
/// on as it would; <see cref="Withheld"/> lets the session log each one as DRY RUN, not sent.</summary>
public sealed class DryRunVenue(SimulatedVenue simulated) : IOrderVenue
{
    public SimulatedVenue Simulated { get; } = simulated;

    /// <summary>Called on the agent's loop, inside the step that asked for the order.</summary>
    public event Action<OrderRequest>? Withheld;

    public IReadOnlyList<OrderUpdate> Submit(OrderRequest request)
    {
        Withheld?.Invoke(request);
        return Simulated.Submit(request);
    }

    public IReadOnlyList<OrderUpdate> MarketMoved(MarketMove move) => Simulated.MarketMoved(move);
}
