using FsCheck.Xunit;
using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Signals;
using LiveTrader.Core.Trading;
using static LiveTrader.Core.Tests.Trading.AgentHarness;

namespace LiveTrader.Core.Tests.Trading;

/// <summary>The live/paper path: <see cref="SegmentAgent.OnIndexTick"/>, <see cref="SegmentAgent.OnOptionTick"/>,
/// <see cref="SegmentAgent.OnCandleClosed"/> and <see cref="SegmentAgent.OnClock"/>.</summary>
public class TickPathTests
{
    private static void EnterCeLive(AgentHarness h, decimal spot = 20000m)
    {
        var c = Move(Day1, 0, spot - 10, spot);
        h.Agent.OnIndexTick(At(Day1, 9, 15), spot - 10);
        h.Agent.OnIndexTick(At(Day1, 9, 19, 59), spot);
        h.Agent.OnCandleClosed(c, BuyCe(c));
        Assert.NotNull(h.Agent.Position);
        Assert.Equal(At(Day1, 9, 20), h.Agent.Position!.EntryTime);
    }

    [Fact]
    public void Stops_and_trail_are_checked_on_every_index_tick()
    {
        var h = new AgentHarness();
        EnterCeLive(h);
        h.Agent.OnIndexTick(At(Day1, 9, 20, 1), 20030m);
        Assert.Equal(19980m, h.Agent.Position!.Stops.Effective); // the trail followed the tick
        h.Agent.OnIndexTick(At(Day1, 9, 20, 2), 20010m);
        Assert.Equal(19980m, h.Agent.Position!.Stops.Effective); // and does not loosen
        h.Agent.OnIndexTick(At(Day1, 9, 20, 3), 19981m);
        Assert.NotNull(h.Agent.Position);
        h.Agent.OnIndexTick(At(Day1, 9, 20, 4), 19975m); // through the stop: exit at this tick's price
        var t = Assert.Single(h.Trades);
        Assert.Equal(ExitReason.TrailingStop, t.ExitReason);
        Assert.Equal(19975m, t.IndexExitSpot);
        Assert.Equal(At(Day1, 9, 20, 4), t.ExitTime);
        Assert.Equal(75m, t.ExitPrice);
        Assert.Equal(OptionType.CE, h.Agent.ReentryArmedFor); // a losing stop exit arms re-entry live too
    }

    [Fact]
    public void Initial_stop_on_a_tick_is_SL_hit()
    {
        var h = new AgentHarness();
        EnterCeLive(h);
        h.Agent.OnIndexTick(At(Day1, 9, 21), 19950m);
        var t = Assert.Single(h.Trades);
        Assert.Equal(ExitReason.StopLoss, t.ExitReason);
        Assert.Equal(19950m, t.IndexExitSpot);
    }

    [Fact]
    public void Pyramiding_happens_on_option_ticks()
    {
        var h = new AgentHarness(Params(pyramid: new PyramidRule(5m, 5, 1500)));
        EnterCeLive(h);
        h.Agent.OnIndexTick(At(Day1, 9, 21), 20005m); // 375 of open profit, but no option tick yet
        Assert.Equal(75, h.Agent.Position!.Quantity);
        h.Agent.OnOptionTick(At(Day1, 9, 21, 1));
        Assert.Equal(450, h.Agent.Position!.Quantity);
        var qtyEvent = Assert.Single(h.OfType(AgentEventType.StopQuantityUpdated));
        Assert.Equal(450, qtyEvent.Quantity);
        h.Agent.OnOptionTick(At(Day1, 9, 21, 2)); // same price: 375 < 2250, no second add
        Assert.Equal(450, h.Agent.Position!.Quantity);
        h.Agent.OnIndexTick(At(Day1, 9, 22), 19955m);
        Assert.Equal(450, Assert.Single(h.Trades).Sells.Single().Quantity);
        h.Agent.OnOptionTick(At(Day1, 9, 22, 1)); // flat: nothing to do
        Assert.Equal(2, h.Execution.Orders.Count(o => o.Side == "BUY"));
    }

