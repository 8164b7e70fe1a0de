using System.Net;
using System.Net.Http.Json;
using LiveTrader.App.Commands;
using LiveTrader.App.Configuration;
using LiveTrader.App.Web;

namespace LiveTrader.App.Tests.Web;

/// <summary>Loopback by default, a token elsewhere, and no cross-site writes.</summary>
public sealed class WebSecurityTests
{
    [Fact]
    public async Task A_post_without_the_anti_csrf_header_is_refused_and_changes_nothing()
    {
        await using var host = new WebTestHost();
        var plain = await host.Client.PostAsJsonAsync("/api/session/start", new { segments = new[] { "NIFTY" }, speed = 900 });
        Assert.Equal(HttpStatusCode.Forbidden, plain.StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/session/start") { Content = JsonContent.Create(new { segments = new[] { "NIFTY" } }) };
        request.Headers.Add(WebSecurity.CsrfHeader, WebSecurity.CsrfValue);
        request.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client.SendAsync(request)).StatusCode);

        var status = await host.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/session/status");
        Assert.False(status.GetProperty("running").GetBoolean());
    }

    [Fact]
    public async Task Without_a_token_a_request_naming_another_host_is_refused_so_dns_rebinding_cannot_drive_it()
    {
        await using var host = new WebTestHost();
        foreach (var name in new[] { "evil.example:5080", "192.168.1.20:5080" })
        {
            using var read = new HttpRequestMessage(HttpMethod.Get, "/api/session/status");
            read.Headers.Host = name;
            Assert.Equal(HttpStatusCode.Forbidden, (await host.Client.SendAsync(read)).StatusCode);
            using var write = new HttpRequestMessage(HttpMethod.Post, "/api/session/start") { Content = JsonContent.Create(new { segments = new[] { "NIFTY" } }) };
            write.Headers.Host = name;
            write.Headers.Add(WebSecurity.CsrfHeader, WebSecurity.CsrfValue);
            write.Headers.Add("Origin", $"http://{name}");
            Assert.Equal(HttpStatusCode.Forbidden, (await host.Client.SendAsync(write)).StatusCode);
        }
        foreach (var name in new[] { "127.0.0.1:5080", "localhost:5080", "[::1]:5080" })
        {
            using var read = new HttpRequestMessage(HttpMethod.Get, "/api/session/status");
            read.Headers.Host = name;
            Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(read)).StatusCode);
        }
        var status = await host.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/session/status");
        Assert.False(status.GetProperty("running").GetBoolean());
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://192.168.1.20:5080")]
    public void A_non_loopback_address_without_a_token_is_refused_before_listening(string url)
    {
        var settings = SettingsLoader.Load(null);
        var error = Assert.Throws<UsageError>(() => WebApp.Build(settings, [url]));
        Assert.Contains("AccessToken", error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::1]:5080")]
    public void Loopback_addresses_need_no_token(string url) => Assert.True(WebSecurity.IsLoopback(url));

    [Fact]
    public async Task With_a_token_configured_every_request_needs_it()
    {
        var settings = SettingsLoader.Load(null);
        settings.Web.AccessToken = "let-me-in";
        await using (var built = WebApp.Build(settings, ["http://0.0.0.0:5080"])) { } // accepted with a token

        await using var host = new WebTestHost(s => s.Web.AccessToken = "let-me-in");
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.GetAsync("/api/session/status")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.GetAsync("/")).StatusCode);
        var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/config");
        wrong.Headers.Add(WebSecurity.TokenHeader, "guess");
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.SendAsync(wrong)).StatusCode);

        var right = new HttpRequestMessage(HttpMethod.Get, "/api/session/status");
        right.Headers.Add(WebSecurity.TokenHeader, "let-me-in");
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(right)).StatusCode);

        var cookie = new HttpRequestMessage(HttpMethod.Get, "/api/session/status");
        cookie.Headers.Add("Cookie", $"{WebSecurity.TokenCookie}=let-me-in");
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(cookie)).StatusCode);
    }
}
