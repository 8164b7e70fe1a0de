using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;
using static LiveTrader.Core.Tests.Trading.AgentHarness;

namespace LiveTrader.Core.Tests.Trading;

/// <summary>Spec 4.2's three worked examples, exactly as written, on <see cref="PyramidRule"/> and
/// through the agent, plus DECISIONS.md "Pyramiding": only whole lots that fit under the cap, none
/// at the cap, and the stop covering the whole quantity after every add.</summary>
public class PyramidExamplesTests
{
    private static readonly PyramidRule Nifty = new(5m, 5, 1500);
    private static readonly PyramidRule BankNifty = new(20m, 10, 1000);
    private static readonly PyramidRule Sensex = new(20m, 10, 1000);

    // ------------------------------------------------------------ the rule alone

    [Fact]
    public void Nifty_example_on_the_rule()
    {
        Assert.Equal(0, Nifty.LotsToAdd(250m, 75, 75));                 // "Profit 250, nothing to be done"
        Assert.Equal(375m, Nifty.Threshold(75));                        // 75*5 = 375
        Assert.Equal(5, Nifty.LotsToAdd(375m, 75, 75));                 // "375 or more": add 5 lots
        Assert.Equal(450, 75 + 5 * 75);                                 // "total lots 6, quantity 450"
        Assert.Equal(2250m, Nifty.Threshold(450));                      // "next ... 450*5 = 2250"
        Assert.Equal(0, Nifty.LotsToAdd(2249.95m, 450, 75));
        Assert.Equal(5, Nifty.LotsToAdd(2250m, 450, 75));
    }

    [Fact]
    public void Nifty_example_keeps_adding_until_1500_and_never_beyond()
    {
        var quantities = Ladder(Nifty, 75);
        Assert.Equal([75, 450, 825, 1200, 1500], quantities);
    }

    [Fact]
    public void BankNifty_example_on_the_rule()
    {
        Assert.Equal(0, BankNifty.LotsToAdd(250m, 35, 35));
        // The spec writes "35*20=750"; 35*20 is 700. Either way a profit of 750 adds 10 lots.
        Assert.Equal(700m, BankNifty.Threshold(35));
        Assert.Equal(10, BankNifty.LotsToAdd(750m, 35, 35));
        Assert.Equal(385, 35 * 11);
        Assert.Equal(7700m, BankNifty.Threshold(385));
        Assert.Equal(0, BankNifty.LotsToAdd(7699.95m, 385, 35));
        Assert.Equal(10, BankNifty.LotsToAdd(7700m, 385, 35));
    }

    [Fact]
    public void BankNifty_cap_adds_only_the_whole_lots_that_fit()
    {
        // 35 -> 385 -> 735 -> +7 lots (265 of room holds 7 lots of 35) = 980 -> no room for a lot.
        Assert.Equal([35, 385, 735, 980], Ladder(BankNifty, 35));
        Assert.Equal(7, BankNifty.LotsToAdd(1_000_000m, 735, 35));
        Assert.Equal(0, BankNifty.LotsToAdd(1_000_000m, 980, 35));
    }

    [Fact]
    public void Sensex_example_on_the_rule()
    {
        Assert.Equal(0, Sensex.LotsToAdd(250m, 20, 20));
        Assert.Equal(400m, Sensex.Threshold(20));
        Assert.Equal(10, Sensex.LotsToAdd(400m, 20, 20));
        Assert.Equal(4400m, Sensex.Threshold(220));
        Assert.Equal([20, 220, 420, 620, 820, 1000], Ladder(Sensex, 20));
        Assert.Equal(0, Sensex.LotsToAdd(1_000_000m, 1000, 20));
    }

    [Fact]
    public void Off_rule_never_adds()
    {
        Assert.True(new PyramidRule(0m, 5, 1500).IsOff);
        Assert.Equal(0, new PyramidRule(0m, 5, 1500).LotsToAdd(1_000_000m, 75, 75));
        Assert.Equal(0, new PyramidRule(5m, 0, 1500).LotsToAdd(1_000_000m, 75, 75));
    }

