using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;
using static LiveTrader.Core.Tests.Trading.AgentHarness;

namespace LiveTrader.Core.Tests.Trading;

/// <summary>Spec 9's account-level protection: daily loss protection, profit protection and a
/// trailing stop on the account's net (realised plus open). Each, once it fires, logs RISK_LIMIT,
/// stops entries for the day and closes every position with exit reason "Risk limit". On the
/// linear venue a CE at strike 20000 moves one rupee per index point, 75 to the lot.</summary>
public class AccountProtectionTests
{
    private static readonly Candle Entry = Move(Day1, 0, 19990, 20000);

    private static AgentHarness Nifty(SessionRiskBook book) => new(Params(sl: 500, trail: 500), risk: book);

    [Fact]
    public void Daily_loss_protection_closes_the_position_on_its_open_loss_and_stops_entries_for_the_day()
    {
        var book = new SessionRiskBook(new AccountRules(LossProtection: 2500m));
        var h = Nifty(book);
        h.Bar(Entry, BuyCe(Entry));
        var down = Move(Day1, 1, 20000, 19970);        // open -2250: still inside
        h.Bar(down);
        Assert.NotNull(h.Agent.Position);
        var further = Move(Day1, 2, 19970, 19960);     // open -3000: protection fires
        h.Bar(further);

        var trade = Assert.Single(h.Trades);
        Assert.Equal(ExitReason.RiskLimit, trade.ExitReason);
        Assert.Equal(-3000m, trade.NetPnl);
        Assert.Equal(further.Start.AddMinutes(5), trade.ExitTime);
        var fired = Assert.Single(h.OfType(AgentEventType.RiskLimit)).Message;
        Assert.Contains("daily loss protection (net -3000.00 with -3000.00 open <= -2500.00)", fired, StringComparison.Ordinal);
        Assert.Equal(AccountStatus.Closed, book.StatusFor(Day1).State);

        var again = Move(Day1, 3, 19960, 19990);
        h.Bar(again, BuyCe(again));
        Assert.Null(h.Agent.Position);
        Assert.Equal(AgentStatus.Blocked, h.Agent.Status);
        var tomorrow = Move(Day2, 0, 19990, 20000);
        h.Bar(tomorrow, BuyCe(tomorrow));
        Assert.NotNull(h.Agent.Position);
        Assert.Equal(AccountStatus.Active, book.StatusFor(Day2).State);
    }

    [Fact]
    public void Profit_protection_arms_at_its_level_and_closes_when_the_net_falls_back_to_the_locked_share()
    {
        var book = new SessionRiskBook(new AccountRules(ProfitLockAt: 3000m, ProfitLockPercent: 50m));
        var h = Nifty(book);
        h.Bar(Entry, BuyCe(Entry));
        h.Bar(Move(Day1, 1, 20000, 20030));             // +2250: not yet armed
        Assert.False(book.StatusFor(Day1).ProfitLockArmed);
        h.Bar(Move(Day1, 2, 20030, 20050));             // +3750: armed, 1500 locked
        var armed = book.StatusFor(Day1);
        Assert.True(armed.ProfitLockArmed);
        Assert.Equal(1500m, armed.LockedLevel);
        Assert.Equal(AccountStatus.Active, armed.State);
        h.Bar(Move(Day1, 3, 20050, 20025));             // +1875: above the lock, held
        Assert.NotNull(h.Agent.Position);
        h.Bar(Move(Day1, 4, 20025, 20020));             // +1500: back at the lock

        var trade = Assert.Single(h.Trades);
        Assert.Equal(ExitReason.RiskLimit, trade.ExitReason);
        Assert.Equal(1500m, trade.NetPnl);
        Assert.Contains("profit protection (net 1500.00 with 1500.00 open fell back to the locked 1500.00 after reaching 3000.00)",
            Assert.Single(h.OfType(AgentEventType.RiskLimit)).Message, StringComparison.Ordinal);
        var later = Move(Day1, 5, 20020, 20040);
        h.Bar(later, BuyCe(later));
        Assert.Null(h.Agent.Position);
    }

