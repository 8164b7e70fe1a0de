using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveTrader.App.Tests.Web;

namespace LiveTrader.App.Tests.Hostile;

/// <summary>Class 3 of issue 12: a broken credentials file is named with what is wrong in the account's
/// status, while the rest of the page keeps answering and the file is left as it was.</summary>
public sealed class BrokenFilesTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("{ \"api_key\": \"abc\", \"access_token\": ", "is not valid JSON (line 0)")]
    [InlineData("", "is not valid JSON (line 0)")]
    public async Task A_malformed_credentials_file_is_named_in_the_status_and_the_page_keeps_working(string content, string problem)
    {
        var credentials = _temp.File("kite.json", content);
        var before = HostileFiles.Snapshot(_temp.Path);
        await using var host = new WebTestHost(s =>
        {
            s.Kite.CredentialsFile = credentials;
            s.Kite.TokenFile = _temp.Combine("token.json");
        });

        var status = await host.Client.GetAsync("/api/session/status");
        var config = await host.Client.GetAsync("/api/config");
        var sources = await host.Client.GetAsync("/api/backtest/sources");
        var login = await host.Client.GetAsync("/api/kite/login");
        var account = (await status.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("account");

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal($"Credentials file '{credentials}' {problem}.", account.GetProperty("state").GetString());
        Assert.False(account.GetProperty("loggedIn").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, config.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sources.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, login.StatusCode);
        HostileFiles.AssertUnchanged(before, _temp.Path);
    }

    [Fact]
    public async Task A_credentials_file_far_too_large_is_refused_on_its_size_without_reading_it()
    {
        var credentials = _temp.Combine("kite.json");
        using (var stream = new FileStream(credentials, FileMode.CreateNew)) stream.SetLength(1024L * 1024 * 1024);
        await using var host = new WebTestHost(s =>
        {
            s.Kite.CredentialsFile = credentials;
            s.Kite.TokenFile = _temp.Combine("token.json");
        });

        var status = await host.Client.GetFromJsonAsync<JsonElement>("/api/session/status");

        Assert.Equal($"Credentials file '{credentials}' is larger than 64 KB: not a credentials file.", status.GetProperty("account").GetProperty("state").GetString());
        Assert.Equal(1024L * 1024 * 1024, new FileInfo(credentials).Length);
    }

    [Fact]
    public void A_paper_session_on_kite_with_a_malformed_credentials_file_names_the_file_in_its_one_error_line()
    {
        var credentials = _temp.File("kite.json", "{ \"api_key\": ");
        var config = _temp.File("c.json", $$"""
            { "LiveTrader": { "Kite": { "CredentialsFile": {{JsonSerializer.Serialize(credentials)}}, "TokenFile": {{JsonSerializer.Serialize(_temp.Combine("token.json"))}} } } }
            """);
        var before = HostileFiles.Snapshot(_temp.Path);
        var environment = new Dictionary<string, string?> { ["KITE_API_KEY"] = null, ["KITE_ACCESS_TOKEN"] = null, ["KITE_API_SECRET"] = null };

        var (exit, _, err) = AppProcess.Run(_temp.Path, environment, "paper", "--feed", "kite", "--config", config, "--out", _temp.Combine("out"));

        Assert.Equal(2, exit);
        Assert.Equal($"error: login required: Credentials file '{credentials}' is not valid JSON (line 0).", HostileFiles.OneErrorLine(err));
        HostileFiles.AssertUnchanged(before, _temp.Path);
    }
}
