using FsCheck.Xunit;
using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Signals;
using LiveTrader.Core.Trading;
using static LiveTrader.Core.Tests.Trading.AgentHarness;

namespace LiveTrader.Core.Tests.Trading;

/// <summary>Invariants of <see cref="SegmentAgent.OnBar"/> on random price paths: several days of
/// 5-minute candles (a random walk with gaps, some short sessions), random signals consistent
/// with the candle colour, random stop/trail/limit/pyramid settings, with and without 1-minute
/// stop candles. FsCheck draws the seed; the path is a pure function of it.</summary>
public class AgentPropertyTests
{
    private sealed record Bar(Candle Candle, SignalReading Reading, List<Candle> Fine);

    private static List<Bar> RandomPath(Random r, int days)
    {
        var bars = new List<Bar>();
        var spot = 20000m + r.Next(-200, 200);
        for (var d = 0; d < days; d++)
        {
            var day = Day1.AddDays(d);
            spot += r.Next(-80, 81); // overnight gap
            // Most days are full (75 candles to 15:25); some end early (a short session).
            var count = r.NextDouble() < 0.3 ? r.Next(1, 72) : 75;
            for (var i = 0; i < count; i++)
            {
                var start = At(day, 9, 15).AddMinutes(5 * i);
                var fine = new List<Candle>();
                var open = spot + (r.NextDouble() < 0.05 ? r.Next(-70, 71) : 0); // occasional gap
                var o = open;
                for (var m = 0; m < 5; m++)
                {
                    var c = o + r.Next(-25, 26);
                    var hi = Math.Max(o, c) + r.Next(0, 12);
                    var lo = Math.Min(o, c) - r.Next(0, 12);
                    fine.Add(new Candle(start.AddMinutes(m), o, hi, lo, c, 0));
                    o = c;
                }
                var candle = new Candle(start, open, fine.Max(f => f.High), fine.Min(f => f.Low), fine[^1].Close, 0);
                spot = candle.Close;
                bars.Add(new Bar(candle, RandomReading(r, candle), fine));
            }
        }
        return bars;
    }

    private static SignalReading RandomReading(Random r, Candle c)
    {
        var roll = r.NextDouble();
        if (roll < 0.12 && c.IsGreen) return BuyCe(c);
        if (roll < 0.24 && c.IsRed) return BuyPe(c);
        if (roll < 0.30) return CrossOnly(c, r.Next(2) == 0 ? Cross.Up : Cross.Down);
        return Hold(c, r.Next(-1, 2));
    }

    private static AgentParameters RandomParams(Random r) => Params(
        sl: r.Next(10, 90),
        trail: r.Next(10, 90),
        target: r.NextDouble() < 0.3 ? r.Next(20, 150) : null,
        pyramid: r.NextDouble() < 0.7 ? new PyramidRule(r.Next(1, 12), r.Next(1, 7), 75 * r.Next(1, 21) + r.Next(0, 75)) : null,
        maxTrades: r.Next(1, 8),
        maxDailyLoss: r.NextDouble() < 0.3 ? r.Next(1000, 20000) : null);

    [Property(MaxTest = 150)]
    public void Agent_invariants_hold_on_random_paths(int seed, bool useFine)
    {
        var r = new Random(seed);
        var p = RandomParams(r);
        var h = new AgentHarness(p, lotSize: 75, charges: r.Next(0, 60));
        var bars = RandomPath(r, r.Next(1, 5));
        if (r.NextDouble() < 0.2) h.Agent.Pause(bars[r.Next(bars.Count)].Candle.Start);

        string? lastTrade = null;
        decimal? lastStop = null;
        foreach (var bar in bars)
        {
            h.Agent.OnBar(bar.Candle, bar.Reading, useFine ? bar.Fine : null);
            if (h.Agent.Position is not { } pos) continue;

            // No position is held on (after) a candle that starts at or after the square-off time.
            Assert.True(Ist.TimeOf(bar.Candle.Start) < p.SquareOff, $"position held after {bar.Candle.Start}");
            // Whole lots, never above the cap (the entry lot itself is always under it here).
            Assert.Equal(0, pos.Quantity % 75);
            Assert.InRange(pos.Quantity, 75, Math.Max(75, p.Pyramid.IsOff ? 75 : p.Pyramid.MaxQuantity));
            // The effective stop of the same trade only ever tightens.
            var stop = pos.Stops.Effective;
            if (pos.TradeId == lastTrade && lastStop is decimal prev)
                Assert.True(pos.Stops.IsLong ? stop >= prev : stop <= prev, $"{pos.TradeId} stop loosened {prev} -> {stop}");
            Assert.Equal(pos.Stops.IsLong ? Math.Max(pos.Stops.InitialStop, pos.Stops.Trail) : Math.Min(pos.Stops.InitialStop, pos.Stops.Trail), stop);
            lastTrade = pos.TradeId;
            lastStop = stop;
        }
        h.Agent.Finish();
        Assert.Null(h.Agent.Position);

        // Entries only inside the window, on their own day, and never more than the limit a day.
        var entries = h.OfType(AgentEventType.EntryTaken).ToList();
        foreach (var e in entries)
        {
            var t = Ist.TimeOf(e.Time);
            Assert.True(t >= p.WindowStart && t < p.WindowEnd, $"entry at {e.Time}");
        }
        foreach (var day in entries.GroupBy(e => Ist.DayOf(e.Time)))
            Assert.True(day.Count() <= p.MaxTradesPerDay, $"{day.Count()} entries on {day.Key}");

        // One position at a time: ENTRY and EXIT alternate, each exit closing the entry before it.
        string? open = null;
        foreach (var e in h.Events.Where(e => e.Type is AgentEventType.EntryTaken or AgentEventType.Exit))
        {
            if (e.Type == AgentEventType.EntryTaken)
            {
                Assert.Null(open);
                open = e.TradeId;
            }
            else
            {
                Assert.Equal(open, e.TradeId);
                open = null;
            }
        }
        Assert.Null(open);
        Assert.Equal(entries.Count, h.Trades.Count);

        foreach (var t in h.Trades)
        {
            Assert.True(t.ExitTime >= t.EntryTime);
            Assert.Contains(t.ExitReason, new[] { ExitReason.StopLoss, ExitReason.TrailingStop, ExitReason.SquareOff, ExitReason.Target });
            Assert.Equal(0, t.MaxQuantity % 75);
            Assert.Equal(t.MaxQuantity, t.Sells.Sum(s => s.Quantity));           // the exit sells every leg
            Assert.Equal(t.MaxQuantity, t.Buys.Sum(b => b.Quantity));
            Assert.Equal(t.PyramidAdds + 1, t.Buys.Count);
            // A position never lives past its day's square-off.
            Assert.Equal(Ist.DayOf(t.EntryTime), Ist.DayOf(t.ExitTime));
            Assert.True(Ist.TimeOf(t.ExitTime) <= p.SquareOff, $"{t.TradeId} exit at {t.ExitTime}");
            if (t.OptionType == OptionType.CE && t.ExitReason is ExitReason.StopLoss or ExitReason.TrailingStop)
                Assert.True(t.IndexExitSpot <= t.IndexEntrySpot + t.MaxFavorableExcursion);
        }

        // Every add is followed by the stop-quantity update, and the cap holds for every add.
        for (var i = 0; i < h.Events.Count; i++)
        {
            if (h.Events[i].Type != AgentEventType.PyramidAdded) continue;
            var next = h.Events[i + 1];
            Assert.Equal(AgentEventType.StopQuantityUpdated, next.Type);
            Assert.True(next.Quantity <= p.Pyramid.MaxQuantity);
            Assert.True(Ist.TimeOf(h.Events[i].Time) < p.WindowEnd, $"pyramid add at {h.Events[i].Time}");
        }
    }

