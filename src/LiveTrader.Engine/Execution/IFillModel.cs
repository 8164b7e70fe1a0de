using LiveTrader.Core.Instruments;
using LiveTrader.Core.Orders;

namespace LiveTrader.Engine.Execution;

/// <summary>How the simulated venue prices a marketable order: the candle model in a backtest
/// (Black-Scholes at the spot the agent acted on), the quote model in paper (the live ask or bid).</summary>
public interface IFillModel
{
    FillResult Buy(OptionContract contract, int quantity, DateTimeOffset time, decimal spot);
    FillResult Sell(OptionContract contract, int quantity, DateTimeOffset time, decimal spot);

    /// <summary>The index level a resting sell stop triggered at on this move (a candle that opened
    /// past it: its open), or null when the market has not reached its trigger.</summary>
    decimal? Triggered(OptionContract contract, decimal trigger, decimal triggerSpot, MarketMove move);
}
