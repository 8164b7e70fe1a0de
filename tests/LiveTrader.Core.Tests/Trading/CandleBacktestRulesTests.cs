using LiveTrader.Core.Instruments;
using LiveTrader.Core.Signals;
using LiveTrader.Core.Trading;
using static LiveTrader.Core.Tests.Trading.AgentHarness;

namespace LiveTrader.Core.Tests.Trading;

/// <summary>DECISIONS.md "Candle backtest, step by step" and "Re-entry after a stop-loss", one
/// test per rule, driven through <see cref="SegmentAgent.OnBar"/> with hand-built candles and
/// readings. Defaults: NIFTY lot 75, SL 50, trail 50, window 09:20-15:15, square-off 15:15;
/// the option costs spot - 19900 (CE) or 20100 - spot (PE), so one index point is one rupee a unit.</summary>
public class CandleBacktestRulesTests
{
    /// <summary>A green candle closing at <paramref name="spot"/> with a BUY_CE on it.</summary>
    private static void EnterCe(AgentHarness h, DateOnly day, int slot, decimal spot = 20000m)
    {
        var c = Move(day, slot, spot - 10, spot);
        h.Bar(c, BuyCe(c));
        Assert.NotNull(h.Agent.Position);
        Assert.Equal(OptionType.CE, h.Agent.Position!.Contract.Type);
    }

    private static void EnterPe(AgentHarness h, DateOnly day, int slot, decimal spot = 20000m)
    {
        var c = Move(day, slot, spot + 10, spot);
        h.Bar(c, BuyPe(c));
        Assert.NotNull(h.Agent.Position);
        Assert.Equal(OptionType.PE, h.Agent.Position!.Contract.Type);
    }

    // ------------------------------------------------------------ step 1

    [Fact]
    public void New_day_resets_trade_count_and_reentry()
    {
        var h = new AgentHarness(Params(maxTrades: 1));
        EnterCe(h, Day1, 0);
        var stop = Slot(Day1, 1, 20000, 20000, 19940, 19945); // red, stop hit at a loss
        h.Bar(stop, Hold(stop, +1));
        Assert.Equal(OptionType.CE, h.Agent.ReentryArmedFor);
        Assert.Equal(1, h.Agent.TradesToday);
        Assert.Equal(AgentStatus.Blocked, h.Agent.Status);

        var next = Move(Day2, 0, 19940, 19960); // green, trend up: would re-enter yesterday
        h.Bar(next, Hold(next, +1));
        Assert.Null(h.Agent.ReentryArmedFor);
        Assert.Null(h.Agent.Position);
        Assert.Equal(0, h.Agent.TradesToday);
        Assert.Contains(h.Events, e => e.Type == AgentEventType.DayStarted && e.Message.Contains("2025-01-07"));

        var signal = Move(Day2, 1, 19960, 19970);
        h.Bar(signal, BuyCe(signal)); // yesterday's limit does not carry over
        Assert.NotNull(h.Agent.Position);
        Assert.Equal(1, h.Agent.TradesToday);
        Assert.Equal("NIFTY-20250107-01", h.Agent.Position!.TradeId);
    }

    // ------------------------------------------------------------ step 2

    [Fact]
    public void Square_off_at_a_candle_starting_at_15_15_exits_at_its_open()
    {
        var h = new AgentHarness();
        var entry = C(Day1, 14, 0, 19990, 20000, 19990, 20000);
        h.Bar(entry, BuyCe(entry));
        var before = C(Day1, 15, 10, 20000, 20010, 19995, 20005);
        h.Bar(before);
        Assert.NotNull(h.Agent.Position); // a candle that closes at 15:15 does not square off
        var at = C(Day1, 15, 15, 20007, 20020, 19900, 19910); // would hit the stop, but square-off comes first
        h.Bar(at);
        var t = Assert.Single(h.Trades);
        Assert.Equal(ExitReason.SquareOff, t.ExitReason);
        Assert.Equal(20007m, t.IndexExitSpot);
        Assert.Equal(At(Day1, 15, 15), t.ExitTime);
        Assert.Equal(107m, t.ExitPrice);
    }

    [Fact]
    public void Stop_is_checked_as_it_stood_when_the_candle_opened()
    {
        var h = new AgentHarness();
        EnterCe(h, Day1, 0);
        // High 20100 would put the trail at 20050, above this candle's low; the stop that counts is
        // the one at the open (19950), so no exit, and the trail moves afterwards.
        var c = Slot(Day1, 1, 20000, 20100, 19960, 20090);
        h.Bar(c, Hold(c, +1));
        Assert.NotNull(h.Agent.Position);
        Assert.Equal(20050m, h.Agent.Position!.Stops.Effective);
        Assert.Empty(h.Trades);
    }