    [Fact]
    public void OnClock_squares_off_at_15_15_without_a_tick()
    {
        var h = new AgentHarness();
        var c = C(Day1, 15, 0, 19990, 20000, 19990, 20000);
        h.Agent.OnIndexTick(At(Day1, 15, 4, 59), 20000m);
        h.Agent.OnCandleClosed(c, BuyCe(c));
        h.Agent.OnIndexTick(At(Day1, 15, 12), 20010m);
        h.Agent.OnClock(At(Day1, 15, 14, 59));
        Assert.NotNull(h.Agent.Position);
        h.Agent.OnClock(At(Day1, 15, 15));
        var t = Assert.Single(h.Trades);
        Assert.Equal(ExitReason.SquareOff, t.ExitReason);
        Assert.Equal(At(Day1, 15, 15), t.ExitTime);
        Assert.Equal(20010m, t.IndexExitSpot); // the last spot seen
        h.Agent.OnClock(At(Day1, 15, 16));
        Assert.Single(h.Trades);
    }

    [Fact]
    public void A_tick_at_15_15_squares_off_at_its_price_and_no_entry_after()
    {
        var h = new AgentHarness();
        EnterCeLive(h);
        h.Agent.OnIndexTick(At(Day1, 15, 15), 20020m);
        var t = Assert.Single(h.Trades);
        Assert.Equal(ExitReason.SquareOff, t.ExitReason);
        Assert.Equal(20020m, t.IndexExitSpot);
        var late = C(Day1, 15, 10, 20010, 20030, 20010, 20025);
        h.Agent.OnCandleClosed(late, BuyCe(late));
        Assert.Null(h.Agent.Position);
    }

    // ------------------------------------------------------------ tick path == candle path

    /// <summary>Candles with no intraday gap (each opens at the previous close; days may gap) and
    /// a range smaller than the trail, with random signals and short sessions.</summary>
    private static List<(Candle Candle, SignalReading Reading)> CalmPath(Random r, int days)
    {
        var list = new List<(Candle, SignalReading)>();
        var spot = 20000m;
        for (var d = 0; d < days; d++)
        {
            var day = Day1.AddDays(d);
            spot += r.Next(-80, 81);
            var count = r.NextDouble() < 0.3 ? r.Next(1, 72) : 75;
            for (var i = 0; i < count; i++)
            {
                var o = spot;
                var c = o + r.Next(-15, 16) + (r.Next(4) == 0 ? 0.05m * r.Next(0, 20) : 0m);
                var hi = Math.Max(o, c) + r.Next(0, 6);
                var lo = Math.Min(o, c) - r.Next(0, 6);
                var candle = Slot(day, i, o, hi, lo, c);
                var roll = r.NextDouble();
                var reading = roll < 0.12 && candle.IsGreen ? BuyCe(candle)
                    : roll < 0.24 && candle.IsRed ? BuyPe(candle)
                    : roll < 0.30 ? CrossOnly(candle, r.Next(2) == 0 ? Cross.Up : Cross.Down)
                    : Hold(candle, r.Next(-1, 2));
                list.Add((candle, reading));
                spot = c;
            }
        }
        return list;
    }

    /// <summary>Replays one candle as index ticks in the order the candle rule assumes: the open;
    /// then, against an open position, the stop level itself if the adverse extreme passes it (a
    /// continuous path goes through it), the adverse extreme, the favourable extreme; the close;
    /// then one option tick stamped at the candle's close (when and where the candle path prices a
    /// pyramid add); then the
    /// candle-closed event.</summary>
    private static void Replay(SegmentAgent agent, Candle c, SignalReading reading)
    {
        var s = c.Start;
        agent.OnIndexTick(s, c.Open);
        var pos = agent.Position;
        var longSide = pos?.Stops.IsLong ?? true;
        var adverse = longSide ? c.Low : c.High;
        var favourable = longSide ? c.High : c.Low;
        if (pos is not null)
        {
            var stop = pos.Stops.Effective;
            if (longSide ? c.Low < stop : c.High > stop) agent.OnIndexTick(s.AddMinutes(1), stop);
        }
        agent.OnIndexTick(s.AddMinutes(2), adverse);
        agent.OnIndexTick(s.AddMinutes(3), favourable);
        agent.OnIndexTick(s.AddMinutes(4), c.Close);
        agent.OnOptionTick(s + TimeSpan.FromMinutes(5)); // at the candle's close, when OnBar prices the add
        agent.OnCandleClosed(c, reading);
    }