    [Fact]
    public void The_account_trailing_stop_closes_once_the_net_falls_its_distance_below_the_days_high()
    {
        var book = new SessionRiskBook(new AccountRules(TrailingStop: 2000m));
        var h = Nifty(book);
        h.Bar(Entry, BuyCe(Entry));
        h.Bar(Move(Day1, 1, 20000, 20060));             // +4500: the day's high
        h.Bar(Move(Day1, 2, 20060, 20040));             // +3000: 1500 below it, held
        Assert.NotNull(h.Agent.Position);
        Assert.Equal(2500m, book.StatusFor(Day1).TrailingStopAt);
        h.Bar(Move(Day1, 3, 20040, 20030));             // +2250: 2250 below it

        var trade = Assert.Single(h.Trades);
        Assert.Equal(ExitReason.RiskLimit, trade.ExitReason);
        Assert.Equal(2250m, trade.NetPnl);
        Assert.Contains("account trailing stop (net 2250.00 with 2250.00 open <= the day's high 4500.00 - 2000.00)",
            Assert.Single(h.OfType(AgentEventType.RiskLimit)).Message, StringComparison.Ordinal);
        Assert.Equal(4500m, book.StatusFor(Day1).Peak);
    }

    [Fact]
    public void Another_segments_loss_at_the_same_close_closes_this_segment_at_that_close_before_any_signal()
    {
        var book = new SessionRiskBook(new AccountRules(LossProtection: 2500m));
        var nifty = Nifty(book);
        var bank = new AgentHarness(Params(segment: Segment.BANKNIFTY, sl: 500, trail: 500), lotSize: 30, risk: book);
        nifty.Bar(Entry, BuyCe(Entry));
        bank.Bar(Entry, BuyCe(Entry));

        // As a backtest of one account steps a close: every segment's stops, then every signal.
        var bankUp = Move(Day1, 1, 20000, 20010);      // BANKNIFTY +300
        var niftyDown = Move(Day1, 1, 20000, 19955);   // NIFTY -3375: net -3075
        bank.Agent.ManageBar(bankUp);
        Assert.NotNull(bank.Agent.Position);
        nifty.Agent.ManageBar(niftyDown);
        Assert.Equal(ExitReason.RiskLimit, Assert.Single(nifty.Trades).ExitReason);
        bank.Agent.CloseBar(bankUp, BuyCe(bankUp));
        nifty.Agent.CloseBar(niftyDown, Hold(niftyDown));

        var banked = Assert.Single(bank.Trades);
        Assert.Equal(ExitReason.RiskLimit, banked.ExitReason);
        Assert.Equal(bankUp.Start.AddMinutes(5), banked.ExitTime);
        Assert.Equal(300m, banked.NetPnl);
        Assert.Null(bank.Agent.Position);
        Assert.Single(bank.OfType(AgentEventType.RiskLimit));
        Assert.Equal(-3075m, book.NetFor(Day1));
    }

    [Fact]
    public void On_ticks_the_protection_closes_on_the_tick_that_reaches_it_and_a_refused_exit_is_retried()
    {
        var book = new SessionRiskBook(new AccountRules(LossProtection: 1500m));
        var h = Nifty(book);
        h.Agent.OnIndexTick(At(Day1, 9, 19, 59), 20000m);
        h.Agent.OnCandleClosed(Entry, BuyCe(Entry));
        Assert.NotNull(h.Agent.Position);
        h.Agent.OnIndexTick(At(Day1, 9, 21), 19985m);   // -1125
        Assert.NotNull(h.Agent.Position);
        h.Execution.RefuseSells = 1;
        h.Agent.OnIndexTick(At(Day1, 9, 21, 5), 19979m); // -1575: fires; the sell is refused
        Assert.NotNull(h.Agent.Position);
        Assert.Single(h.OfType(AgentEventType.RiskLimit));
        h.Agent.OnIndexTick(At(Day1, 9, 21, 7), 19990m); // the market came back: the close still goes

        var trade = Assert.Single(h.Trades);
        Assert.Equal(ExitReason.RiskLimit, trade.ExitReason);
        Assert.Equal(At(Day1, 9, 21, 7), trade.ExitTime);
        Assert.Single(h.OfType(AgentEventType.RiskLimit));
    }

