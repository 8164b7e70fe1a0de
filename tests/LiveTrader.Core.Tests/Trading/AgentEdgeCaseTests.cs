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
    public void No_pyramid_add_on_the_candle_that_closes_at_the_square_off_time()
    {
        // The 15:10 candle closes at 15:15 with profit past the threshold; adding lots at 15:15,
        // outside the 09:20-15:15 window and at the square-off time, only to sell them at the
        // 15:15 candle's open, is not what the window allows.
        var h = new AgentHarness(Params(pyramid: new PyramidRule(5m, 5, 1500)));
        var e = C(Day1, 15, 0, 19990, 20000, 19990, 20000);
        h.Bar(e, BuyCe(e));
        var last = C(Day1, 15, 10, 20000, 20020, 20000, 20020);
        h.Bar(last, Hold(last, +1));
        Assert.Equal(75, h.Agent.Position!.Quantity);
        var off = C(Day1, 15, 15, 20020, 20030, 20010, 20025);
        h.Bar(off);
        var t = Assert.Single(h.Trades);
        Assert.Equal(0, t.PyramidAdds);
        Assert.Equal(ExitReason.SquareOff, t.ExitReason);
    }

    [Fact]
    public void Pyramiding_still_happens_inside_the_window()
    {
        var h = new AgentHarness(Params(pyramid: new PyramidRule(5m, 5, 1500)));
        var e = C(Day1, 15, 0, 19990, 20000, 19990, 20000);
        h.Bar(e, BuyCe(e));
        var c = C(Day1, 15, 5, 20000, 20020, 20000, 20020); // closes 15:10
        h.Bar(c, Hold(c, +1));
        Assert.Equal(450, h.Agent.Position!.Quantity);
    }

    [Fact]
    public void No_pyramid_add_on_an_option_tick_at_or_after_the_square_off_time()
    {
        var h = new AgentHarness(Params(pyramid: new PyramidRule(5m, 5, 1500)));
        var e = C(Day1, 15, 0, 19990, 20000, 19990, 20000);
        h.Agent.OnIndexTick(At(Day1, 15, 4), 20000m);
        h.Agent.OnCandleClosed(e, BuyCe(e));
        h.Agent.OnIndexTick(At(Day1, 15, 14, 59), 20010m);
        h.Agent.OnOptionTick(At(Day1, 15, 15, 0)); // the option ticks before the index at 15:15
        Assert.Equal(75, h.Agent.Position!.Quantity);
        h.Agent.OnClock(At(Day1, 15, 15));
        Assert.Equal(0, Assert.Single(h.Trades).PyramidAdds);
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

    [Fact]
    public void A_dump_lot_size_that_differs_from_the_configuration_is_used_and_logged()
    {
        // DECISIONS.md: the dump's lot_size is authoritative; a mismatch is logged as an event.
        var h = new AgentHarness(Params() with { ConfiguredLotSize = 75 }, lotSize: 65);
        var e = Move(Day1, 0, 19990, 20000);
        h.Bar(e, BuyCe(e));

        var mismatch = Assert.Single(h.OfType(AgentEventType.LotSizeMismatch));
        Assert.Contains("lots of 65 per the instrument dump, not the configured 75", mismatch.Message);
        Assert.Equal(65, h.Agent.Position!.Quantity);
    }

    [Fact]
    public void A_matching_lot_size_logs_nothing()
    {
        var h = new AgentHarness(Params() with { ConfiguredLotSize = 75 }, lotSize: 75);
        var e = Move(Day1, 0, 19990, 20000);
        h.Bar(e, BuyCe(e));

        Assert.Empty(h.OfType(AgentEventType.LotSizeMismatch));
    }

    [Fact]
    public void Close_now_exits_the_whole_position_at_the_last_spot_with_the_given_reason()
    {
        // The trader's "Stop, close all open positions" (spec 6.1) and the kill switch.
        var h = new AgentHarness(Params(pyramid: new PyramidRule(5m, 5, 1500)));
        var e = Move(Day1, 0, 19990, 20000);
        h.Bar(e, BuyCe(e));
        var up = Move(Day1, 1, 20000, 20010);
        h.Bar(up);
        var quantity = h.Agent.Position!.Quantity;

        h.Agent.CloseNow(At(Day1, 9, 31), ExitReason.Manual);

        var trade = Assert.Single(h.Trades);
        Assert.Equal((ExitReason.Manual, 20010m, quantity), (trade.ExitReason, trade.IndexExitSpot, trade.MaxQuantity));
        Assert.Null(h.Agent.Position);
        Assert.Equal(AgentStatus.WaitingForSignal, h.Agent.Status);
    }

    [Fact]
    public void Close_now_without_a_position_does_nothing()
    {
        var h = new AgentHarness();
        h.Agent.CloseNow(At(Day1, 9, 31), ExitReason.Manual);
        Assert.Empty(h.Trades);
        Assert.DoesNotContain(h.Events, ev => ev.Type == AgentEventType.Exit);
    }

    [Fact]
    public void A_close_the_market_refused_is_retried_on_the_next_index_tick_though_no_stop_is_near()
    {
        var h = new AgentHarness();
        var e = Move(Day1, 0, 19990, 20000);
        h.Bar(e, BuyCe(e));
        h.Execution.RefuseSells = 1;

        h.Agent.CloseNow(At(Day1, 9, 31), ExitReason.Manual);
        Assert.Single(h.OfType(AgentEventType.ExitDelayed));
        Assert.NotNull(h.Agent.Position);

        h.Agent.OnIndexTick(At(Day1, 9, 31, 2), 20004m);
        var trade = Assert.Single(h.Trades);
        Assert.Equal((ExitReason.Manual, 20004m), (trade.ExitReason, trade.IndexExitSpot));
    }

    [Fact]
    public void A_refused_close_is_retried_on_an_option_tick_or_the_clock_before_any_pyramid_add()
    {
        var h = new AgentHarness(Params(pyramid: new PyramidRule(1m, 5, 1500)));
        var e = Move(Day1, 0, 19990, 20000);
        h.Bar(e, BuyCe(e));
        h.Agent.OnIndexTick(At(Day1, 9, 30, 30), 20030m);
        h.Execution.RefuseSells = 2;
        h.Agent.CloseNow(At(Day1, 9, 31), ExitReason.Manual);

        // Deep in profit, yet the trader asked to close: no lots are added on the way out.
        h.Agent.OnOptionTick(At(Day1, 9, 31, 1));
        Assert.Empty(h.OfType(AgentEventType.PyramidAdded));
        // Two refusals of the same close, logged once.
        Assert.Single(h.OfType(AgentEventType.ExitDelayed));
        h.Agent.OnClock(At(Day1, 9, 31, 2));
        Assert.Equal(ExitReason.Manual, Assert.Single(h.Trades).ExitReason);
        Assert.Equal(75, h.Trades[0].MaxQuantity);
    }

    [Fact]
    public void A_requested_close_survives_a_restart_and_is_finished_on_the_first_price()
    {
        var h = new AgentHarness();
        var e = Move(Day1, 0, 19990, 20000);
        h.Bar(e, BuyCe(e));
        h.Execution.RefuseSells = 1;
        h.Agent.CloseNow(At(Day1, 9, 31), ExitReason.Manual);

        var restarted = new AgentHarness();
        restarted.Agent.Restore(h.Agent.Snapshot());
        restarted.Agent.OnIndexTick(At(Day1, 9, 40), 20001m);
        Assert.Equal((ExitReason.Manual, 20001m), (Assert.Single(restarted.Trades).ExitReason, restarted.Trades[0].IndexExitSpot));
    }

    [Fact]
    public void A_live_candle_close_handled_after_the_next_candle_has_ended_is_not_entered_on()
    {
        // A stalled feed: the 09:20 candle's BUY_CE reaches the agent only after a 09:30:05 tick.
        var h = new AgentHarness();
        var late = Move(Day1, 1, 19990, 20000);
        h.Agent.OnIndexTick(At(Day1, 9, 30, 5), 20040m);
        h.Agent.OnCandleClosed(late, BuyCe(late));

        Assert.Null(h.Agent.Position);
        Assert.Contains(h.OfType(AgentEventType.EntrySkipped), ev => ev.Message.Contains("09:20 candle's close came at 09:30:05", StringComparison.Ordinal));
    }

    [Fact]
    public void A_live_candle_close_within_the_next_candle_is_entered_on_and_the_clock_counts_as_market_time()
    {
        var h = new AgentHarness();
        var onTime = Move(Day1, 1, 19990, 20000);
        h.Agent.OnIndexTick(At(Day1, 9, 29, 59), 20010m);
        h.Agent.OnCandleClosed(onTime, BuyCe(onTime));
        Assert.NotNull(h.Agent.Position);

        var clockOnly = new AgentHarness();
        clockOnly.Agent.OnClock(At(Day1, 9, 30, 0));
        clockOnly.Agent.OnCandleClosed(onTime, BuyCe(onTime));
        Assert.Null(clockOnly.Agent.Position);

        // The market time survives a restart, as the rest of the agent's state does.
        var restarted = new AgentHarness();
        restarted.Agent.Restore(clockOnly.Agent.Snapshot());
        restarted.Agent.OnCandleClosed(onTime, BuyCe(onTime));
        Assert.Null(restarted.Agent.Position);
    }
}