    /// <summary>The generator reaches the cases the properties are about (not a vacuous pass).</summary>
    [Fact]
    public void Random_paths_cover_stops_trails_reentries_pyramids_and_square_offs()
    {
        var all = new List<TradeRecord>();
        var events = new List<AgentEvent>();
        for (var seed = 0; seed < 40; seed++)
        {
            var r = new Random(seed);
            var h = new AgentHarness(RandomParams(r), lotSize: 75);
            foreach (var bar in RandomPath(r, r.Next(1, 5))) h.Agent.OnBar(bar.Candle, bar.Reading);
            h.Agent.Finish();
            all.AddRange(h.Trades);
            events.AddRange(h.Events);
        }
        Assert.True(all.Count > 50);
        Assert.Contains(all, t => t.ExitReason == ExitReason.StopLoss);
        Assert.Contains(all, t => t.ExitReason == ExitReason.TrailingStop);
        Assert.Contains(all, t => t.ExitReason == ExitReason.SquareOff && Ist.TimeOf(t.ExitTime) == new TimeOnly(15, 15));
        Assert.Contains(all, t => t.ExitReason == ExitReason.SquareOff && Ist.TimeOf(t.ExitTime) < new TimeOnly(15, 15));
        Assert.Contains(all, t => t.ExitReason == ExitReason.Target);
        Assert.Contains(all, t => t.PyramidAdds > 0);
        Assert.Contains(all, t => t.TradeId.EndsWith("-01") && t.OptionType == OptionType.PE);
        Assert.Contains(events, e => e.Type == AgentEventType.ReentryArmed);
        Assert.Contains(events, e => e.Type == AgentEventType.EntryTaken && e.Message.Contains("re-entry"));
        Assert.Contains(events, e => e.Type == AgentEventType.Blocked);
    }

    [Property(MaxTest = 100)]
    public void Reentry_arms_only_after_a_losing_stop_exit(int seed)
    {
        var r = new Random(seed);
        var h = new AgentHarness(RandomParams(r) with { MaxDailyLoss = null });
        foreach (var bar in RandomPath(r, r.Next(1, 4)))
        {
            var tradesBefore = h.Trades.Count;
            var armedBefore = h.Agent.ReentryArmedFor;
            h.Agent.OnBar(bar.Candle, bar.Reading);
            var closed = h.Trades.Skip(tradesBefore).ToList();
            var armedAfter = h.Agent.ReentryArmedFor;
            if (armedAfter is OptionType a && armedAfter != armedBefore)
                Assert.Contains(closed, t => t.OptionType == a && t.ExitReason is ExitReason.StopLoss or ExitReason.TrailingStop
                    && (a == OptionType.CE ? t.IndexExitSpot < t.IndexEntrySpot : t.IndexExitSpot > t.IndexEntrySpot));
            var entryTime = bar.Candle.Start + TimeSpan.FromMinutes(5);
            if (h.Agent.Position is { IsReentry: true } pos && pos.EntryTime == entryTime)
            {
                // A re-entry happens on a Hold candle of the armed colour while the trend holds,
                // armed before this candle or by a losing stop exit on it.
                var ce = pos.Contract.Type == OptionType.CE;
                Assert.Equal(Signal.Hold, bar.Reading.Signal);
                Assert.True(ce ? bar.Candle.IsGreen : bar.Candle.IsRed);
                Assert.True(ce ? bar.Reading.TrendUp : bar.Reading.TrendDown);
                Assert.True(armedBefore == pos.Contract.Type || closed.Any(t => t.OptionType == pos.Contract.Type && t.ExitReason is ExitReason.StopLoss or ExitReason.TrailingStop));
            }
        }
    }
}