    [Fact]
    public void Stop_hit_exits_at_the_stop_with_exit_time_the_candle_close()
    {
        var h = new AgentHarness();
        EnterCe(h, Day1, 0);
        var c = Slot(Day1, 1, 20000, 20010, 19900, 19990);
        h.Bar(c, Hold(c));
        var t = Assert.Single(h.Trades);
        Assert.Equal(ExitReason.StopLoss, t.ExitReason);
        Assert.Equal(19950m, t.IndexExitSpot);
        Assert.Equal(19950m, t.InitialSlPrice);
        Assert.Equal(At(Day1, 9, 25), t.ExitTime);
        Assert.Equal(At(Day1, 9, 20), t.EntryTime);
        Assert.Equal(50m, t.ExitPrice);
        Assert.Equal(-50m, t.PnlPoints);
        Assert.Equal(-3750m, t.PnlValue);
    }

    [Fact]
    public void Pe_stop_is_checked_against_the_high()
    {
        var h = new AgentHarness();
        EnterPe(h, Day1, 0);
        var c = Slot(Day1, 1, 20000, 20060, 19990, 20010);
        h.Bar(c, Hold(c));
        var t = Assert.Single(h.Trades);
        Assert.Equal(ExitReason.StopLoss, t.ExitReason);
        Assert.Equal(20050m, t.IndexExitSpot);
        Assert.Equal(50m, t.ExitPrice); // 20100 - 20050
    }

    [Fact]
    public void A_gap_through_the_stop_exits_at_the_open()
    {
        var h = new AgentHarness();
        EnterCe(h, Day1, 0);
        var c = Slot(Day1, 1, 19930, 19960, 19900, 19955);
        h.Bar(c, Hold(c));
        var t = Assert.Single(h.Trades);
        Assert.Equal(19930m, t.IndexExitSpot);
        Assert.Equal(At(Day1, 9, 25), t.ExitTime);
        Assert.Equal(ExitReason.StopLoss, t.ExitReason);
    }

    [Fact]
    public void Trail_moves_with_the_favourable_extreme_and_never_loosens()
    {
        var h = new AgentHarness();
        EnterCe(h, Day1, 0);
        var up = Slot(Day1, 1, 20000, 20100, 19990, 20090);
        h.Bar(up, Hold(up, +1));
        Assert.Equal(20050m, h.Agent.Position!.Stops.Trail);
        var lower = Slot(Day1, 2, 20090, 20095, 20060, 20070); // lower high: the trail stays
        h.Bar(lower, Hold(lower, +1));
        Assert.Equal(20050m, h.Agent.Position!.Stops.Trail);
        Assert.Equal(20100m, h.Agent.Position!.Stops.BestSpot);
        Assert.Single(h.OfType(AgentEventType.StopMoved));

        var hit = Slot(Day1, 3, 20070, 20120, 20040, 20110); // the high would lift the trail, but the stop hit first
        h.Bar(hit, Hold(hit, +1));
        var t = Assert.Single(h.Trades);
        Assert.Equal(ExitReason.TrailingStop, t.ExitReason);
        Assert.Equal(20050m, t.IndexExitSpot);
        Assert.Equal(100m, t.MaxFavorableExcursion);
    }

    [Fact]
    public void Pe_trail_follows_the_low()
    {
        var h = new AgentHarness();
        EnterPe(h, Day1, 0);
        var down = Slot(Day1, 1, 20000, 20010, 19920, 19930);
        h.Bar(down, Hold(down, -1));
        Assert.Equal(19970m, h.Agent.Position!.Stops.Effective);
        var up = Slot(Day1, 2, 19930, 19975, 19925, 19970);
        h.Bar(up, Hold(up, -1));
        var t = Assert.Single(h.Trades);
        Assert.Equal(ExitReason.TrailingStop, t.ExitReason);
        Assert.Equal(19970m, t.IndexExitSpot);
        Assert.Equal(30m, t.PnlPoints);
    }

