namespace LiveTrader.Core.Orders;

/// <summary>What the index did, as a venue that rests orders in this process reads it: a candle's
/// range in a backtest (<see cref="Time"/> its close), one tick in paper (all four the same).</summary>
public readonly record struct MarketMove(DateTimeOffset Time, decimal Open, decimal High, decimal Low, decimal Close)
{
    public static MarketMove Tick(DateTimeOffset time, decimal spot) => new(time, spot, spot, spot, spot);
}
