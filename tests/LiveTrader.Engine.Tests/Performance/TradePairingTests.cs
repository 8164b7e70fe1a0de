using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Performance;

namespace LiveTrader.Engine.Tests.Performance;

/// <summary>Paper against backtest on days built to differ in each known way: trades are paired by
/// segment, entry candle and direction, and every difference is explained by its cause, the parts
/// of a pair adding up to its difference in net.</summary>
public sealed class TradePairingTests
{
    private static readonly DateOnly Day = new(2026, 1, 7);
    private static readonly TimeSpan Five = TimeSpan.FromMinutes(5);

    private static DateTimeOffset At(int h, int m, int s = 0) => Ist.At(Day, new TimeOnly(h, m, s));

    private static Dictionary<Segment, SegmentFacts> Facts(int paperSlippage = 0, int backtestSlippage = 0) => new()
    {
        [Segment.NIFTY] = new SegmentFacts(Five, paperSlippage, backtestSlippage, 0.05m),
        [Segment.BANKNIFTY] = new SegmentFacts(Five, paperSlippage, backtestSlippage, 0.05m),
    };

    private static TradeRecord Trade(string id, DateTimeOffset entry, decimal entryPrice, DateTimeOffset exit, decimal exitPrice,
        string reason = "Trailing SL", decimal charges = 50m, OptionType type = OptionType.CE, Segment segment = Segment.NIFTY, int quantity = 65)
    {
        var gross = (exitPrice - entryPrice) * quantity;
        return new TradeRecord
        {
            TradeId = id, Segment = segment, IndexSymbol = "NIFTY 50", IndexEntrySpot = 24000m, TimeInterval = "5minute", RsiPeriod = 9,
            SignalType = type == OptionType.CE ? "BUY_CE" : "BUY_PE", OptionSymbol = $"NIFTY26JAN23900{type}", OptionType = type,
            StrikePrice = 23900m, Expiry = Day.AddDays(6), Lots = quantity / 65, EntryTime = entry, EntryPrice = entryPrice,
            StopLossPoints = 50m, InitialSlPrice = 23950m, TrailingStopPoints = 50m, ExitTime = exit, ExitPrice = exitPrice, ExitReason = reason,
            PnlPoints = exitPrice - entryPrice, PnlValue = gross, ReturnPct = 0m, IndexExitSpot = 24010m, Charges = charges,
            NetPnl = gross - charges, MaxQuantity = quantity, PyramidAdds = 0, MaxFavorableExcursion = 0m, MaxAdverseExcursion = 0m,
            Buys = [new Fill(entry, entryPrice, quantity, "test")], Sells = [new Fill(exit, exitPrice, quantity, "test")],
        };
    }

    private static AgentEvent Event(DateTimeOffset time, string type, string message, string? tradeId = null, Segment segment = Segment.NIFTY) =>
        new(time, segment, type, message, tradeId);

    private static IReadOnlyList<TradePair> Pair(TradeRecord[] paper, TradeRecord[] backtest, AgentEvent[]? paperEvents = null,
        AgentEvent[]? backtestEvents = null, Dictionary<Segment, SegmentFacts>? facts = null) =>
        TradePairing.Pair(Day, paper, backtest, paperEvents ?? [Event(At(9, 30), AgentEventType.CandleProcessed, "candle")], backtestEvents ?? [], facts ?? Facts());

    private static void AddsUp(TradePair pair) => Assert.Equal(pair.NetDifference, pair.Differences.Sum(d => d.Amount));

    [Fact]
    public void A_paper_fill_a_few_seconds_after_the_close_pairs_with_the_backtest_entry_and_the_quote_vs_model_difference_is_the_fill_price()
    {
        var paper = Trade("P1", At(9, 30, 2), 101m, At(10, 0, 0), 121m, charges: 51m);
        var backtest = Trade("B1", At(9, 30), 100m, At(10, 0), 120m);
        var pair = Assert.Single(Pair([paper], [backtest]));

        Assert.True(pair.Agreed);
        Assert.Equal(At(9, 30), pair.EntryCandleClose);
        Assert.Equal(-1m, pair.NetDifference);
        var fills = pair.Differences.Where(d => d.Cause == DifferenceCause.FillPrice).ToList();
        Assert.Equal([-65m, 65m], fills.Select(d => d.Amount));
        Assert.Contains("entry 101 at the quote vs 100 by the model", fills[0].Detail, StringComparison.Ordinal);
        Assert.Equal(-1m, Assert.Single(pair.Differences, d => d.Cause == DifferenceCause.Charges).Amount);
        AddsUp(pair);
    }

