using System.Globalization;
using System.Text.RegularExpressions;
using LiveTrader.App.Configuration;
using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Feeds;
using LiveTrader.Engine.Session;
using LiveTrader.Kite.Auth;
using LiveTrader.Kite.Rest;
using LiveTrader.Kite.Ticker;
using LiveTrader.Sim;

namespace LiveTrader.App.Tests;

/// <summary>A paper session on the simulator while the simulator drops the connection, stalls the
/// stream, sends garbage, answers 429 and finally expires the token: no candle is lost or counted
/// twice, and every state change of the feed is in the event log.</summary>
[Collection(ProcessStateCollection.Name)]
public sealed partial class FeedFaultTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 1, 7);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Faults_in_the_feed_lose_no_candle_duplicate_none_and_show_in_the_log()
    {
        var settings = SettingsLoader.Load(null);
        await using var sim = await SimServer.StartAsync(new SimOptions { Port = 0, Speed = 300, Seed = 3, Date = Day });
        var login = sim.Sessions.CreateSession();
        var credentials = new KiteCredentials(login.ApiKey, login.AccessToken);
        var market = new KiteLiveMarket(
            new KiteRestClient(credentials, new KiteRestOptions { BaseUri = sim.BaseUri, RetryBaseDelay = TimeSpan.FromMilliseconds(50) }),
            new KiteTicker(credentials, new KiteTickerOptions
            {
                RootUri = sim.TickerUri,
                WatchdogTimeout = TimeSpan.FromSeconds(2),
                InitialReconnectDelay = TimeSpan.FromMilliseconds(100),
                MaxReconnectDelay = TimeSpan.FromMilliseconds(500),
            }),
            () => sim.Clock.Now);
        var folder = _temp.Combine("paper");
        await using (var session = new PaperSession(settings, Segments.All, folder, market, () => sim.Clock.Now) { StaleQuote = TimeSpan.FromSeconds(1500) })
        {
            await session.StartAsync(CancellationToken.None);
            await Until(sim, 10, 0);
            sim.Faults.DropTickerConnections();
            await Until(sim, 10, 45);
            sim.Faults.StallTicker(TimeSpan.FromSeconds(4)); // 20 market minutes without a tick
            await Until(sim, 12, 0);
            sim.Faults.SendGarbageFrames(5);
            sim.Faults.FailRequests(2, 429);
            await Until(sim, 12, 30);
            sim.Faults.ExpireTokens();
            await Until(sim, 13, 0);
            await session.StopAsync(closeAll: false);
        }

        var raw = File.ReadAllLines(Path.Combine(folder, DailyLogs.EventsFile(Day)));
        var events = raw.Skip(1).Select(l => l.Split(',')).ToList();
        foreach (var segment in Segments.All)
        {
            var starts = events.Where(e => e[2] == segment.ToString() && e[3] == AgentEventType.CandleProcessed)
                .Select(e => TimeOnly.ParseExact(CandleTime().Match(e[4]).Groups[1].Value, "HH:mm", CultureInfo.InvariantCulture))
                .ToList();
            Assert.True(starts.Count >= 30, $"{segment}: only {starts.Count} candles");
            Assert.Equal(new TimeOnly(9, 15), starts[0]);
            for (var i = 1; i < starts.Count; i++)
                Assert.True(starts[i] == starts[i - 1].AddMinutes(5), $"{segment}: candle {starts[i]:HH:mm} follows {starts[i - 1]:HH:mm}");
        }
        // A fault never closes a position by itself: every exit is the strategy's own.
        Assert.All(raw.Where(l => l.Contains($",{AgentEventType.Exit},", StringComparison.Ordinal)),
            l => Assert.Matches(",\"?(SL hit|Trailing SL|EOD square-off|Target):", l));

        // Feed messages may hold commas ("attempt 1, next in 0.1 s"), so they are matched on the raw rows.
        foreach (var segment in Segments.All)
        {
            var feed = raw.Where(l => l.Contains($",{segment},{AgentEventType.Feed},", StringComparison.Ordinal)).ToList();
            Assert.Contains(feed, l => l.Contains(",\"market feed reconnecting (attempt", StringComparison.Ordinal));
            Assert.Contains(feed, l => l.Contains(",market feed connected,", StringComparison.Ordinal));
            Assert.Contains(feed, l => l.Contains(",market feed login required,", StringComparison.Ordinal));
        }
    }

    private static async Task Until(SimServer sim, int hour, int minute)
    {
        var target = Ist.At(Day, new TimeOnly(hour, minute));
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (sim.Clock.Now < target && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(sim.Clock.Now >= target, $"the simulator never reached {hour:D2}:{minute:D2}");
    }

    [GeneratedRegex(@"candle (\d\d:\d\d) ")]
    private static partial Regex CandleTime();
}
