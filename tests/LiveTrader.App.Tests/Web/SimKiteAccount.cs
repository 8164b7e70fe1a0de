using System.Net;
using LiveTrader.Core.Settings;
using LiveTrader.Sim;

namespace LiveTrader.App.Tests.Web;

/// <summary>A Kite account on the simulator: credentials with an API secret, the app's Kite roots
/// pointed at it, and the login a trader does with the page's Kite login button.</summary>
public static class SimKiteAccount
{
    public static void PointAt(LiveTraderSettings s, SimServer sim, TempFolder temp)
    {
        s.Kite.CredentialsFile = temp.File("kite.json", $$"""{"api_key": "{{sim.Options.ApiKey}}", "api_secret": "{{sim.Options.ApiSecret}}"}""");
        s.Kite.TokenFile = temp.Combine("token.json");
        s.Kite.ApiRoot = sim.BaseUri.ToString();
        s.Kite.LoginRoot = sim.BaseUri.ToString();
        s.Kite.TickerRoot = sim.TickerUri.ToString();
    }

    /// <summary>The button's redirect to Kite, Kite's redirect back with a request_token, the callback.</summary>
    public static async Task LogInAsync(WebTestHost host, SimServer sim)
    {
        var login = await host.Client.GetAsync("/api/kite/login");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(sim.LoginUrl, login.Headers.Location);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var kite = await browser.GetAsync(login.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, kite.StatusCode);
        var back = kite.Headers.Location!;
        Assert.Equal("/kite/callback", back.AbsolutePath);
        var callback = await host.Client.GetAsync(back.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
    }
}
