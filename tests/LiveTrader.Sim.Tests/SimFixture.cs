using LiveTrader.Core.Market;
using LiveTrader.Kite.Auth;
using LiveTrader.Kite.Rest;

namespace LiveTrader.Sim.Tests;

/// <summary>Starts a simulator on an ephemeral port with a manual clock, so tests never depend on wall-clock timing.</summary>
internal static class Sim
{
    public static readonly DateOnly Day = new(2026, 3, 4); // a Wednesday, trading day

    public static string DataFile(string name) => LiveTrader.Tests.Repository.Data(name);

    public static SimOptions Options(DateOnly? day = null, TimeSpan? at = null, Action<SimOptions>? configure = null)
    {
        var d = day ?? Day;
        var o = new SimOptions
        {
            Port = 0,
            Clock = SimClock.Manual(Ist.At(d, new TimeOnly(9, 15)).Add(at ?? TimeSpan.Zero)),
            TickInterval = TimeSpan.FromMilliseconds(50),
            HeartbeatInterval = TimeSpan.FromMilliseconds(300),
        };
        configure?.Invoke(o);
        return o;
    }

    public static Task<SimServer> StartAsync(DateOnly? day = null, TimeSpan? at = null, Action<SimOptions>? configure = null) =>
        SimServer.StartAsync(Options(day, at, configure));

    /// <summary>A real client with an access token issued directly by the simulator; rate gates and retries off.</summary>
    public static KiteRestClient Client(SimServer sim, string? token = null, int retries = 0, bool clientRateGates = true) =>
        new(new KiteCredentials(sim.Options.ApiKey, token ?? sim.Sessions.CreateSession().AccessToken),
            new KiteRestOptions
            {
                BaseUri = sim.BaseUri,
                MaxRetries = retries,
                QuoteRequestsPerWindow = clientRateGates ? 1 : 0,
                RetryBaseDelay = TimeSpan.FromMilliseconds(200),
            });
}