    [Fact]
    public void The_entry_only_limits_leave_positions_open_and_no_protection_means_nothing_is_closed()
    {
        var limitOnly = new SessionRiskBook(new AccountRules(DailyLossLimit: 1000m));
        var h = Nifty(limitOnly);
        h.Bar(Entry, BuyCe(Entry));
        h.Bar(Move(Day1, 1, 20000, 19950));             // -3750: entries stop, the position stays
        Assert.NotNull(h.Agent.Position);
        Assert.Empty(h.Trades);
        Assert.Null(limitOnly.CloseRequired(Day1));
        Assert.Equal(AccountStatus.Locked, limitOnly.StatusFor(Day1).State);
        Assert.Contains("global daily loss limit", limitOnly.StatusFor(Day1).Reason, StringComparison.Ordinal);
        Assert.Empty(h.OfType(AgentEventType.RiskLimit));
    }

    [Fact]
    public void Once_fired_the_protection_stays_fired_for_the_day_whatever_the_market_does()
    {
        var book = new SessionRiskBook(new AccountRules(TrailingStop: 1000m));
        book.ReportOpenProfit(Segment.NIFTY, Day1, 1500m);
        book.ReportOpenProfit(Segment.NIFTY, Day1, 400m);
        Assert.NotNull(book.CloseRequired(Day1));
        book.ReportOpenProfit(Segment.NIFTY, Day1, 5000m);
        Assert.Equal(AccountStatus.Closed, book.StatusFor(Day1).State);
        Assert.NotNull(book.EntryRefusal(Segment.BANKNIFTY, Day1));
        Assert.Null(book.CloseRequired(Day2));
    }

    [Fact]
    public void After_a_restart_an_armed_profit_lock_and_a_fired_rule_are_where_they_were_not_rebuilt_from_the_trades_alone()
    {
        var rules = new AccountRules(ProfitLockAt: 5000m, ProfitLockPercent: 50m, TrailingStop: 4000m);
        var before = new SessionRiskBook(rules);
        before.ReportOpenProfit(Segment.NIFTY, Day1, 6000m);    // armed at 5000, the day's high 6000
        before.ReportOpenProfit(Segment.NIFTY, Day1, 2400m);    // back below the locked 2500: fired
        Assert.NotNull(before.CloseRequired(Day1));
        before.RecordClosedTrade(Segment.NIFTY, Day1, 2400m);
        var kept = before.StateFor(Day1)!;

        // Rebuilt from the journalled trade alone, the account would trade again: 2400 never armed the lock.
        var forgetful = new SessionRiskBook(rules);
        forgetful.RecordClosedTrade(Segment.NIFTY, Day1, 2400m);
        Assert.Null(forgetful.EntryRefusal(Segment.NIFTY, Day1));

        var after = new SessionRiskBook(rules);
        after.RecordClosedTrade(Segment.NIFTY, Day1, 2400m);
        after.Restore(Day1, kept);
        after.Restore(Day1, kept with { Peak = 3000m, Closing = null });   // another segment's older commit changes nothing
        Assert.Contains("profit protection", after.EntryRefusal(Segment.NIFTY, Day1), StringComparison.Ordinal);
        Assert.NotNull(after.CloseRequired(Day1));
        var status = after.StatusFor(Day1);
        Assert.Equal((6000m, true, AccountStatus.Closed, 2000m), (status.Peak, status.ProfitLockArmed, status.State, status.TrailingStopAt));
        // A new day starts clean.
        Assert.Null(after.EntryRefusal(Segment.NIFTY, Day2));
    }
}
