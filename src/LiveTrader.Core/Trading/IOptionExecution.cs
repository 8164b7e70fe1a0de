using LiveTrader.Core.Instruments;

namespace LiveTrader.Core.Trading;

/// <summary>Turns an agent's order intent into a fill: simulated against the data in a backtest,
/// against live quotes in paper mode, through Kite orders live. <paramref name="spot"/> is the index
/// level the agent acted on, which a modelled execution prices from.</summary>
public interface IOptionExecution
{
    FillResult Buy(OptionContract contract, int quantity, DateTimeOffset time, decimal spot);
    FillResult Sell(OptionContract contract, int quantity, DateTimeOffset time, decimal spot);

    /// <summary>The price the open position is worth now, for pyramiding and open P&amp;L; null if unknown.</summary>
    decimal? Mark(OptionContract contract, DateTimeOffset time, decimal spot);
}