    /// <summary>What this proves: for candles that open where the previous one closed and whose
    /// range is under the trail distance, with no profit target, feeding the ticks O, (stop), adverse,
    /// favourable, C plus an option tick at C through the live path produces the same trades as
    /// <see cref="SegmentAgent.OnBar"/>: same ids, directions, entry times and spots, exit reasons,
    /// exit spots and prices, quantities and pyramid adds, P&amp;L and excursions. Only the exit
    /// time of a stop differs by design: the tick's own time inside the candle rather than the
    /// candle's close. (The preconditions matter: an intraday gap that moves the trail at the open,
    /// or a close beyond the trail the high just set, makes the live path exit where the candle
    /// rule, which only knows O/H/L/C, cannot.)</summary>
    [Property(MaxTest = 150)]
    public void Tick_path_gives_the_same_trades_as_OnBar(int seed)
    {
        var r = new Random(seed);
        var p = Params(sl: r.Next(10, 90), trail: r.Next(45, 90), maxTrades: r.Next(1, 8),
            pyramid: r.NextDouble() < 0.7 ? new PyramidRule(r.Next(1, 12), r.Next(1, 7), 75 * r.Next(1, 21)) : null,
            maxDailyLoss: r.NextDouble() < 0.3 ? r.Next(1000, 20000) : null);
        var path = CalmPath(r, r.Next(1, 4));

        var bar = new AgentHarness(p);
        foreach (var (c, reading) in path) bar.Agent.OnBar(c, reading);
        bar.Agent.Finish();

        var tick = new AgentHarness(p);
        foreach (var (c, reading) in path) Replay(tick.Agent, c, reading);
        tick.Agent.Finish();

        Assert.Equal(bar.Trades.Count, tick.Trades.Count);
        for (var i = 0; i < bar.Trades.Count; i++)
        {
            var a = bar.Trades[i];
            var b = tick.Trades[i];
            Assert.Equal(
                (a.TradeId, a.OptionType, a.SignalType, a.EntryTime, a.IndexEntrySpot, a.EntryPrice, a.ExitReason, a.IndexExitSpot, a.ExitPrice),
                (b.TradeId, b.OptionType, b.SignalType, b.EntryTime, b.IndexEntrySpot, b.EntryPrice, b.ExitReason, b.IndexExitSpot, b.ExitPrice));
            Assert.Equal((a.MaxQuantity, a.PyramidAdds, a.PnlValue, a.MaxFavorableExcursion, a.MaxAdverseExcursion),
                (b.MaxQuantity, b.PyramidAdds, b.PnlValue, b.MaxFavorableExcursion, b.MaxAdverseExcursion));
            Assert.Equal(a.Buys.Select(f => (f.Price, f.Quantity)), b.Buys.Select(f => (f.Price, f.Quantity)));
            if (a.ExitReason is ExitReason.StopLoss or ExitReason.TrailingStop)
            {
                Assert.True(b.ExitTime < a.ExitTime && b.ExitTime >= a.ExitTime - p.Timeframe.Length);
            }
            else
            {
                Assert.Equal(a.ExitTime, b.ExitTime);
            }
        }
        Assert.Equal(bar.Agent.ReentryArmedFor, tick.Agent.ReentryArmedFor);
    }

    [Fact]
    public void Equivalence_property_is_not_vacuous()
    {
        var reasons = new HashSet<string>();
        var adds = 0;
        var reentries = 0;
        for (var seed = 0; seed < 30; seed++)
        {
            var r = new Random(seed);
            var h = new AgentHarness(Params(sl: 30, trail: 50, pyramid: new PyramidRule(3m, 2, 600)));
            foreach (var (c, reading) in CalmPath(r, 3)) Replay(h.Agent, c, reading);
            h.Agent.Finish();
            foreach (var t in h.Trades) reasons.Add(t.ExitReason);
            adds += h.Trades.Sum(t => t.PyramidAdds);
            reentries += h.OfType(AgentEventType.EntryTaken).Count(e => e.Message.Contains("re-entry"));
        }
        Assert.Superset(new HashSet<string> { ExitReason.StopLoss, ExitReason.TrailingStop, ExitReason.SquareOff }, reasons);
        Assert.True(adds > 0);
        Assert.True(reentries > 0);
    }
}
