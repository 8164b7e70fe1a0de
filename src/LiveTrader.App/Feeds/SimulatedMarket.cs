using LiveTrader.Engine.Feeds;
using LiveTrader.Kite.Auth;
using LiveTrader.Kite.Rest;
using LiveTrader.Kite.Ticker;
using LiveTrader.Sim;

namespace LiveTrader.App.Feeds;

/// <summary>The Kite simulator started in-process with a logged-in Kite market on it: the embedded
/// default feed of the console paper session and of the page. Disposing stops the simulator; the
/// market itself belongs to the paper session that uses it.</summary>
public sealed class SimulatedMarket : IAsyncDisposable
{
    private SimulatedMarket(SimServer server, KiteLiveMarket market)
    {
        Server = server;
        Market = market;
    }

    public SimServer Server { get; }

    public KiteLiveMarket Market { get; }

    /// <summary>The simulator's clock: the only time a session on it may read.</summary>
    public DateTimeOffset Now() => Server.Clock.Now;

    /// <summary>Quote age is judged in market time: a simulator running N times faster ticks N times
    /// further apart, so 5 real seconds of silence is 5 x N market seconds.</summary>
    public TimeSpan StaleQuote => TimeSpan.FromSeconds(5 * Math.Max(1, Server.Options.Speed));

    /// <summary>Market seconds per real second: a paper session stretches Kite's real-time delays (the
    /// candle grace and confirm window) by it, so a fast clock does not outrun the ticks on their way.</summary>
    public double MarketSecondsPerSecond => Math.Max(1, Server.Options.Speed);

    /// <summary>Starts the simulator with its clock held at the open: call <see cref="OpenTheDay"/>
    /// once the session on it is ready.</summary>
    public static async Task<SimulatedMarket> StartAsync(SimOptions options, CancellationToken ct)
    {
        options.HoldClock = options.Clock is null;
        // Kite's 3 historical requests a second are market seconds here: a session asking for every
        // closed candle asks N times as often at N times the speed.
        options.HistoricalRatePerSecond = (int)Math.Ceiling(options.HistoricalRatePerSecond * Math.Max(1, options.Speed));
        var server = await SimServer.StartAsync(options, ct);
        return new SimulatedMarket(server, Connect(server));
    }

    /// <summary>A new login and connection to the same simulator, as a restarted process makes.</summary>
    public KiteLiveMarket Reconnect() => Connect(Server);

    private static KiteLiveMarket Connect(SimServer server)
    {
        var login = server.Sessions.CreateSession();
        var credentials = new KiteCredentials(login.ApiKey, login.AccessToken);
        return new KiteLiveMarket(
            new KiteRestClient(credentials, new KiteRestOptions { BaseUri = server.BaseUri, HistoricalRequestsPerWindow = server.Options.HistoricalRatePerSecond }),
            new KiteTicker(credentials, new KiteTickerOptions { RootUri = server.TickerUri }),
            () => server.Clock.Now);
    }

    /// <summary>Lets the simulated day run: before this its clock waits at 09:15.</summary>
    public void OpenTheDay()
    {
        if (!Server.Clock.IsManual) Server.Clock.Release();
    }

    /// <summary>Opens the day once every segment of the session has its first index tick (the ticker
    /// is connected and subscribed), or after <paramref name="atMost"/>: at high speed a slow connection
    /// would otherwise cost the first candles their first minutes of ticks.</summary>
    public async Task OpenTheDayAsync(Engine.Session.PaperSession session, TimeSpan atMost, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(atMost);
        try
        {
            while (!session.Statuses.All(s => s.Spot is not null)) await Task.Delay(10, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // No tick yet: the day opens anyway, the feed's state is on the status line.
        }
        OpenTheDay();
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
