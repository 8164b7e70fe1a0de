using System.IO.Compression;
using LiveTrader.Core.Instruments;
using LiveTrader.Sim.Faults;
using LiveTrader.Sim.Orders;
using LiveTrader.Sim.Market;
using LiveTrader.Sim.Rest;
using LiveTrader.Sim.Ticker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveTrader.Sim;

/// <summary>
/// The Kite Connect simulator: REST (Kite's paths, headers, envelopes, errors, rate limits) and the WebSocket ticker
/// on one Kestrel port bound to 127.0.0.1. Start with <see cref="StartAsync"/>, point <c>KiteRestOptions.BaseUri</c>
/// at <see cref="BaseUri"/> and <c>KiteTickerOptions.RootUri</c> at <see cref="TickerUri"/>.
/// </summary>
public sealed class SimServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;
    private int _stopped;

    private readonly ITimer? _dropTimer;

    private SimServer(WebApplication app, SimOptions options, SimMarket market, SimSessions sessions, SimOrderBook orders, SimFaults faults,
        Uri baseUri, CancellationTokenSource stopping)
    {
        _app = app;
        _stopping = stopping;
        Options = options;
        Market = market;
        Sessions = sessions;
        Orders = orders;
        Faults = faults;
        BaseUri = baseUri;
        if (options.Faults.DropTickerEvery is { } every && every > TimeSpan.Zero)
            _dropTimer = options.TimeProvider.CreateTimer(_ => faults.DropTickerConnections(), null, every, every);
    }

    public SimOptions Options { get; }
    public SimMarket Market { get; }
    public SimSessions Sessions { get; }

    /// <summary>The simulated OMS: orders, trades, positions.</summary>
    public SimOrderBook Orders { get; }

    /// <summary>Fault injection (also <c>POST /sim/faults</c>).</summary>
    public SimFaults Faults { get; }
    public SimClock Clock => Market.Clock;
    public InstrumentCatalog Catalog => Market.Catalog;

    /// <summary>REST root, e.g. <c>http://127.0.0.1:7800/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Ticker root, e.g. <c>ws://127.0.0.1:7800/</c>.</summary>
    public Uri TickerUri => new UriBuilder(BaseUri) { Scheme = "ws" }.Uri;

    /// <summary>The browser login URL of the simulator (<c>/connect/login?v=3&amp;api_key=KEY</c>).</summary>
    public Uri LoginUrl => new(BaseUri, $"connect/login?v=3&api_key={Uri.EscapeDataString(Options.ApiKey)}");

    /// <summary>Builds the market and starts listening. Throws when the port is taken or a replay file is unusable.</summary>
    public static async Task<SimServer> StartAsync(SimOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var market = new SimMarket(options, ExpiryCalendar.Default);
        var sessions = new SimSessions(options, market.Clock);
        var limiter = new SimRateLimiter(options);
        var hub = new SimTickerHub();
        var faults = new SimFaults(options, sessions, hub);
        var orders = new SimOrderBook(options, market, faults);
        orders.OrderUpdated += (apiKey, payload) =>
        {
            var frame = System.Text.Encoding.UTF8.GetBytes(SimJson.Serialize(new Dictionary<string, object?> { ["type"] = "order", ["data"] = payload }));
            foreach (var f in faults.OrderUpdates.Shape(frame))
                hub.Broadcast(apiKey, f, System.Net.WebSockets.WebSocketMessageType.Text);
        };

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{options.Host}:{options.Port}");
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(2));
        builder.Services.AddResponseCompression(o =>
        {
            o.MimeTypes = ["text/csv"];
            o.Providers.Add<GzipCompressionProvider>();
        });
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        var app = builder.Build();

        // Created before the first request can arrive, so a ticker connection always has a stop signal.
        var stopping = new CancellationTokenSource();
        app.UseResponseCompression();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(10) });
        app.UseKiteGuards(sessions, limiter, faults);
        app.MapKite(options, market, sessions);
        app.MapOrders(orders, faults);
        app.MapAccount(options, market, orders);
        app.MapFaults(faults);
        app.MapFallback(ctx => SimJson.Error(ctx, 404, "GeneralException", "Route not found"));
        app.MapGet("/", async ctx =>
        {
            if (!ctx.WebSockets.IsWebSocketRequest)
            {
                await ctx.Response.WriteAsync("LiveTrader Kite simulator\n");
                return;
            }
            var key = ctx.Request.Query["api_key"].FirstOrDefault();
            var token = ctx.Request.Query["access_token"].FirstOrDefault();
            if (sessions.Validate(key, token) is null)
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            using var socket = await ctx.WebSockets.AcceptWebSocketAsync();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping.Token);
            var connection = new SimTickerConnection(socket, options, market, orders, faults);
            hub.Register(connection, key!);
            try { await connection.RunAsync(linked.Token); }
            finally { hub.Unregister(connection); }
        });

        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var server = new SimServer(app, options, market, sessions, orders, faults, new Uri(address.TrimEnd('/') + "/"), stopping);
        options.Log?.Invoke($"Kite simulator on {server.BaseUri} — day {market.Day:yyyy-MM-dd}, speed {market.Clock.Speed}, seed {options.Seed}");
        return server;
    }

    /// <summary>Completes when the server stops (for a command-line host).</summary>
    public Task WaitForShutdownAsync(CancellationToken ct = default) => _app.WaitForShutdownAsync(ct);

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
        if (_dropTimer is not null) await _dropTimer.DisposeAsync();
        _stopping.Cancel();
        await _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
