using System.Collections.Concurrent;
using LiveTrader.Core.Market;
using LiveTrader.Kite.Auth;
using LiveTrader.Kite.Ticker;
using LiveTrader.Sim.Ticker;

namespace LiveTrader.Sim.Tests;

/// <summary>Issue 11: one tick per simulated second per subscribed instrument at any speed, stamped with that
/// second, so candles built from ticks are the candles of the market; and Kite's delivery latency when asked for.</summary>
public class TickEverySecondTests
{
    [Theory]
    [InlineData(1, 30)]
    [InlineData(60, 10)]
    [InlineData(600, 3)]
    public async Task Every_subscribed_instrument_gets_one_tick_per_simulated_second_however_far_the_clock_moves_per_step(int speed, int steps)
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        var option = SimTest.AtmOption(sim);
        var tokens = new[] { 256265u, option.InstrumentToken };
        var ticks = new ConcurrentQueue<KiteTick>();
        await using var ticker = new KiteTicker(new KiteCredentials("sim", sim.Sessions.CreateSession().AccessToken), new KiteTickerOptions { RootUri = sim.TickerUri });
        ticker.Ticks += span => { foreach (var t in span) ticks.Enqueue(t); };
        await ticker.SubscribeAsync(tokens, TickMode.Full);
        ticker.Start();
        var start = Ist.At(Sim.Day, new TimeOnly(10, 0));
        await SimTest.Until(() => tokens.All(k => Stamps(ticks, k).Contains(start)), "the first full ticks");

        // A manual clock moved `speed` seconds per step is what a running clock at that speed does between steps.
        for (var i = 0; i < steps; i++)
        {
            sim.Clock.Advance(TimeSpan.FromSeconds(speed));
            var now = sim.Clock.Now;
            await SimTest.Until(() => tokens.All(k => Stamps(ticks, k).Contains(now)), $"the ticks of {Ist.Format(now)}");
        }