    [Fact]
    public void Reason_is_Trailing_SL_once_the_trail_passed_the_initial_stop_even_at_a_loss()
    {
        // The trail moved (20010 - 50 = 19960) past the initial stop 19950: Trailing SL, even at a loss.
        var h = new AgentHarness();
        EnterCe(h, Day1, 0);
        var up = Slot(Day1, 1, 20000, 20010, 19995, 20005);
        h.Bar(up, Hold(up));
        var hit = Slot(Day1, 2, 20005, 20005, 19955, 19958);
        h.Bar(hit, Hold(hit));
        var t = Assert.Single(h.Trades);
        Assert.Equal(ExitReason.TrailingStop, t.ExitReason);
        Assert.Equal(19960m, t.IndexExitSpot);
    }

    // ------------------------------------------------------------ step 3

    [Fact]
    public void Exit_and_entry_on_the_same_candle()
    {
        var h = new AgentHarness();
        EnterPe(h, Day1, 0);
        var c = Slot(Day1, 1, 20000, 20070, 19995, 20060); // green, hits the PE stop 20050, crosses up
        h.Bar(c, BuyCe(c));
        var t = Assert.Single(h.Trades);
        Assert.Equal(OptionType.PE, t.OptionType);
        Assert.Equal(20050m, t.IndexExitSpot);
        var p = h.Agent.Position!;
        Assert.Equal(OptionType.CE, p.Contract.Type);
        Assert.Equal(At(Day1, 9, 25), p.EntryTime);
        Assert.Equal(20060m, p.Stops.EntrySpot);
        Assert.Equal(2, h.Agent.TradesToday);
    }

    [Fact]
    public void Entry_is_at_the_candle_close()
    {
        var h = new AgentHarness();
        var c = C(Day1, 10, 0, 20000, 20040, 19990, 20030);
        h.Bar(c, BuyCe(c));
        var p = h.Agent.Position!;
        Assert.Equal(At(Day1, 10, 5), p.EntryTime);
        Assert.Equal(20030m, p.Stops.EntrySpot);
        Assert.Equal(19980m, p.Stops.InitialStop);
        Assert.Equal(130m, p.AverageEntryPrice);
        var buy = Assert.Single(h.Execution.Orders);
        Assert.Equal((At(Day1, 10, 5), 20030m, 75), (buy.Time, buy.Spot, buy.Quantity));
    }

    [Theory]
    [InlineData(9, 10, false)]  // closes 09:15 < 09:20
    [InlineData(9, 15, true)]   // closes 09:20: the first allowed
    [InlineData(15, 5, true)]   // closes 15:10
    [InlineData(15, 10, false)] // closes 15:15: not < 15:15
    [InlineData(15, 20, false)]
    public void Entry_only_when_the_close_is_inside_the_window(int hour, int minute, bool enters)
    {
        var h = new AgentHarness();
        var c = C(Day1, hour, minute, 19990, 20000, 19990, 20000);
        h.Bar(c, BuyCe(c));
        Assert.Equal(enters, h.Agent.Position is not null);
        if (!enters)
            Assert.Contains(h.OfType(AgentEventType.EntrySkipped), e => e.Message.Contains("outside the trading window"));
    }

    [Fact]
    public void Max_trades_per_day_blocks_further_entries()
    {
        var h = new AgentHarness(Params(maxTrades: 2));
        for (var k = 0; k < 3; k++)
        {
            var s = 4 * k;
            var e = Move(Day1, s, 19990, 20000);
            h.Bar(e, BuyCe(e));
            var x = Slot(Day1, s + 1, 20000, 20000, 19900, 19910); // red: stop, no re-entry
            h.Bar(x, Hold(x, -1));
        }
        Assert.Equal(2, h.Trades.Count);
        Assert.Equal(2, h.Agent.TradesToday);
        Assert.Single(h.OfType(AgentEventType.Blocked));
        Assert.Contains(h.OfType(AgentEventType.EntrySkipped), e => e.Message.Contains("max trades per day reached (2)"));
    }

    // ------------------------------------------------------------ step 4

    [Fact]
    public void Short_session_closes_at_its_last_close_when_the_next_day_starts()
    {
        var h = new AgentHarness();
        EnterCe(h, Day1, 0);
        var last = C(Day1, 12, 55, 20000, 20020, 19990, 20015); // the day's data ends at 13:00
        h.Bar(last);
        Assert.NotNull(h.Agent.Position);
        var next = Move(Day2, 0, 19800, 19700); // a gap that would have hit the stop
        h.Bar(next);
        var t = Assert.Single(h.Trades);
        Assert.Equal(ExitReason.SquareOff, t.ExitReason);
        Assert.Equal(20015m, t.IndexExitSpot);
        Assert.Equal(At(Day1, 13, 0), t.ExitTime);
        Assert.Null(h.Agent.Position);
    }

