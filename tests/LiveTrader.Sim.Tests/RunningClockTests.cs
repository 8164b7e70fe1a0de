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
}
