namespace LiveTrader.Core.Market;

/// <summary>One price update for an instrument. Bid and ask are zero when the feed has no depth
/// (index packets never carry depth).</summary>
public readonly record struct Tick(uint InstrumentToken, DateTimeOffset Time, decimal LastPrice, decimal Bid = 0m, decimal Ask = 0m, long Volume = 0);