    [Fact]
    public void Short_session_closes_at_its_last_close_on_Finish()
    {
        var h = new AgentHarness();
        EnterCe(h, Day1, 0);
        var last = C(Day1, 12, 55, 20000, 20020, 19990, 20015);
        h.Bar(last);
        h.Agent.Finish();
        var t = Assert.Single(h.Trades);
        Assert.Equal(ExitReason.SquareOff, t.ExitReason);
        Assert.Equal(20015m, t.IndexExitSpot);
        Assert.Equal(At(Day1, 13, 0), t.ExitTime);
        h.Agent.Finish(); // idempotent
        Assert.Single(h.Trades);
    }

    [Fact]
    public void A_signal_against_an_open_position_is_skipped_and_logged()
    {
        var h = new AgentHarness();
        EnterCe(h, Day1, 0);
        var c = Move(Day1, 1, 20000, 19990); // red, PE signal, stop not hit
        h.Bar(c, BuyPe(c));
        Assert.Equal(OptionType.CE, h.Agent.Position!.Contract.Type);
        Assert.Single(h.Execution.Orders);
        Assert.Contains(h.OfType(AgentEventType.EntrySkipped), e => e.Message.Contains("BUY_PE ignored: a CE position is open"));
    }

    // ------------------------------------------------------------ re-entry

    [Fact]
    public void Reentry_on_the_candle_the_stop_was_hit()
    {
        var h = new AgentHarness();
        EnterCe(h, Day1, 0);
        var c = Slot(Day1, 1, 20000, 20020, 19940, 20010); // green, stop 19950 hit, trend up
        h.Bar(c, Hold(c, +1));
        Assert.Single(h.Trades);
        Assert.Single(h.OfType(AgentEventType.ReentryArmed));
        var p = h.Agent.Position!;
        Assert.True(p.IsReentry);
        Assert.Equal(20010m, p.Stops.EntrySpot);
        Assert.Equal("BUY_CE", p.SignalType);
        Assert.Equal(2, h.Agent.TradesToday);
    }

    [Fact]
    public void Reentry_waits_for_colour_and_trend()
    {
        var h = new AgentHarness();
        EnterPe(h, Day1, 0);
        var stop = Slot(Day1, 1, 20000, 20060, 19990, 20055); // green: PE stop hit at a loss
        h.Bar(stop, Hold(stop, -1));
        Assert.Equal(OptionType.PE, h.Agent.ReentryArmedFor);
        Assert.Null(h.Agent.Position);

        var redNoTrend = Move(Day1, 2, 20055, 20045);
        h.Bar(redNoTrend, Hold(redNoTrend, +1)); // PS above VS: no bearish trend
        Assert.Null(h.Agent.Position);
        var redFlat = Move(Day1, 3, 20045, 20040);
        h.Bar(redFlat, Hold(redFlat, 0)); // PS == VS: no trend either
        Assert.Null(h.Agent.Position);
        var greenTrend = Move(Day1, 4, 20040, 20050);
        h.Bar(greenTrend, Hold(greenTrend, -1)); // wrong colour
        Assert.Null(h.Agent.Position);
        var doji = Slot(Day1, 5, 20050, 20055, 20045, 20050);
        h.Bar(doji, Hold(doji, -1)); // neither colour
        Assert.Null(h.Agent.Position);
        Assert.Equal(OptionType.PE, h.Agent.ReentryArmedFor);

        var redTrend = Move(Day1, 6, 20050, 20030);
        h.Bar(redTrend, Hold(redTrend, -1));
        var p = h.Agent.Position!;
        Assert.True(p.IsReentry);
        Assert.Equal(OptionType.PE, p.Contract.Type);
        Assert.Equal(20030m, p.Stops.EntrySpot);
        Assert.Equal("BUY_PE", p.SignalType);
    }

    [Fact]
    public void Reentry_repeats_after_each_losing_stop_and_each_counts_against_the_limit()
    {
        var h = new AgentHarness(Params(maxTrades: 3));
        EnterCe(h, Day1, 0);
        decimal spot = 20000m;
        for (var k = 1; k <= 3; k++)
        {
            // Each candle stops the open trade and closes green with the trend up.
            var c = Slot(Day1, k, spot, spot + 5, spot - 60, spot + 2);
            h.Bar(c, Hold(c, +1));
            spot += 2;
        }
        Assert.Equal(3, h.Trades.Count);          // three stop-outs
        Assert.Equal(3, h.Agent.TradesToday);     // 1 signal + 2 re-entries, the third refused
        Assert.Null(h.Agent.Position);
        Assert.Contains(h.OfType(AgentEventType.EntrySkipped), e => e.Message == "CE re-entry skipped: max trades per day reached (3)");
        Assert.All(h.Trades, t => Assert.Equal(ExitReason.StopLoss, t.ExitReason));
    }

