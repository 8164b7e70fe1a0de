namespace LiveTrader.Core.Orders;

/// <summary>One order as the ledger last booked it: its quantity, its state and its cumulative fill.
/// After a restart it is what the stages in front of the venue take back (a sliced order's children),
/// and what reconciliation holds Kite's book against.</summary>
public sealed record BookedOrder(string ClientId, int Quantity, OrderState State, int FilledQuantity, decimal AveragePrice);
