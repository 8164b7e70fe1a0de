using System.Net.Http.Json;
using LiveTrader.App.Configuration;
using LiveTrader.App.Web;
using LiveTrader.Core.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LiveTrader.App.Tests.Web;

/// <summary>The web app on the ASP.NET test server, its output in a temp folder.</summary>
public sealed class WebTestHost : IAsyncDisposable
{
    private readonly TempFolder _temp = new();
    private readonly WebApplication _app;

    /// <param name="clock">The page's real clock; the machine's unless a test needs market hours whatever the hour.</param>
    public WebTestHost(Action<LiveTraderSettings>? change = null, TimeProvider? clock = null)
    {
        Settings = SettingsLoader.Load(null);
        Settings.OutputFolder = _temp.Combine("out");
        change?.Invoke(Settings);
        _app = WebApp.Build(Settings, [WebApp.DefaultUrl], b =>
        {
            b.WebHost.UseTestServer();
            if (clock is not null) b.Services.AddSingleton(clock);
        });
        _app.StartAsync().GetAwaiter().GetResult();
        Client = _app.GetTestClient();
        Client.Timeout = TimeSpan.FromSeconds(60);
    }

    public LiveTraderSettings Settings { get; }

    public IServiceProvider Services => _app.Services;

    public HttpClient Client { get; }

    /// <summary>A same-origin write, as the page sends it.</summary>
    public Task<HttpResponseMessage> Post(string path, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        request.Headers.Add(WebSecurity.CsrfHeader, WebSecurity.CsrfValue);
        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _temp.Dispose();
    }
}
