using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using LiveTrader.Core.Market;
using LiveTrader.Kite.Auth;
using LiveTrader.Kite.Ticker;

namespace LiveTrader.Sim.Tests;

public class TickerTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task KiteTicker_receives_full_index_and_option_ticks_that_follow_the_simulated_clock()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        var session = sim.Sessions.CreateSession();
        var spot = sim.Market.Snapshot(sim.Catalog.ByToken(256265)!).LastPrice;
        var atm = Math.Round(spot / 50) * 50;
        var option = sim.Catalog.ByKey($"NFO:NIFTY26310{atm}PE")!;

        var ticks = new ConcurrentQueue<KiteTick>();
        await using var ticker = new KiteTicker(new KiteCredentials("sim", session.AccessToken), new KiteTickerOptions { RootUri = sim.TickerUri });
        ticker.Ticks += span => { foreach (var t in span) ticks.Enqueue(t); };
        await ticker.SubscribeAsync([256265u, option.InstrumentToken], TickMode.Full);
        ticker.Start();

        var first = await WaitFor(ticks, t => t.InstrumentToken == option.InstrumentToken);
        var index = await WaitFor(ticks, t => t.InstrumentToken == 256265);

        Assert.False(index.Tradable);
        Assert.Equal(TickMode.Full, index.Mode);            // only a 32-byte packet decodes as an index full tick
        Assert.Equal((decimal)spot, index.LastPrice);
        Assert.Equal(Ist.At(Sim.Day, new TimeOnly(10, 0)), index.ExchangeTimestamp);

        Assert.True(first.Tradable);
        Assert.Equal(TickMode.Full, first.Mode);            // 184-byte packet
        Assert.Equal(5, first.DepthCount);
        Assert.True(first.Bids[0].RawPrice < first.Offers[0].RawPrice);
        for (int i = 0; i < 5; i++)
        {
            Assert.True(first.Offers[i].Quantity > 0);
            if (i > 0) Assert.True(first.Offers[i].RawPrice > first.Offers[i - 1].RawPrice);
        }
        Assert.True(first.Volume > 0 && first.OpenInterest > 0);
        Assert.Equal(65u, first.LastTradedQuantity % 65 == 0 ? 65u : first.LastTradedQuantity);

        // Step the simulated clock: new ticks carry the new time.
        sim.Clock.Advance(TimeSpan.FromMinutes(5));
        var later = await WaitFor(ticks, t => t.InstrumentToken == 256265 && t.ExchangeTimestamp == Ist.At(Sim.Day, new TimeOnly(10, 5)));
        Assert.Equal((decimal)sim.Market.Snapshot(sim.Catalog.ByToken(256265)!).LastPrice, later.LastPrice);
    }

    [Fact]
    public async Task Raw_frames_have_Kites_packet_sizes_per_mode_and_idle_connections_get_heartbeats()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(5));
        var session = sim.Sessions.CreateSession();
        using var ws = new ClientWebSocket();
        await ws.ConnectAsync(new Uri(sim.TickerUri, $"?api_key=sim&access_token={session.AccessToken}"), CancellationToken.None);

        var hb = await Receive(ws);
        Assert.Single(hb);                                  // nothing subscribed: 1-byte heartbeat

        var future = sim.Catalog.ByKey("NFO:NIFTY26MARFUT")!.InstrumentToken;
        async Task<int[]> SizesAfter(string? json, Action? then = null)
        {
            if (json is not null) await ws.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
            then?.Invoke();
            while (true)
            {
                var frame = await Receive(ws);
                if (frame.Length < 2) continue;
                int n = BinaryPrimitives.ReadUInt16BigEndian(frame), offset = 2;
                var sizes = new int[n];
                for (int i = 0; i < n; i++)
                {
                    sizes[i] = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(offset));
                    offset += 2 + sizes[i];
                }
                Assert.Equal(frame.Length, offset);
                return sizes;
            }
        }

        Assert.Equal(new[] { 28, 44 }, (await SizesAfter($"{{\"a\":\"subscribe\",\"v\":[256265,{future}]}}")).Order().ToArray());  // default quote mode
        Assert.Equal(new[] { 8, 8 }, await SizesAfter($"{{\"a\":\"mode\",\"v\":[\"ltp\",[256265,{future}]]}}"));
        Assert.Equal(new[] { 32, 184 }, (await SizesAfter($"{{\"a\":\"mode\",\"v\":[\"full\",[256265,{future}]]}}")).Order().ToArray());
        // An unsubscription sends nothing by itself: from the next simulated second the index is gone.
        var sizes = await SizesAfter("{\"a\":\"unsubscribe\",\"v\":[256265]}", () => sim.Clock.Advance(TimeSpan.FromSeconds(1)));
        for (var i = 0; i < 20 && sizes.Length > 1; i++)
        {
            sim.Clock.Advance(TimeSpan.FromSeconds(1));
            sizes = await SizesAfter(null);
        }
        Assert.Equal(new[] { 184 }, sizes);
    }

    [Fact]
    public async Task Handshake_with_bad_credentials_is_refused_with_403()
    {
        await using var sim = await Sim.StartAsync();
        using var ws = new ClientWebSocket();
        ws.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => ws.ConnectAsync(new Uri(sim.TickerUri, "?api_key=sim&access_token=bad"), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, ws.HttpStatusCode);
    }

    private static async Task<byte[]> Receive(ClientWebSocket ws)
    {
        using var cts = new CancellationTokenSource(Generous);
        var buffer = new byte[1 << 20];
        int count = 0;
        while (true)
        {
            var r = await ws.ReceiveAsync(buffer.AsMemory(count), cts.Token);
            count += r.Count;
            if (r.EndOfMessage) return buffer[..count];
        }
    }

    private static async Task<KiteTick> WaitFor(ConcurrentQueue<KiteTick> ticks, Func<KiteTick, bool> match)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var t in ticks.ToArray()) if (match(t)) return t;
            await Task.Delay(20);
        }
        throw new TimeoutException("no matching tick");
    }
}
