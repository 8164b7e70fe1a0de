using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;
using static LiveTrader.Core.Tests.Trading.AgentHarness;

namespace LiveTrader.Core.Tests.Trading;

/// <summary>DECISIONS.md "Safety": the global daily loss limit counts realised net plus open positions
/// marked to market, and once reached it blocks new entries for the rest of the day (it latches).</summary>
public class AccountLimitTests
{
    [Fact]
    public void An_open_loss_of_another_segment_counts_and_the_limit_stays_reached_when_the_market_comes_back()
    {
        var book = new SessionRiskBook(3000m, null);
        var nifty = new AgentHarness(risk: book);
        var bank = new AgentHarness(Params(segment: Segment.BANKNIFTY, sl: 500, trail: 500), risk: book);

        var e = Move(Day1, 0, 19990, 20000);
        nifty.Bar(e, BuyCe(e));
        // NIFTY 45 points down on 75: an open loss of 3375, nothing realised.
        var down = Move(Day1, 1, 20000, 19955);
        nifty.Bar(down, Hold(down));
        Assert.Equal(0m, book.NetFor(Day1));
        bank.Bar(down, BuyCe(down));
        Assert.Null(bank.Agent.Position);
        var refusal = Assert.Single(bank.OfType(AgentEventType.EntrySkipped)).Message;
        Assert.Contains("global daily loss limit reached (net -3375.00 with -3375.00 open <= -3000.00)", refusal, StringComparison.Ordinal);
        Assert.Equal(AgentStatus.Blocked, bank.Agent.Status);

        // NIFTY recovers into profit; the limit stays reached for the day, and a new day trades again.
        var up = Move(Day1, 2, 19955, 20040);
        nifty.Bar(up, Hold(up));
        var again = Move(Day1, 3, 20040, 20050);
        bank.Bar(again, BuyCe(again));
        Assert.Null(bank.Agent.Position);
        var tomorrow = Move(Day2, 0, 20040, 20050);
        bank.Bar(tomorrow, BuyCe(tomorrow));
        Assert.NotNull(bank.Agent.Position);
    }

    [Fact]
    public void Without_account_limits_no_position_is_marked_for_them()
    {
        var book = new SessionRiskBook(null, null);
        Assert.False(book.WantsOpenProfit);
        var h = new AgentHarness(risk: book);
        var e = Move(Day1, 0, 19990, 20000);
        h.Bar(e, BuyCe(e));
        var down = Move(Day1, 1, 20000, 19955);
        h.Bar(down, Hold(down));
        Assert.Null(book.EntryRefusal(Segment.NIFTY, Day1));
    }
}