    [Fact]
    public void Another_exit_time_or_reason_is_the_exit_path()
    {
        var paper = Trade("P1", At(9, 30), 100m, At(9, 41, 13), 90m, reason: "SL hit");
        var backtest = Trade("B1", At(9, 30), 100m, At(10, 0), 120m, reason: "Trailing SL");
        var pair = Assert.Single(Pair([paper], [backtest]));
        var path = Assert.Single(pair.Differences);
        Assert.Equal(DifferenceCause.ExitPath, path.Cause);
        Assert.Equal(-1950m, path.Amount);
        Assert.Contains("paper SL hit at 09:41:13", path.Detail, StringComparison.Ordinal);
        Assert.Contains("backtest Trailing SL at 10:00:00", path.Detail, StringComparison.Ordinal);
        AddsUp(pair);
    }

    [Fact]
    public void An_exit_a_stale_quote_refused_first_is_the_stale_quote_refusal()
    {
        var paper = Trade("P1", At(9, 30), 100m, At(10, 0, 4), 118m);
        var backtest = Trade("B1", At(9, 30), 100m, At(10, 0), 120m);
        var events = new[]
        {
            Event(At(9, 30), AgentEventType.EntryTaken, "entry", "P1"),
            Event(At(10, 0), AgentEventType.ExitDelayed, "Trailing SL: exit refused (stale quote for NIFTY26JAN23900CE: last tick 7 s old)", "P1"),
        };
        var pair = Assert.Single(Pair([paper], [backtest], events));
        Assert.Equal(DifferenceCause.StaleQuote, pair.MainCause);
        Assert.Equal(-130m, Assert.Single(pair.Differences).Amount);
    }

    [Fact]
    public void Slippage_the_session_filled_with_beyond_the_backtests_is_named_apart_from_the_fill_price()
    {
        // Two ticks each way on 65: 0.10 x 65 x 2 = 13 rupees.
        var paper = Trade("P1", At(9, 30), 100.10m, At(10, 0), 119.90m);
        var backtest = Trade("B1", At(9, 30), 100m, At(10, 0), 120m);
        var pair = Assert.Single(Pair([paper], [backtest], facts: Facts(paperSlippage: 2)));
        Assert.Equal(-13m, Assert.Single(pair.Differences, d => d.Cause == DifferenceCause.Slippage).Amount);
        Assert.DoesNotContain(pair.Differences, d => d.Cause == DifferenceCause.FillPrice);
        AddsUp(pair);
    }

