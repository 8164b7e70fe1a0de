namespace LiveTrader.Core.Orders;

/// <summary>The day's circuit limits of a contract, as Kite's <c>/quote</c> gives them: an order priced
/// outside them is refused before it reaches the exchange (kite-orders.md section 1).</summary>
public readonly record struct CircuitBand(decimal Lower, decimal Upper)
{
    /// <summary>The price moved inside the band, onto the tick inside it.</summary>
    public decimal Clamp(decimal price, decimal tickSize) =>
        price > Upper ? Math.Floor(Upper / tickSize) * tickSize
        : price < Lower ? Math.Ceiling(Lower / tickSize) * tickSize
        : price;
}