    /// <summary>Quantities reached when profit is always enough: each step adds what the rule says.</summary>
    private static List<int> Ladder(PyramidRule rule, int lot)
    {
        var q = lot;
        var seen = new List<int> { q };
        for (var i = 0; i < 100; i++)
        {
            var lots = rule.LotsToAdd(rule.Threshold(q), q, lot);
            if (lots == 0) break;
            q += lots * lot;
            seen.Add(q);
            Assert.True(q <= rule.MaxQuantity);
            Assert.Equal(0, q % lot);
        }
        return seen;
    }

    // ------------------------------------------------------------ through the agent

    /// <summary>CE bought at spot 20000 (premium 100, strike 20000) on the 09:15 candle, then
    /// candles that close at the given spots; returns the quantity held after each.</summary>
    private static (AgentHarness h, List<int> qty) RunCe(Segment segment, int lot, PyramidRule rule, decimal strike, params decimal[] closes)
    {
        var h = new AgentHarness(Params(segment, pyramid: rule), lotSize: lot, strike: strike);
        var entry = Move(Day1, 0, strike - 10, strike);
        h.Bar(entry, BuyCe(entry));
        Assert.NotNull(h.Agent.Position);
        var qty = new List<int>();
        var prev = strike;
        for (var i = 0; i < closes.Length; i++)
        {
            var c = Move(Day1, i + 1, prev, closes[i]);
            h.Bar(c, Hold(c, +1));
            qty.Add(h.Agent.Position!.Quantity);
            prev = closes[i];
        }
        return (h, qty);
    }

    [Fact]
    public void Nifty_example_through_the_agent()
    {
        // Premium = spot - 19900, so open profit = quantity bought at 100 times the points gained.
        // +4 pts: 75*4 = 300 < 375, nothing. +5: 375, add 5 lots at 105 -> 450.
        // Cost then 75*100 + 375*105 = 46875; 2250 needs 450p >= 49125, p >= 109.1667:
        // at 20009 (p 109) profit 2175, nothing; at 20009.2 (p 109.2) profit 2265, add -> 825.
        var (h, qty) = RunCe(Segment.NIFTY, 75, Nifty, 20000m, 20004m, 20005m, 20009m, 20009.2m);
        Assert.Equal([75, 450, 450, 825], qty);

        var adds = h.OfType(AgentEventType.PyramidAdded).ToList();
        Assert.Equal(2, adds.Count);
        Assert.Contains("next add at 2250.00", adds[0].Message);
        Assert.Equal(375, adds[0].Quantity);
        Assert.Equal(105m, adds[0].Price);
    }

    [Fact]
    public void Nifty_through_the_agent_stops_at_1500_and_the_exit_sells_all_of_it()
    {
        // A steady climb of 10 points a candle: plenty to reach every threshold.
        var closes = Enumerable.Range(1, 40).Select(i => 20000m + 10m * i).ToArray();
        var (h, qty) = RunCe(Segment.NIFTY, 75, Nifty, 20000m, closes);
        Assert.Equal(1500, qty[^1]);
        Assert.All(qty, q => Assert.True(q <= 1500 && q % 75 == 0));
        // The first +10 candle already makes 750 >= 375: 450 from the first close on.
        Assert.Equal([450, 825, 1200, 1500], qty.Distinct().ToArray());

        // Every add is followed at once by the stop quantity event with the new total.
        var ev = h.Events;
        var addIdx = ev.Select((e, i) => (e, i)).Where(x => x.e.Type == AgentEventType.PyramidAdded).Select(x => x.i).ToList();
        Assert.Equal(4, addIdx.Count);
        var expected = new[] { 450, 825, 1200, 1500 };
        for (var k = 0; k < addIdx.Count; k++)
        {
            var next = ev[addIdx[k] + 1];
            Assert.Equal(AgentEventType.StopQuantityUpdated, next.Type);
            Assert.Equal(expected[k], next.Quantity);
        }
        Assert.Equal(4, h.OfType(AgentEventType.StopQuantityUpdated).Count());

        // A fall through the trail exits the whole 1500 in one sell.
        var last = closes[^1];
        var drop = Move(Day1, closes.Length + 1, last, last - 200m);
        h.Bar(drop, Hold(drop, +1));
        Assert.Null(h.Agent.Position);
        var trade = Assert.Single(h.Trades);
        Assert.Equal(1500, trade.MaxQuantity);
        Assert.Equal(20, trade.Lots);
        Assert.Equal(4, trade.PyramidAdds);
        Assert.Equal(1500, Assert.Single(trade.Sells).Quantity);
        var sell = Assert.Single(h.Execution.Orders, o => o.Side == "SELL");
        Assert.Equal(1500, sell.Quantity);
        Assert.Equal(1500, h.Execution.Orders.Where(o => o.Side == "BUY").Sum(o => o.Quantity));
        Assert.Equal(ExitReason.TrailingStop, trade.ExitReason);
        // Exit at the trail: highest spot 20400 - 50.
        Assert.Equal(20350m, trade.IndexExitSpot);
        Assert.Equal(trade.Sells[0].Price * 1500 - trade.Buys.Sum(b => b.Price * b.Quantity), trade.PnlValue);
    }

