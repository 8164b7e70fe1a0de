namespace LiveTrader.Core.Orders;

/// <summary>The price of a marketable LIMIT: through the touch by a protection percentage, so it
/// trades at once at the better price the book holds, yet never further than the trader allowed.</summary>
public static class MarketableLimit
{
    /// <summary>A buy pays at most the ask (or last price) plus <paramref name="protectionPercent"/>,
    /// rounded down onto the tick; a sell takes at least the bid (or last price) less it, rounded up,
    /// and never below one tick. Rounding towards the touch keeps the price inside the protection.
    /// With the day's <paramref name="circuit"/> known, the price is kept inside it, since Kite refuses
    /// one beyond it: a buy near the upper limit pays at most the limit.</summary>
    public static decimal Price(OrderSide side, decimal touch, decimal protectionPercent, decimal tickSize, CircuitBand? circuit = null)
    {
        if (touch <= 0) throw new ArgumentOutOfRangeException(nameof(touch), touch, "a limit needs a price to start from");
        if (tickSize <= 0) throw new ArgumentOutOfRangeException(nameof(tickSize), tickSize, "the tick size must be positive");
        var width = touch * protectionPercent / 100m;
        var price = side == OrderSide.Buy
            ? Math.Max(touch, Math.Floor((touch + width) / tickSize) * tickSize)
            : Math.Max(tickSize, Math.Min(touch, Math.Ceiling((touch - width) / tickSize) * tickSize));
        return circuit is { } band ? band.Clamp(price, tickSize) : price;
    }
}
