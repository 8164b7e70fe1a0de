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
        calculator.Calculate(exchange, tradeDate, Turnover(buys), Turnover(sells), Orders(buys), Orders(sells));

    // Plain loops: every trade of every sweep set is charged, and a trade has a handful of fills.
    private static decimal Turnover(IReadOnlyList<Fill> fills)
    {
        var sum = 0m;
        for (var i = 0; i < fills.Count; i++) sum += fills[i].Price * fills[i].Quantity;
        return sum;
    }

    private static int Orders(IReadOnlyList<Fill> fills)
    {
        var orders = 0;
        for (var i = 0; i < fills.Count; i++)
        {
            if (fills[i].OrderId is not { } id) { orders++; continue; }
            var seen = false;
            for (var k = 0; k < i && !seen; k++) seen = fills[k].OrderId == id;
            if (!seen) orders++;
        }
        return orders;
    }
}
