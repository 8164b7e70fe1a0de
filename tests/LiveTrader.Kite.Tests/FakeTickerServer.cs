using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveTrader.Kite.Tests;

/// <summary>A tiny Kestrel WebSocket server on 127.0.0.1 that a test drives frame by frame.</summary>
internal sealed class FakeTickerServer : IAsyncDisposable
{
    internal sealed class Session
    {
        public required WebSocket Socket { get; init; }
        public required string Query { get; init; }
        public ConcurrentQueue<string> Received { get; } = new();
        public Channel<string> ReceivedChannel { get; } = Channel.CreateUnbounded<string>();
        public TaskCompletionSource Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task SendBinaryAsync(byte[] data) => Socket.SendAsync(data, WebSocketMessageType.Binary, true, CancellationToken.None);
        public Task SendTextAsync(string text) => Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
        public void Drop() => Socket.Abort();

        public async Task<string> NextMessageAsync() =>
            await ReceivedChannel.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));
    }

    private readonly WebApplication _app;
    private int _handshakes;

    public Channel<Session> Sessions { get; } = Channel.CreateUnbounded<Session>();
    public HttpStatusCode? RejectWith { get; set; }
    public int Handshakes => Volatile.Read(ref _handshakes);
    public Uri Uri { get; private set; } = null!;

    private FakeTickerServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.UseWebSockets();
        _app.Run(HandleAsync);
    }

    public static async Task<FakeTickerServer> StartAsync()
    {
        var server = new FakeTickerServer();
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Uri = new Uri(address.Replace("http://", "ws://") + "/");
        return server;
    }

    public async Task<Session> NextSessionAsync() =>
        await Sessions.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _handshakes);
        if (!context.WebSockets.IsWebSocketRequest) { context.Response.StatusCode = 400; return; }
        if (RejectWith is { } status) { context.Response.StatusCode = (int)status; return; }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var session = new Session { Socket = socket, Query = context.Request.QueryString.Value ?? "" };
        await Sessions.Writer.WriteAsync(session);
        var buffer = new byte[8192];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close) break;
                var text = Encoding.UTF8.GetString(buffer, 0, result.Count);
                session.Received.Enqueue(text);
                await session.ReceivedChannel.Writer.WriteAsync(text);
            }
        }
        catch (Exception) { }
        finally { session.Closed.TrySetResult(); }
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await _app.StopAsync(cts.Token); } catch (Exception) { }
        await _app.DisposeAsync();
    }
}
