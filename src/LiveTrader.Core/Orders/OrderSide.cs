namespace LiveTrader.Core.Orders;

public enum OrderSide
{
    Buy,
    Sell,
}
