using LiveTrader.Core.Market;
using LiveTrader.Engine.Session;

namespace LiveTrader.Engine.Tests.Session;

/// <summary>The history a session fetches holds the 150 completed candles DECISIONS.md asks for, on
/// every timeframe a trader can pick, whatever weekday it starts and with two holidays inside.</summary>
public sealed class WarmUpWindowTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(15)]
    [InlineData(30)]
    [InlineData(60)]
    public void The_window_holds_at_least_the_warm_up_candles(int minutes)
    {
        var timeframe = Timeframe.FromMinutes(minutes);
        var perSession = (int)Math.Ceiling((MarketHours.Close - MarketHours.Open).TotalMinutes / minutes);
        var days = WarmUpWindow.CalendarDays(timeframe);
        for (var start = new DateOnly(2026, 1, 5); start < new DateOnly(2026, 1, 12); start = start.AddDays(1))
        {
            var sessions = Enumerable.Range(1, days).Select(d => start.AddDays(-d))
                .Count(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) - 2;
            Assert.True(sessions * perSession >= PaperSession.WarmUpCandles,
                $"{timeframe} from {start:ddd}: {days} days give {sessions} sessions of {perSession} candles");
        }
    }
}
