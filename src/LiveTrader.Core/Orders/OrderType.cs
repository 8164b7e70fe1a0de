namespace LiveTrader.Core.Orders;

/// <summary>Kite's order types the engine uses. SL-M is absent on purpose: exchanges refuse it for options.</summary>
public enum OrderType
{
    Market,
    Limit,
    StopLimit,
}
