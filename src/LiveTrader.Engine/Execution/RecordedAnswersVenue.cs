using LiveTrader.Core.Orders;

namespace LiveTrader.Engine.Execution;

/// <summary>The venue of a replayed live session: it sends nothing. Kite's answers are in the
/// recording as order-update inputs, so the replay books exactly the fills the session booked.</summary>
public sealed class RecordedAnswersVenue : IOrderVenue
{
    public IReadOnlyList<OrderUpdate> Submit(OrderRequest request) => [];
}
