using LiveTrader.Kite.Auth;

namespace LiveTrader.Kite.Tests;

public sealed class CredentialsTests : IDisposable
{
    private const string Secret = "the-api-secret-value";
    private const string AccessToken = "the-access-token-value";
    private readonly string _dir = Directory.CreateTempSubdirectory("kite-cred-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Func<string, string?> Env(params (string K, string V)[] vars) =>
        name => vars.FirstOrDefault(v => v.K == name).V;

    [Fact]
    public void Environment_variables_win()
    {
        var file = Path.Combine(_dir, "config.json");
        File.WriteAllText(file, """{"api_key":"filekey","api_secret":"s","access_token":"filetoken"}""");
        var c = KiteCredentialStore.Resolve(new KiteCredentialOptions { CredentialsFile = file },
            Env(("KITE_API_KEY", "envkey"), ("KITE_ACCESS_TOKEN", "envtoken")));
        Assert.Equal(("envkey", "envtoken", CredentialSource.Environment), (c!.ApiKey, c.AccessToken, c.Source));
    }

    [Fact]
    public void Dashboard_style_credentials_file_is_read()
    {
        var file = Path.Combine(_dir, "config.json");
        File.WriteAllText(file, """{"api_key":"filekey","api_secret":"the-api-secret-value","access_token":"filetoken","other":1}""");
        var c = KiteCredentialStore.Resolve(new KiteCredentialOptions { CredentialsFile = file }, Env());
        Assert.Equal(("filekey", "filetoken", Secret, CredentialSource.CredentialsFile), (c!.ApiKey, c.AccessToken, c.ApiSecret, c.Source));
    }

    [Fact]
    public void Without_a_token_the_key_and_secret_are_kept_for_the_login_flow()
    {
        var file = Path.Combine(_dir, "config.json");
        File.WriteAllText(file, """{"api_key":"filekey","api_secret":"the-api-secret-value","access_token":""}""");
        var c = KiteCredentialStore.Resolve(new KiteCredentialOptions { CredentialsFile = file }, Env());
        Assert.False(c!.HasAccessToken);
        Assert.Equal(Secret, c.ApiSecret);
        Assert.Null(KiteCredentialStore.Resolve(new KiteCredentialOptions(), Env()));
    }

    [Fact]
    public void Saved_token_file_is_owner_only_and_is_used_until_it_expires()
    {
        var tokenFile = Path.Combine(_dir, "sub", "kite-token.json");
        var login = new DateTimeOffset(2026, 3, 2, 8, 50, 0, TimeSpan.FromMinutes(330));
        var expiry = KiteCredentialStore.TokenExpiry(login);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 6, 0, 0, TimeSpan.FromMinutes(330)), expiry);
        KiteCredentialStore.SaveToken(tokenFile, "k", AccessToken, expiry);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));

        var options = new KiteCredentialOptions { TokenFile = tokenFile };
        var c = KiteCredentialStore.Resolve(options, Env(("KITE_API_KEY", "k")), now: login.AddHours(1));
        Assert.Equal((AccessToken, CredentialSource.TokenFile), (c!.AccessToken, c.Source));
        var stale = KiteCredentialStore.Resolve(options, Env(("KITE_API_KEY", "k")), now: expiry.AddMinutes(1));
        Assert.False(stale!.HasAccessToken);
    }

    [Fact]
    public void Token_expiry_before_six_is_the_same_morning()
    {
        var early = new DateTimeOffset(2026, 3, 2, 5, 0, 0, TimeSpan.FromMinutes(330));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.FromMinutes(330)), KiteCredentialStore.TokenExpiry(early));
    }

    [Fact]
    public void Secrets_never_appear_in_ToString_or_errors()
    {
        var c = new KiteCredentials("apikey-visible?", AccessToken, Secret, CredentialSource.Environment);
        var text = c.ToString();
        Assert.DoesNotContain(AccessToken, text);
        Assert.DoesNotContain(Secret, text);
        Assert.DoesNotContain("apikey-visible?", text);
        Assert.Contains("Environment", text);

        var bad = Path.Combine(_dir, "bad.json");
        File.WriteAllText(bad, "{\"access_token\":\"" + AccessToken + "\", oops");
        var ex = Assert.Throws<InvalidDataException>(() => KiteCredentialStore.Resolve(new KiteCredentialOptions { CredentialsFile = bad }, Env()));
        Assert.DoesNotContain(AccessToken, ex.ToString());
    }

    [Fact]
    public void Login_url_and_redirect_parsing()
    {
        Assert.Equal("https://kite.zerodha.com/connect/login?v=3&api_key=abc", KiteLogin.LoginUrl("abc").ToString());
        Assert.True(KiteLogin.TryGetRequestToken(new Uri("http://127.0.0.1:5080/kite/callback?request_token=tok123&action=login&status=success"), out var t));
        Assert.Equal("tok123", t);
        Assert.False(KiteLogin.TryGetRequestToken(new Uri("http://x/cb?request_token=tok&status=cancelled"), out _));
        Assert.False(KiteLogin.TryGetRequestToken(new Uri("http://x/cb?status=success"), out _));
    }
}
