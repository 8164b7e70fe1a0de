namespace LiveTrader.Core.Orders;

/// <summary>What a request does to an order: place a new one, change a working one, or cancel it.</summary>
public enum OrderAction
{
    Place,
    Modify,
    Cancel,
}