        var expected = Enumerable.Range(0, speed * steps + 1).Select(s => start.AddSeconds(s)).ToList();
        foreach (var token in tokens) Assert.Equal(expected, Stamps(ticks, token));
        // Each tick is the market at its own second, not at the moment the frame was sent.
        var inst = sim.Catalog.ByToken(256265)!;
        foreach (var t in ticks.Where(t => t.InstrumentToken == 256265 && t.ExchangeTimestamp is not null))
            Assert.Equal((decimal)sim.Market.Snapshot(inst, t.ExchangeTimestamp!.Value).LastPrice, t.LastPrice);
    }

    [Fact]
    public async Task A_running_clock_at_x600_sends_the_150_seconds_of_each_250_ms_step_as_150_frames()
    {
        var real = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var sim = await Sim.StartAsync(configure: o =>
        {
            o.TimeProvider = real;
            o.Clock = new SimClock(Ist.At(Sim.Day, new TimeOnly(10, 0)), 600, real);
            o.TickInterval = TimeSpan.FromMilliseconds(250);
        });
        var frames = new ConcurrentQueue<KiteTick[]>();
        await using var ticker = new KiteTicker(new KiteCredentials("sim", sim.Sessions.CreateSession().AccessToken), new KiteTickerOptions { RootUri = sim.TickerUri });
        ticker.Ticks += span => frames.Enqueue(span.ToArray());
        await ticker.SubscribeAsync([256265u], TickMode.Full);
        ticker.Start();
        // The subscription is served on the first step after it arrives.
        await SimTest.Until(() => { real.Advance(TimeSpan.FromMilliseconds(250)); return !frames.IsEmpty; }, "the first tick");
        for (var i = 0; i < 4; i++)
        {
            real.Advance(TimeSpan.FromMilliseconds(250));
            var now = sim.Clock.Now;
            await SimTest.Until(() => frames.Any(f => f.Any(t => t.ExchangeTimestamp == now)), $"the ticks of {Ist.Format(now)}");
        }

        // Subscribe and mode are two messages, as with Kite: a step between them may send a quote-mode
        // tick, which carries no exchange time. The full-mode frames from then on are the ones counted.
        var stamps = frames.Select(f => Assert.Single(f)).SkipWhile(t => t.ExchangeTimestamp is null)
            .Select(t => t.ExchangeTimestamp!.Value).ToList();
        Assert.Equal(Enumerable.Range(0, stamps.Count).Select(s => stamps[0].AddSeconds(s)), stamps);
        Assert.Equal(sim.Clock.Now, stamps[^1]);
        Assert.True(stamps.Count > 4 * 150, $"{stamps.Count} frames");
    }

    [Fact]
    public void Kite_latency_delivers_each_second_0_4_to_3_seconds_late_in_order_and_often_after_the_minute_boundary()
    {
        var schedule = new TickSchedule(Sim.Day, 1, TickLatency.Kite);
        var open = Ist.At(Sim.Day, MarketHours.Open);
        var arrivals = new Dictionary<long, double>();
        for (var ms = 0; ms <= 1_800_000; ms += 50)
        {
            if (schedule.LastDue(open.AddMilliseconds(ms)) is not long due) continue;
            for (var s = due; s >= schedule.Open && !arrivals.ContainsKey(s); s--) arrivals[s] = ms / 1000.0 - (s - schedule.Open);
        }
        var lateness = Enumerable.Range(0, 1790).Select(s => arrivals[schedule.Open + s]).ToList();
        Assert.All(lateness, l => Assert.InRange(l, 0.4, 3.05));
        // The last second of a minute (xx:59) lands after the next minute has begun more often than not.
        var lastSeconds = Enumerable.Range(1, 29).Select(m => lateness[m * 60 - 1]).ToList();
        Assert.True(lastSeconds.Count(l => l > 1) > lastSeconds.Count / 2, string.Join(", ", lastSeconds));
        Assert.Null(new TickSchedule(Sim.Day, 1, TickLatency.Kite).LastDue(open.AddMilliseconds(300)));
    }

    [Fact]
    public async Task With_latency_the_ticker_sends_only_the_seconds_whose_delivery_time_has_come()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45), configure: o => o.TickLatency = TickLatency.Kite);
        var ticks = new ConcurrentQueue<KiteTick>();
        await using var ticker = new KiteTicker(new KiteCredentials("sim", sim.Sessions.CreateSession().AccessToken), new KiteTickerOptions { RootUri = sim.TickerUri });
        ticker.Ticks += span => { foreach (var t in span) ticks.Enqueue(t); };
        await ticker.SubscribeAsync([256265u], TickMode.Full);
        ticker.Start();
        sim.Clock.Advance(TimeSpan.FromSeconds(20));
        var due = DateTimeOffset.FromUnixTimeSeconds(new TickSchedule(Sim.Day, sim.Options.Seed, TickLatency.Kite).LastDue(sim.Clock.Now)!.Value);
        Assert.True(due < sim.Clock.Now.AddSeconds(-0.4));
        await SimTest.Until(() => Stamps(ticks, 256265).Contains(due), "the last due second");
        await Task.Delay(sim.Options.TickInterval * 4);
        Assert.Equal(due, Stamps(ticks, 256265).Max());
    }

    [Fact]
    public async Task The_lost_ticks_fault_leaves_out_every_nth_second_and_only_those()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45), configure: o => o.Faults.LoseTickSecondsEvery = 7);
        var ticks = new ConcurrentQueue<KiteTick>();
        await using var ticker = new KiteTicker(new KiteCredentials("sim", sim.Sessions.CreateSession().AccessToken), new KiteTickerOptions { RootUri = sim.TickerUri });
        ticker.Ticks += span => { foreach (var t in span) ticks.Enqueue(t); };
        await ticker.SubscribeAsync([256265u], TickMode.Full);
        ticker.Start();
        await SimTest.Until(() => Stamps(ticks, 256265).Count > 0, "the first tick");
        var first = Stamps(ticks, 256265)[0];
        sim.Clock.Advance(TimeSpan.FromSeconds(60));
        var last = first.AddSeconds(60).ToUnixTimeSeconds() % 7 == 0 ? first.AddSeconds(59) : first.AddSeconds(60);
        await SimTest.Until(() => Stamps(ticks, 256265).Contains(last), "the last second");

        var expected = Enumerable.Range(1, 60).Select(s => first.AddSeconds(s)).Where(t => t.ToUnixTimeSeconds() % 7 != 0);
        Assert.Equal(expected, Stamps(ticks, 256265).Skip(1));
    }

    private static List<DateTimeOffset> Stamps(ConcurrentQueue<KiteTick> ticks, uint token) =>
        ticks.Where(t => t.InstrumentToken == token && t.ExchangeTimestamp is not null).Select(t => Ist.From(t.ExchangeTimestamp!.Value)).ToList();
}
