using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LiveTrader.App.Tests.Web;
using LiveTrader.App.Web;

namespace LiveTrader.App.Tests.Hostile;

/// <summary>Class 4 of issue 12 on the web API (<see cref="RequestLimits"/>): a body over the limit is
/// refused whether its length is declared or it streams in chunks, and JSON nested too deep is refused
/// with its position; nothing starts and nothing is written.</summary>
public sealed class BoundedRequestTests
{
    private static HttpRequestMessage Post(string path, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add(WebSecurity.CsrfHeader, WebSecurity.CsrfValue);
        return request;
    }

    /// <summary>A body whose length is not known up front: the server sees it in chunks.</summary>
    private sealed class Unsized(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private static byte[] Huge() => Encoding.UTF8.GetBytes("{\"segments\":[\"NIFTY\"],\"pad\":\"" + new string('x', 200 * 1024) + "\"}");

    private static async Task AssertTooLarge(WebTestHost host, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("the request body is larger than 64 KB, the most this API reads", body.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("field").ValueKind);
        var status = await host.Client.GetFromJsonAsync<JsonElement>("/api/session/status");
        Assert.False(status.GetProperty("running").GetBoolean());
        Assert.False(Directory.Exists(host.Settings.OutputFolder));
    }

    [Fact]
    public async Task A_body_declared_over_the_limit_answers_413()
    {
        await using var host = new WebTestHost();
        var content = new ByteArrayContent(Huge());
        content.Headers.ContentType = new("application/json");

        var response = await host.Client.SendAsync(Post("/api/session/start", content));

        await AssertTooLarge(host, response);
    }

    [Fact]
    public async Task A_body_streamed_without_a_length_is_cut_off_at_the_limit()
    {
        await using var host = new WebTestHost();
        var content = new Unsized(Huge());
        content.Headers.ContentType = new("application/json");

        var response = await host.Client.SendAsync(Post("/api/backtest/start", content));

        await AssertTooLarge(host, response);
    }

    [Fact]
    public async Task Json_nested_past_the_depth_limit_is_refused_with_its_position()
    {
        await using var host = new WebTestHost();
        var deep = "{\"segments\":" + new string('[', 40) + new string(']', 40) + "}";

        var response = await host.Client.SendAsync(Post("/api/session/start", new StringContent(deep, Encoding.UTF8, "application/json")));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("malformed JSON at line 1, position ", body.GetProperty("message").GetString());
        Assert.False(Directory.Exists(host.Settings.OutputFolder));
    }

    [Fact]
    public async Task An_object_with_more_keys_than_the_limit_is_refused_naming_the_limit_before_anything_binds_it()
    {
        await using var host = new WebTestHost();
        var keys = string.Join(",", Enumerable.Range(0, 1000).Select(i => $"\"k{i}\":{i}"));
        var wide = "{\"segments\":[\"NIFTY\"],\n \"overrides\":{" + keys + "}}";

        var response = await host.Client.SendAsync(Post("/api/session/start", new StringContent(wide, Encoding.UTF8, "application/json")));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Matches(@"^the request body is refused at line 2, position \d+: an object with more than 256 keys, the most LiveTrader reads$", body.GetProperty("message").GetString());
        Assert.False(Directory.Exists(host.Settings.OutputFolder));
        var ok = await host.Client.SendAsync(Post("/api/session/stop", new StringContent("{}", Encoding.UTF8, "application/json")));
        Assert.NotEqual(HttpStatusCode.BadRequest, ok.StatusCode);
    }
}
