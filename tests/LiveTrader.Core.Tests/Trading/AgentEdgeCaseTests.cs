using LiveTrader.Core.Trading;
using static LiveTrader.Core.Tests.Trading.AgentHarness;

namespace LiveTrader.Core.Tests.Trading;

/// <summary>Cases where the agent's ordering inside a candle or at the end of the window matters.</summary>
public class AgentEdgeCaseTests
{
    [Fact]
    public void A_candle_that_opens_beyond_the_target_exits_at_the_open_even_if_it_later_reaches_the_stop()
    {
        // CE at 20000, target 20030, stop 19950. The candle opens at 20040 (past the target) and
        // later trades down to 19900. The open came first: a tick feed would have taken the target
        // at 20040, so the candle rule must too (not "SL hit" at 19950).
        var h = new AgentHarness(Params(target: 30m));
        var e = Move(Day1, 0, 19990, 20000);
        h.Bar(e, BuyCe(e));
        var c = Slot(Day1, 1, 20040, 20045, 19900, 19920);
        h.Bar(c, Hold(c));
        var t = Assert.Single(h.Trades);
        Assert.Equal(ExitReason.Target, t.ExitReason);
        Assert.Equal(20040m, t.IndexExitSpot);
    }

    [Fact]
    public void Opposite_cross_on_the_stop_candle_disarms_before_any_reentry()
    {
        var h = new AgentHarness();
        var e = Move(Day1, 0, 19990, 20000);
        h.Bar(e, BuyCe(e));
        var c = Slot(Day1, 1, 20000, 20020, 19940, 20010); // green, CE stop hit at a loss, cross down
        h.Bar(c, CrossOnly(c, LiveTrader.Core.Signals.Cross.Down));
        Assert.Single(h.Trades);
        Assert.Null(h.Agent.Position);
        Assert.Null(h.Agent.ReentryArmedFor);
    }

    [Fact]
    public void Fine_stop_candles_stop_at_the_fine_close_time()
    {
        var h = new AgentHarness();
        var e = Move(Day1, 0, 19990, 20000);
        h.Bar(e, BuyCe(e));
        var start = At(Day1, 9, 20);
        var fine = new List<LiveTrader.Core.Market.Candle>
        {
            new(start, 20000, 20100, 19990, 20090, 0),                 // trail to 20050
            new(start.AddMinutes(1), 20090, 20095, 20040, 20045, 0),   // hit at 20050, exit 09:22
            new(start.AddMinutes(2), 20045, 20050, 20030, 20040, 0),
        };
        var five = Slot(Day1, 1, 20000, 20100, 19990, 20040);
        h.Agent.OnBar(five, Hold(five), fine);
        var t = Assert.Single(h.Trades);
        Assert.Equal(ExitReason.TrailingStop, t.ExitReason);
        Assert.Equal(20050m, t.IndexExitSpot);
        Assert.Equal(At(Day1, 9, 22), t.ExitTime);
    }
}
