using System.Net;
using LiveTrader.App.Feeds;
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

    /// <summary>The button's redirect to Kite, Kite's redirect back with a request_token, the callback
    /// with the state cookie the button set (as the browser would send it back).</summary>
    public static async Task LogInAsync(WebTestHost host, SimServer sim)
    {
        var (back, cookie) = await ToKiteAndBackAsync(host, sim);
        using var request = new HttpRequestMessage(HttpMethod.Get, back.PathAndQuery);
        request.Headers.Add("Cookie", cookie);
        var callback = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
    }

    /// <summary>Where Kite sends the browser back to, and the state cookie the login button set.</summary>
    public static async Task<(Uri Back, string Cookie)> ToKiteAndBackAsync(WebTestHost host, SimServer sim)
    {
        var login = await host.Client.GetAsync("/api/kite/login");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.StartsWith(sim.LoginUrl + "&redirect_params=state%3D", login.Headers.Location!.ToString());
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(LiveTrader.App.Web.KiteLoginEndpoints.StateCookie + "=", StringComparison.Ordinal));
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var kite = await browser.GetAsync(login.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, kite.StatusCode);
        var back = kite.Headers.Location!;
        Assert.Equal("/kite/callback", back.AbsolutePath);
        return (back, cookie.Split(';')[0]);
    }
}
