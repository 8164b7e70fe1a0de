using LiveTrader.Core.Instruments;
using LiveTrader.Core.Trading;

namespace LiveTrader.Core.Charges;

/// <summary>The agent's charges: every fill is one executed order, priced with the rate row in force
/// on the trade date.</summary>
public sealed class RateTableCharges(ChargesCalculator calculator) : ITradeCharges
{
    public decimal For(OptionContract contract, DateOnly tradeDate, IReadOnlyList<Fill> buys, IReadOnlyList<Fill> sells) =>
        calculator.Calculate(
            OptionsExchanges.Parse(contract.Exchange),
            tradeDate,
            buys.Select(b => new OrderFill(b.Price, b.Quantity)).ToList(),
            sells.Select(s => new OrderFill(s.Price, s.Quantity)).ToList()).Total;
}
