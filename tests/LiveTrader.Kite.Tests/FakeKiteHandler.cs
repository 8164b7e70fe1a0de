using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace LiveTrader.Kite.Tests;

/// <summary>A scripted HttpMessageHandler standing in for api.kite.trade.</summary>
internal sealed class FakeKiteHandler : HttpMessageHandler
{
    public sealed record Seen(HttpMethod Method, string PathAndQuery, string? Body, Dictionary<string, string> Headers, TimeSpan At);

    private readonly Func<HttpRequestMessage, string?, HttpResponseMessage> _respond;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    public ConcurrentQueue<Seen> Requests { get; } = new();

    public FakeKiteHandler(Func<HttpRequestMessage, string?, HttpResponseMessage> respond) => _respond = respond;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        Requests.Enqueue(new Seen(request.Method, request.RequestUri!.PathAndQuery, body, headers, _clock.Elapsed));
        return _respond(request, body);
    }

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Data(string dataJson) => Json($"{{\"status\":\"success\",\"data\":{dataJson}}}");

    public static HttpResponseMessage Error(HttpStatusCode status, string type, string message) =>
        Json($"{{\"status\":\"error\",\"message\":\"{message}\",\"error_type\":\"{type}\",\"data\":null}}", status);
}
