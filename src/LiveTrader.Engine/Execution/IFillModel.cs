using LiveTrader.Core.Instruments;

namespace LiveTrader.Engine.Execution;

/// <summary>How the simulated venue prices a marketable order: the candle model in a backtest
/// (Black-Scholes at the spot the agent acted on), the quote model in paper (the live ask or bid).</summary>
public interface IFillModel
{
    FillResult Buy(OptionContract contract, int quantity, DateTimeOffset time, decimal spot);
    FillResult Sell(OptionContract contract, int quantity, DateTimeOffset time, decimal spot);
}
