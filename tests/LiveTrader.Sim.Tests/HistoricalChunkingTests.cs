using LiveTrader.Core.Market;
using LiveTrader.Kite.Auth;
using LiveTrader.Kite.Historical;
using LiveTrader.Kite.Rest;

namespace LiveTrader.Sim.Tests;

public class HistoricalChunkingTests
{
    [Fact]
    public async Task Minute_candles_over_130_days_take_three_requests_and_come_back_contiguous()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        var handler = new CountingHandler();
        using var client = new KiteRestClient(new KiteCredentials("sim", sim.Sessions.CreateSession().AccessToken),
            new KiteRestOptions { BaseUri = sim.BaseUri, MaxRetries = 0 }, handler);

        var from = Ist.At(Sim.Day.AddDays(-130), new TimeOnly(9, 15));
        var to = Ist.At(Sim.Day, new TimeOnly(15, 30));
        var candles = await client.GetHistoricalAsync(256265, KiteInterval.Minute, from, to);

        Assert.Equal(3, handler.Count("/instruments/historical/"));
        Assert.All(handler.Requests, r => Assert.Equal(System.Net.HttpStatusCode.OK, r.Status));
        Assert.Equal(new TimeOnly(9, 15), Ist.TimeOf(candles[0].Time));      // first session on or after 'from' (a Saturday)
        Assert.InRange((candles[0].Time - from).TotalDays, 0, 4);
        Assert.True(candles[^1].Time <= sim.Clock.Now);
        Assert.Equal(Sim.Day, Ist.DayOf(candles[^1].Time));
        for (int i = 1; i < candles.Count; i++)
        {
            var (a, b) = (candles[i - 1].Time, candles[i].Time);
            if (Ist.DayOf(a) == Ist.DayOf(b))
                Assert.Equal(TimeSpan.FromMinutes(1), b - a);
            else
            {
                Assert.Equal(new TimeOnly(15, 29), Ist.TimeOf(a));   // every earlier session is complete …
                Assert.Equal(new TimeOnly(9, 15), Ist.TimeOf(b));    // … and the next one starts at the open
            }
        }
        var days = candles.GroupBy(c => Ist.DayOf(c.Time)).ToList();
        Assert.All(days.SkipLast(1), d => Assert.Equal(375, d.Count()));
        Assert.True(days.Count > 80, $"expected about 90 sessions in 130 days, got {days.Count}");
    }
}
