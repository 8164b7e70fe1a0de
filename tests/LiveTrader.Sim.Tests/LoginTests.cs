using System.Net;
using LiveTrader.Core.Market;
using LiveTrader.Kite.Auth;
using LiveTrader.Kite.Rest;

namespace LiveTrader.Sim.Tests;

public class LoginTests
{
    [Fact]
    public async Task Login_redirect_then_checksum_exchange_gives_a_working_access_token()
    {
        await using var sim = await Sim.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var login = KiteLogin.LoginUrl("sim", sim.BaseUri.ToString());
        using var redirect = await http.GetAsync(login);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var location = redirect.Headers.Location!;
        Assert.StartsWith("http://127.0.0.1:5080/kite/callback?", location.ToString());
        Assert.Contains("action=login", location.Query);
        Assert.Contains("status=success", location.Query);
        Assert.True(KiteLogin.TryGetRequestToken(location, out var requestToken));

        using var client = new KiteRestClient(new KiteCredentials("sim", null), new KiteRestOptions { BaseUri = sim.BaseUri, MaxRetries = 0 });
        var session = await client.GenerateSessionAsync(requestToken, "sim-secret");
        Assert.False(string.IsNullOrEmpty(session.AccessToken));
        Assert.Equal("SIM001", session.UserId);
        Assert.Equal("ZERODHA", session.Broker);
        Assert.Equal(Ist.At(Sim.Day, new TimeOnly(9, 15)), session.LoginTime);

        var ltp = await client.GetLtpAsync(["NSE:NIFTY 50"]);
        Assert.Equal(256265u, ltp["NSE:NIFTY 50"].InstrumentToken);

        // The request token is single use.
        await Assert.ThrowsAsync<TokenException>(() => client.GenerateSessionAsync(requestToken, "sim-secret"));
    }

    [Fact]
    public async Task Wrong_secret_fails_the_checksum()
    {
        await using var sim = await Sim.StartAsync();
        var requestToken = sim.Sessions.IssueRequestToken();
        using var client = new KiteRestClient(new KiteCredentials("sim", null), new KiteRestOptions { BaseUri = sim.BaseUri, MaxRetries = 0 });
        var ex = await Assert.ThrowsAsync<TokenException>(() => client.GenerateSessionAsync(requestToken, "wrong"));
        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
    }

    [Fact]
    public async Task Bad_token_is_403_TokenException_and_raises_login_required()
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim, token: "not-a-token");
        TokenException? raised = null;
        client.LoginRequired += (_, e) => raised = e;
        var ex = await Assert.ThrowsAsync<TokenException>(() => client.GetLtpAsync(["NSE:NIFTY 50"]));
        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.True(ex.LoginRequired);
        Assert.NotNull(raised);
    }

    [Fact]
    public async Task Access_token_expires_at_six_next_morning_on_the_simulated_clock()
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);
        await client.GetLtpAsync(["NSE:NIFTY 50"]);
        sim.Clock.Set(Ist.At(Sim.Day.AddDays(1), new TimeOnly(5, 59, 59)));
        await Task.Delay(1100); // new quote rate window (real time)
        await client.GetLtpAsync(["NSE:NIFTY 50"]);
        sim.Clock.Set(Ist.At(Sim.Day.AddDays(1), new TimeOnly(6, 0)));
        await Assert.ThrowsAsync<TokenException>(() => client.GetLtpAsync(["NSE:NIFTY 50"]));
    }

    [Fact]
    public async Task Raw_request_without_authorization_gets_Kites_error_envelope()
    {
        await using var sim = await Sim.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.BaseUri };
        using var response = await http.GetAsync("quote/ltp?i=NSE:NIFTY+50");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"status\":\"error\"", body);
        Assert.Contains("\"error_type\":\"TokenException\"", body);
    }
}
