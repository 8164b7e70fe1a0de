using LiveTrader.Core.Instruments;

namespace LiveTrader.Core.Trading;

/// <summary>What the broker, exchange and government take for a round trip: every buy order
/// (the entry and each pyramid add) and every sell order.</summary>
public interface ITradeCharges
{
    decimal For(OptionContract contract, DateOnly tradeDate, IReadOnlyList<Fill> buys, IReadOnlyList<Fill> sells);
}
