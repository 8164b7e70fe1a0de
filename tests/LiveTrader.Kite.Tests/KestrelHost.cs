using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveTrader.Kite.Tests;

/// <summary>Minimal Kestrel host on 127.0.0.1:0 running one request delegate (real HTTP for the REST client).</summary>
internal sealed class KestrelHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    public Uri BaseUri { get; }

    private KestrelHost(WebApplication app, Uri baseUri) { _app = app; BaseUri = baseUri; }

    public static async Task<KestrelHost> StartAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KestrelHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
