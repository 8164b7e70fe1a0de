using LiveTrader.Core.Instruments;
using LiveTrader.Core.Trading;

namespace LiveTrader.Core.Charges;

/// <summary>The agent's charges, priced with the rate row in force on the trade date. Brokerage is per
/// executed order: the fills of one order (a partial fill's trades) count once, and a fill that names
/// no order is an order of its own.</summary>
public sealed class RateTableCharges(ChargesCalculator calculator) : ITradeCharges
{
    public decimal For(OptionContract contract, DateOnly tradeDate, IReadOnlyList<Fill> buys, IReadOnlyList<Fill> sells) =>
        Itemised(OptionsExchanges.Parse(contract.Exchange), tradeDate, buys, sells).Total;

    /// <summary>The same charges item by item, as a contract note shows them.</summary>
    public ChargeBreakdown Itemised(OptionsExchange exchange, DateOnly tradeDate, IReadOnlyList<Fill> buys, IReadOnlyList<Fill> sells) =>
        calculator.Calculate(
            exchange,
            tradeDate,
            buys.Sum(b => b.Price * b.Quantity),
            sells.Sum(s => s.Price * s.Quantity),
            Orders(buys),
            Orders(sells));

    private static int Orders(IReadOnlyList<Fill> fills) =>
        fills.Count(f => f.OrderId is null) + fills.Where(f => f.OrderId is not null).Select(f => f.OrderId).Distinct().Count();
}
