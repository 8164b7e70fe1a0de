using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using LiveTrader.Kite.Rest;
using LiveTrader.Sim.Ticker;

namespace LiveTrader.Sim.Tests;

/// <summary>Input no client should send, answered without falling over: every error in Kite's JSON envelope with the
/// right status, no unbounded buffering, no arithmetic overflow.</summary>
public class HostileInputTests
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> Send(SimServer sim, string token, HttpMethod method, string path, HttpContent? content = null)
    {
        using var http = new HttpClient { BaseAddress = sim.BaseUri };
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("Authorization", $"token {sim.Options.ApiKey}:{token}");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Length > 0, $"{method} {path}: {(int)response.StatusCode} with no body");
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static void IsKiteError(HttpStatusCode expected, string errorType, (HttpStatusCode Status, JsonElement Body) answer)
    {
        Assert.Equal(expected, answer.Status);
        Assert.Equal(("error", errorType), (answer.Body.GetProperty("status").GetString(), answer.Body.GetProperty("error_type").GetString()));
        Assert.False(string.IsNullOrEmpty(answer.Body.GetProperty("message").GetString()));
    }

    private static FormUrlEncodedContent Form(params (string, string)[] fields) => new(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));

    [Theory]
    [InlineData("quantity", "99999999999999999999999")]      // beyond long
    [InlineData("quantity", "9223372036854775800")]          // a multiple of 65 near long.MaxValue: refused, not sliced forever
    [InlineData("quantity", "-65")]
    [InlineData("quantity", "6.5e1")]
    [InlineData("price", "79228162514264337593543950335")]  // decimal.MaxValue
    [InlineData("price", "1e9")]
    [InlineData("price", "NaN")]
    [InlineData("price", "-100")]
    [InlineData("market_protection", "1e400")]
    public async Task Overflowing_or_malformed_numbers_in_an_order_are_a_400_InputException(string field, string value)
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        var token = sim.Sessions.CreateSession().AccessToken;
        var fields = new Dictionary<string, string>
        {
            ["exchange"] = "NFO", ["tradingsymbol"] = SimTest.AtmOption(sim).Tradingsymbol, ["transaction_type"] = "BUY",
            ["order_type"] = "LIMIT", ["quantity"] = "65", ["product"] = "MIS", ["price"] = "100", ["market_protection"] = "-1", ["autoslice"] = "true",
        };
        fields[field] = value;
        IsKiteError(HttpStatusCode.BadRequest, "InputException",
            await Send(sim, token, HttpMethod.Post, "orders/regular", Form(fields.Select(f => (f.Key, f.Value)).ToArray())));
        Assert.Empty(sim.Orders.Orders());
    }

    [Fact]
    public async Task Odd_bodies_paths_and_ids_answer_in_Kites_envelope_never_a_bare_500()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        var token = sim.Sessions.CreateSession().AccessToken;

        IsKiteError(HttpStatusCode.BadRequest, "InputException",   // a JSON body where a form is expected: no fields at all
            await Send(sim, token, HttpMethod.Post, "orders/regular", new StringContent("{\"quantity\":65}", Encoding.UTF8, "application/json")));
        IsKiteError(HttpStatusCode.BadRequest, "InputException",   // a form value over the server's form limits
            await Send(sim, token, HttpMethod.Post, "orders/regular", Form(("tag", new string('x', 5 * 1024 * 1024)))));
        IsKiteError(HttpStatusCode.BadRequest, "InputException",
            await Send(sim, token, HttpMethod.Put, "orders/regular/%E2%82%AC" + new string('9', 4000), Form(("price", "1"))));
        IsKiteError(HttpStatusCode.BadRequest, "InputException",
            await Send(sim, token, HttpMethod.Post, "margins/orders", new StringContent("[{\"exchange\":\"NFO\"", Encoding.UTF8, "application/json")));
        IsKiteError(HttpStatusCode.BadRequest, "InputException",
            await Send(sim, token, HttpMethod.Post, "margins/orders", new StringContent(
                $"[{{\"exchange\":\"NFO\",\"tradingsymbol\":\"{SimTest.AtmOption(sim).Tradingsymbol}\",\"transaction_type\":\"BUY\",\"quantity\":1e30,\"price\":1e30}}]",
                Encoding.UTF8, "application/json")));
        IsKiteError(HttpStatusCode.BadRequest, "InputException",
            await Send(sim, token, HttpMethod.Put, "portfolio/positions", Form(("exchange", "NFO"), ("quantity", "99999999999999999999"))));
        IsKiteError(HttpStatusCode.BadRequest, "InputException",
            await Send(sim, token, HttpMethod.Post, "sim/faults", Form(("stall_seconds", "NaN"))));
        IsKiteError(HttpStatusCode.BadRequest, "InputException",
            await Send(sim, token, HttpMethod.Get, "instruments/historical/99999999999999/minute?from=2026-03-04+09:15:00&to=2026-03-04+10:00:00"));
        IsKiteError(HttpStatusCode.NotFound, "GeneralException", await Send(sim, token, HttpMethod.Get, "no/such/route"));

        // The server still serves after all of it.
        using var client = Sim.Client(sim, token);
        Assert.Empty(await client.GetOrdersAsync());
    }

    [Fact]
    public async Task A_ticker_message_that_never_ends_closes_the_connection_instead_of_growing_a_buffer()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        var token = sim.Sessions.CreateSession().AccessToken;
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(sim.TickerUri, $"?api_key={sim.Options.ApiKey}&access_token={token}"), CancellationToken.None);

        var chunk = Encoding.UTF8.GetBytes(new string(' ', 64 * 1024));
        for (int sent = 0; sent <= SimTickerConnection.MaxMessageBytes; sent += chunk.Length)
            await socket.SendAsync(chunk, WebSocketMessageType.Text, endOfMessage: false, CancellationToken.None);

        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(SimTest.Generous);
        WebSocketReceiveResult r;
        do r = await socket.ReceiveAsync(buffer, timeout.Token);   // ticks or heartbeats may come first
        while (r.MessageType != WebSocketMessageType.Close);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, r.CloseStatus);

        // Other connections and REST are unaffected.
        using var client = Sim.Client(sim, token);
        Assert.Empty(await client.GetTradesAsync());
    }
}
