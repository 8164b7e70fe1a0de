namespace LiveTrader.Core.Orders;

/// <summary>Why the agent asked for an order; the ledger, the risk stage and the order id carry it.</summary>
public enum OrderPurpose
{
    Entry,
    Add,
    Exit,
    ProtectiveStop,
}