    [Fact]
    public void Reentry_is_disarmed_by_a_winning_exit_in_that_direction()
    {
        var h = new AgentHarness();
        EnterCe(h, Day1, 0);
        var stop = Slot(Day1, 1, 20000, 20000, 19940, 19945); // red: armed, no re-entry
        h.Bar(stop, Hold(stop, +1));
        var again = Move(Day1, 2, 19945, 19960); // green, trend up: re-entry at 19960
        h.Bar(again, Hold(again, +1));
        Assert.True(h.Agent.Position!.IsReentry);
        var up = Slot(Day1, 3, 19960, 20100, 19955, 20090); // trail to 20050
        h.Bar(up, Hold(up, +1));
        var win = Slot(Day1, 4, 20090, 20090, 20040, 20045); // red, trail hit at a profit of 90 points
        h.Bar(win, Hold(win, +1));
        Assert.Equal(2, h.Trades.Count);
        Assert.Equal(90m, h.Trades[1].IndexExitSpot - h.Trades[1].IndexEntrySpot);
        Assert.Null(h.Agent.ReentryArmedFor);
        Assert.Single(h.OfType(AgentEventType.ReentryDisarmed));
        var green = Move(Day1, 5, 20045, 20060);
        h.Bar(green, Hold(green, +1));
        Assert.Null(h.Agent.Position);
    }

    [Fact]
    public void Reentry_is_disarmed_by_the_opposite_cross_whatever_the_colour()
    {
        var h = new AgentHarness();
        EnterCe(h, Day1, 0);
        var stop = Slot(Day1, 1, 20000, 20000, 19940, 19945);
        h.Bar(stop, Hold(stop, +1));
        Assert.Equal(OptionType.CE, h.Agent.ReentryArmedFor);
        var greenCrossDown = Move(Day1, 2, 19945, 19950); // green, so no BUY_PE, but a cross down
        h.Bar(greenCrossDown, CrossOnly(greenCrossDown, Cross.Down));
        Assert.Null(h.Agent.ReentryArmedFor);
        Assert.Null(h.Agent.Position);
        var green = Move(Day1, 3, 19950, 19970);
        h.Bar(green, Hold(green, +1));
        Assert.Null(h.Agent.Position);
    }

    [Fact]
    public void A_stop_exit_at_zero_points_does_not_arm_reentry()
    {
        var h = new AgentHarness(Params(sl: 50, trail: 50));
        EnterCe(h, Day1, 0);
        var up = Slot(Day1, 1, 20000, 20050, 19995, 20040); // trail to exactly the entry spot
        h.Bar(up, Hold(up, +1));
        var flat = Slot(Day1, 2, 20040, 20040, 19990, 19995); // exit at 20000: zero points
        h.Bar(flat, Hold(flat, +1));
        var t = Assert.Single(h.Trades);
        Assert.Equal(20000m, t.IndexExitSpot);
        Assert.Null(h.Agent.ReentryArmedFor);
        Assert.Empty(h.OfType(AgentEventType.ReentryArmed));
    }

    // ------------------------------------------------------------ target and limits

    [Fact]
    public void Profit_target_exits_with_reason_Target()
    {
        var h = new AgentHarness(Params(target: 30m));
        EnterCe(h, Day1, 0);
        Assert.Equal(20030m, h.Agent.Position!.TargetSpot);
        var c = Slot(Day1, 1, 20000, 20040, 19995, 20035);
        h.Bar(c, Hold(c, +1));
        var t = Assert.Single(h.Trades);
        Assert.Equal(ExitReason.Target, t.ExitReason);
        Assert.Equal(20030m, t.IndexExitSpot);
        Assert.Equal(At(Day1, 9, 25), t.ExitTime);
        Assert.Null(h.Agent.ReentryArmedFor);
    }

    [Fact]
    public void Profit_target_gap_exits_at_the_open_and_pe_target_is_below()
    {
        var h = new AgentHarness(Params(target: 30m));
        EnterPe(h, Day1, 0);
        Assert.Equal(19970m, h.Agent.Position!.TargetSpot);
        var c = Slot(Day1, 1, 19960, 19965, 19950, 19955);
        h.Bar(c, Hold(c, -1));
        var t = Assert.Single(h.Trades);
        Assert.Equal(ExitReason.Target, t.ExitReason);
        Assert.Equal(19960m, t.IndexExitSpot);
    }