    [Fact]
    public void BankNifty_example_through_the_agent()
    {
        // 35 bought at 100 (strike 45000). +7: 245 < 700 ("250, nothing"); +22: 770 >= 750 -> 385.
        var (h, qty) = RunCe(Segment.BANKNIFTY, 35, BankNifty, 45000m, 45007m, 45022m);
        Assert.Equal([35, 385], qty);
        var add = Assert.Single(h.OfType(AgentEventType.PyramidAdded));
        Assert.Equal(350, add.Quantity);
        Assert.Contains("now 11 lots (385)", add.Message);
        Assert.Contains("next add at 7700.00", add.Message);
        Assert.Equal(385, h.OfType(AgentEventType.StopQuantityUpdated).Single().Quantity);
    }

    [Fact]
    public void BankNifty_through_the_agent_caps_at_980()
    {
        var closes = Enumerable.Range(1, 60).Select(i => 45000m + 10m * i).ToArray();
        var (h, qty) = RunCe(Segment.BANKNIFTY, 35, BankNifty, 45000m, closes);
        Assert.Equal([385, 735, 980], qty.Distinct().Skip(1).ToArray());
        Assert.Equal(980, qty[^1]);
        Assert.Equal([350, 350, 245], h.OfType(AgentEventType.PyramidAdded).Select(e => e.Quantity!.Value).ToArray());
    }

    [Fact]
    public void Sensex_example_through_the_agent()
    {
        // 20 bought at 100 (strike 75000). +12.5: exactly 250, nothing; +20: exactly 400 -> 220.
        var (h, qty) = RunCe(Segment.SENSEX, 20, Sensex, 75000m, 75012.5m, 75020m);
        Assert.Equal([20, 220], qty);
        var add = Assert.Single(h.OfType(AgentEventType.PyramidAdded));
        Assert.Contains("now 11 lots (220)", add.Message);
        Assert.Contains("next add at 4400.00", add.Message);
    }

    [Fact]
    public void Pyramiding_never_happens_on_the_candle_a_trade_exits()
    {
        // The candle's close would be worth an add, but its low hits the stop first.
        var h = new AgentHarness(Params(pyramid: Nifty));
        var entry = Move(Day1, 0, 19990, 20000);
        h.Bar(entry, BuyCe(entry));
        var c = Slot(Day1, 1, 20000, 20100, 19940, 20090);
        h.Bar(c, Hold(c, +1));
        var trade = Assert.Single(h.Trades);
        Assert.Equal(0, trade.PyramidAdds);
        Assert.Equal(75, trade.MaxQuantity);
        Assert.Equal(ExitReason.StopLoss, trade.ExitReason);
        Assert.Empty(h.OfType(AgentEventType.PyramidAdded));
    }

    [Fact]
    public void Pe_pyramids_on_falling_spot()
    {
        // PE premium = 20000 - spot + 100: 100 at entry, +5 points down -> 375 -> add.
        var h = new AgentHarness(Params(pyramid: Nifty));
        var entry = Move(Day1, 0, 20010, 20000);
        h.Bar(entry, BuyPe(entry));
        var c1 = Move(Day1, 1, 20000, 19996);
        h.Bar(c1, Hold(c1, -1));
        Assert.Equal(75, h.Agent.Position!.Quantity);
        var c2 = Move(Day1, 2, 19996, 19995);
        h.Bar(c2, Hold(c2, -1));
        Assert.Equal(450, h.Agent.Position!.Quantity);
    }
}
