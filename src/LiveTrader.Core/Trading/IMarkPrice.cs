using LiveTrader.Core.Instruments;

namespace LiveTrader.Core.Trading;

/// <summary>What an open position is worth now, for pyramiding and open P&amp;L: a pricing question,
/// not an execution one (the model premium in a backtest, the bid or last price in paper and live).</summary>
public interface IMarkPrice
{
    /// <summary>Null when no price is known.</summary>
    decimal? Mark(OptionContract contract, DateTimeOffset time, decimal spot);

    /// <summary>What the option would be worth now with the index at <paramref name="atSpot"/> instead
    /// of <paramref name="spot"/>: the protective stop's trigger for the index stop. Null when unknown,
    /// or when that is not below what it is worth now (the market already stands at the stop).</summary>
    decimal? PremiumAt(OptionContract contract, DateTimeOffset time, decimal spot, decimal atSpot) => null;
}