    [Fact]
    public void Segment_daily_loss_limit_blocks_entries()
    {
        var h = new AgentHarness(Params(maxDailyLoss: 3000m), charges: 20m);
        EnterCe(h, Day1, 0);
        var stop = Slot(Day1, 1, 20000, 20020, 19940, 20010); // -3750 - 20; green with trend: would re-enter
        h.Bar(stop, Hold(stop, +1));
        Assert.Equal(-3770m, h.Agent.NetPnlToday);
        Assert.Null(h.Agent.Position);
        Assert.Equal(AgentStatus.Blocked, h.Agent.Status);
        var sig = Move(Day1, 2, 20010, 20020);
        h.Bar(sig, BuyCe(sig));
        Assert.Null(h.Agent.Position);
        Assert.Contains(h.OfType(AgentEventType.EntrySkipped), e => e.Message.Contains("segment daily loss limit"));
        var tomorrow = Move(Day2, 0, 20010, 20020);
        h.Bar(tomorrow, BuyCe(tomorrow));
        Assert.NotNull(h.Agent.Position);
    }

    [Fact]
    public void Global_loss_limit_blocks_entries()
    {
        var book = new SessionRiskBook(3000m, null);
        var h = new AgentHarness(risk: book);
        EnterCe(h, Day1, 0);
        var stop = Slot(Day1, 1, 20000, 20000, 19940, 19945);
        h.Bar(stop, Hold(stop));
        Assert.Equal(-3750m, book.NetFor(Day1));
        var sig = Move(Day1, 2, 19945, 19955);
        h.Bar(sig, BuyCe(sig));
        Assert.Null(h.Agent.Position);
        Assert.Contains(h.OfType(AgentEventType.EntrySkipped), e => e.Message.Contains("global daily loss limit"));
        var tomorrow = Move(Day2, 0, 19945, 19955);
        h.Bar(tomorrow, BuyCe(tomorrow));
        Assert.NotNull(h.Agent.Position);
    }

    [Fact]
    public void Global_profit_target_blocks_entries()
    {
        var book = new SessionRiskBook(null, 1000m);
        var h = new AgentHarness(risk: book);
        EnterCe(h, Day1, 0);
        var up = Slot(Day1, 1, 20000, 20100, 19995, 20090);
        h.Bar(up, Hold(up, +1));
        var exit = Slot(Day1, 2, 20090, 20090, 20040, 20045); // trail 20050: +50 pts = 3750
        h.Bar(exit, Hold(exit, +1));
        Assert.Equal(3750m, book.NetFor(Day1));
        var sig = Move(Day1, 3, 20045, 20055);
        h.Bar(sig, BuyCe(sig));
        Assert.Null(h.Agent.Position);
        Assert.Contains(h.OfType(AgentEventType.EntrySkipped), e => e.Message.Contains("global daily profit target"));
    }

    [Fact]
    public void Pause_blocks_entries_but_keeps_managing_stops()
    {
        var h = new AgentHarness();
        EnterCe(h, Day1, 0);
        h.Agent.Pause(At(Day1, 9, 21));
        Assert.Equal(AgentStatus.InPosition, h.Agent.Status);
        var up = Slot(Day1, 1, 20000, 20100, 19995, 20090);
        h.Bar(up, Hold(up, +1));
        Assert.Equal(20050m, h.Agent.Position!.Stops.Effective);
        var hit = Slot(Day1, 2, 20090, 20095, 20000, 20060); // green, trend up; trail hit
        h.Bar(hit, Hold(hit, +1));
        Assert.Single(h.Trades);
        Assert.Null(h.Agent.Position);
        Assert.Equal(AgentStatus.Paused, h.Agent.Status);
        var sig = Move(Day1, 3, 20060, 20070);
        h.Bar(sig, BuyCe(sig));
        Assert.Null(h.Agent.Position);
        Assert.Contains(h.OfType(AgentEventType.EntrySkipped), e => e.Message.Contains("agent paused"));
        h.Agent.Resume(At(Day1, 9, 36));
        var sig2 = Move(Day1, 4, 20070, 20080);
        h.Bar(sig2, BuyCe(sig2));
        Assert.NotNull(h.Agent.Position);
    }
}
