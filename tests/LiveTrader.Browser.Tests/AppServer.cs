using LiveTrader.App.Configuration;
using LiveTrader.App.Web;
using LiveTrader.Core.Settings;
using LiveTrader.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace LiveTrader.Browser.Tests;

/// <summary>The Live Trader web app on real Kestrel at http://127.0.0.1:(a free port), in this process,
/// with the configured defaults, the shared market data and its output in a temp folder.</summary>
public sealed class AppServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AppServer(WebApplication app, LiveTraderSettings settings, string temp, string url)
    {
        _app = app;
        Settings = settings;
        TempFolder = temp;
        Url = url;
    }

    public LiveTraderSettings Settings { get; }

    /// <summary>The server's own folder (output under it); deleted on dispose.</summary>
    public string TempFolder { get; }

    /// <summary>The base address, without a trailing slash.</summary>
    public string Url { get; }

    /// <param name="configure">Changes to the test's settings before the server starts (an empty data folder ...).</param>
    public static async Task<AppServer> StartAsync(Action<LiveTraderSettings, string>? configure = null)
    {
        var temp = Path.Combine(Path.GetTempPath(), "livetrader-browser-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temp);
        var settings = SettingsLoader.Load(null);
        settings.OutputFolder = Path.Combine(temp, "out");
        settings.DataFolder = Repository.SharedData;
        configure?.Invoke(settings, temp);
        // Port 0: Kestrel picks a free port itself, so two runs can never race for one.
        var app = WebApp.Build(settings, ["http://127.0.0.1:0"]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new AppServer(app, settings, temp, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try { Directory.Delete(TempFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
