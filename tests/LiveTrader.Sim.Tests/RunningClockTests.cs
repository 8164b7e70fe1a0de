using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;

namespace LiveTrader.Sim.Tests;

public class RunningClockTests
{
    [Fact]
    public async Task Default_options_open_the_latest_trading_day_at_0915_and_speed_multiplies_time()
    {
        await using var sim = await SimServer.StartAsync(new SimOptions { Port = 0, Speed = 600 });
        Assert.True(ExpiryCalendar.Default.IsTradingDay(sim.Market.Day));
        Assert.True(sim.Market.Day <= Ist.DayOf(DateTimeOffset.UtcNow));
        Assert.Equal(Ist.At(sim.Market.Day, MarketHours.Open), sim.Clock.Start);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (sim.Clock.Now < sim.Clock.Start.AddMinutes(1) && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(sim.Clock.Now >= sim.Clock.Start.AddMinutes(1)); // a simulated minute passes in ~0.1 s
    }

    [Fact]
    public void Manual_clock_moves_only_when_told()
    {
        var start = Ist.At(new DateOnly(2026, 3, 4), MarketHours.Open);
        var clock = SimClock.Manual(start);
        Assert.Equal(start, clock.Now);
        clock.Advance(TimeSpan.FromSeconds(90));
        Assert.Equal(start.AddSeconds(90), clock.Now);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Set(start));
    }

    [Fact]
    public void A_held_clock_waits_at_the_open_until_released_then_runs_from_it()
    {
        var real = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var start = Ist.At(new DateOnly(2026, 3, 4), MarketHours.Open);
        var clock = new SimClock(start, speed: 900, real, held: true);

        real.Advance(TimeSpan.FromSeconds(20)); // a slow session start: 5 market hours at x900
        Assert.Equal(start, clock.Now);

        clock.Release();
        real.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(start.AddMinutes(30), clock.Now);
        clock.Release(); // a second release does not restart the day
        Assert.Equal(start.AddMinutes(30), clock.Now);
    }

    [Fact]
    public async Task A_simulator_started_with_a_held_clock_serves_0915_until_released()
    {
        await using var sim = await SimServer.StartAsync(new SimOptions { Port = 0, Speed = 600, HoldClock = true, Date = new DateOnly(2026, 1, 7) });
        await Task.Delay(100);
        Assert.Equal(sim.Clock.Start, sim.Clock.Now);
        sim.Clock.Release();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (sim.Clock.Now == sim.Clock.Start && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(sim.Clock.Now > sim.Clock.Start);
    }
}
