namespace LiveTrader.Core.Charges;

/// <summary>One executed order: its average price and quantity in units (lots x lot size). Brokerage is
/// charged per executed order, so every pyramid add is its own fill.</summary>
public sealed record OrderFill(decimal Price, int Quantity)
{
    public decimal Turnover => Price * Quantity;
}