    [Fact]
    public void A_pyramid_add_only_paper_made_is_the_quantity()
    {
        var paper = Trade("P1", At(9, 30), 100m, At(10, 0), 120m, quantity: 130) with { PyramidAdds = 1 };
        var backtest = Trade("B1", At(9, 30), 100m, At(10, 0), 120m);
        var pair = Assert.Single(Pair([paper], [backtest]));
        var quantity = Assert.Single(pair.Differences);
        Assert.Equal(DifferenceCause.Quantity, quantity.Cause);
        Assert.Equal(1300m, quantity.Amount);
        Assert.Contains("paper held up to 130 (1 adds), the backtest 65 (0 adds)", quantity.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BUY_CE skipped: no fill for NIFTY26JAN23900CE (stale quote for NIFTY26JAN23900CE: last tick 6 s old)", DifferenceCause.StaleQuote)]
    [InlineData("BUY_CE skipped: the 09:25 candle's close came at 09:35:02, after the next candle had ended", DifferenceCause.LateCandle)]
    [InlineData("BUY_CE ignored: a PE position is open (NIFTY-20260107-01)", DifferenceCause.EarlierTradeOpen)]
    [InlineData("BUY_CE skipped: global daily loss limit reached (net -5000.00 <= -3000.00)", DifferenceCause.Limits)]
    public void A_signal_paper_skipped_is_explained_by_its_own_skip(string skip, string cause)
    {
        var backtest = Trade("B1", At(9, 30), 100m, At(10, 0), 120m);
        var events = new[] { Event(At(9, 25), AgentEventType.CandleProcessed, "candle"), Event(At(9, 30, 1), AgentEventType.EntrySkipped, skip) };
        var pair = Assert.Single(Pair([], [backtest], events));
        Assert.False(pair.Agreed);
        Assert.Null(pair.Paper);
        var why = Assert.Single(pair.Differences);
        Assert.Equal(cause, why.Cause);
        Assert.Equal(-backtest.NetPnl, why.Amount);
        Assert.Equal($"paper: {skip}", why.Detail);
    }

    [Fact]
    public void A_backtest_trade_while_paper_was_not_running_is_the_restart_and_one_without_any_skip_is_a_missed_signal()
    {
        var whileDown = Trade("B1", At(11, 0), 100m, At(11, 30), 120m);
        var missed = Trade("B2", At(9, 30), 100m, At(9, 50), 110m);
        var events = new[] { Event(At(9, 30), AgentEventType.CandleProcessed, "candle") };
        var pairs = Pair([], [whileDown, missed], events);
        Assert.Equal(DifferenceCause.MissedSignal, pairs[0].MainCause);
        Assert.Equal(DifferenceCause.Restart, pairs[1].MainCause);
        Assert.Contains("not running for NIFTY at 11:00", pairs[1].Differences[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrected_candle_explains_a_trade_only_paper_took_and_otherwise_it_is_an_extra_signal_or_the_backtests_open_trade()
    {
        var corrected = Trade("P1", At(9, 30, 1), 100m, At(9, 50), 110m);
        var extra = Trade("P2", At(10, 30), 100m, At(10, 50), 110m, type: OptionType.PE);
        var overlap = Trade("P3", At(11, 30), 100m, At(11, 50), 110m);
        var paperEvents = new[] { Event(At(9, 30, 3), AgentEventType.CandleCorrected, "09:25 candle corrected from history: C 24010 -> 24002") };
        var backtestEvents = new[] { Event(At(11, 30), AgentEventType.EntrySkipped, "BUY_CE ignored: a PE position is open (NIFTY-20260107-02)") };
        var pairs = Pair([corrected, extra, overlap], [], paperEvents, backtestEvents);
        Assert.Equal([DifferenceCause.CandleCorrection, DifferenceCause.ExtraSignal, DifferenceCause.EarlierTradeOpen], pairs.Select(p => p.MainCause));
        Assert.All(pairs, p => Assert.Equal(p.Paper!.NetPnl, p.NetDifference));
    }

    [Fact]
    public void Trades_pair_only_within_one_segment_and_one_direction()
    {
        var paper = Trade("P1", At(9, 30), 100m, At(10, 0), 120m, type: OptionType.PE);
        var otherSegment = Trade("B1", At(9, 30), 100m, At(10, 0), 120m, type: OptionType.PE, segment: Segment.BANKNIFTY);
        var otherDirection = Trade("B2", At(9, 30), 100m, At(10, 0), 120m);
        var pairs = Pair([paper], [otherSegment, otherDirection]);
        Assert.Equal(3, pairs.Count);
        Assert.DoesNotContain(pairs, p => p.Agreed);
    }

    [Fact]
    public void The_stats_give_profit_factor_and_the_equity_curve_its_drawdown()
    {
        var trades = new[]
        {
            Trade("A", At(9, 30), 100m, At(9, 40), 120m, charges: 0m),   // +1300
            Trade("B", At(9, 45), 100m, At(9, 55), 90m, charges: 0m),    // -650
            Trade("C", At(10, 0), 100m, At(10, 10), 110m, charges: 0m),  // +650
        };
        var stats = PerformanceStats.From(trades, 100000m);
        Assert.Equal((3, 2, 1300m, 650m, 3m), (stats.Trades, stats.Wins, stats.NetPnl, stats.MaxDrawdown, stats.ProfitFactor!.Value));
        Assert.Equal([0m, 650m, 0m], EquityPoint.Curve(trades).Select(p => p.Drawdown));
        Assert.Null(PerformanceStats.From(trades.Take(1).ToList(), 100000m).ProfitFactor);
    }
}
