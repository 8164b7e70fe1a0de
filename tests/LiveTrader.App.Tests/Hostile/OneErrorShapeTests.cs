using System.Net;
using System.Text;
using System.Text.Json;
using LiveTrader.App.Tests.Web;
using LiveTrader.App.Web;

namespace LiveTrader.App.Tests.Hostile;

/// <summary>Class 7 of issue 12: every refusal has one shape — <c>{ message, field }</c> on the web
/// API (<see cref="ApiError"/>), one <c>error:</c> line and exit code 2 in the CLI, parser errors included.</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class OneErrorShapeTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static async Task<JsonElement> Send(WebTestHost host, string path, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebSecurity.CsrfHeader, WebSecurity.CsrfValue);
        var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Malformed_json_on_start_answers_400_with_line_and_position_and_starts_nothing()
    {
        await using var host = new WebTestHost();

        var body = await Send(host, "/api/session/start", "{\n  \"segments\": [\"NIFTY\",\n");

        Assert.StartsWith("malformed JSON at line ", body.GetProperty("message").GetString());
        Assert.Contains("position", body.GetProperty("message").GetString());
        Assert.False(Directory.Exists(host.Settings.OutputFolder) && Directory.EnumerateFiles(host.Settings.OutputFolder, "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task A_wrong_type_names_the_field()
    {
        await using var host = new WebTestHost();

        var body = await Send(host, "/api/backtest/start", "{ \"rsiPeriod\": \"nine\" }");

        Assert.Equal("rsiPeriod", body.GetProperty("field").GetString());
        Assert.Contains("malformed JSON", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_refused_field_carries_message_and_field_as_well_as_the_pages_errors()
    {
        await using var host = new WebTestHost();

        var body = await Send(host, "/api/session/start", "{ \"rsiPeriod\": 1 }");

        Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
        var field = body.GetProperty("field").GetString()!;
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("signals", "--candles", "f.csv", "--out", "o.csv", "--bogus")]
    [InlineData("backtest", "--segment", "NIFTY")]
    [InlineData("paper", "--speed", "fast")]
    [InlineData("no-such-command")]
    public void Parser_errors_exit_2_with_exactly_one_error_line(params string[] args)
    {
        var before = HostileFiles.Snapshot(_temp.Path);

        var (exit, _, err) = AppProcess.Run(_temp.Path, null, args);

        Assert.Equal(2, exit);
        HostileFiles.OneErrorLine(err);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        HostileFiles.AssertUnchanged(before, _temp.Path);
    }
}
