using System.Collections.Concurrent;
using System.Net;
using LiveTrader.Kite.Auth;
using LiveTrader.Kite.Rest;
using LiveTrader.Kite.Ticker;
using LiveTrader.Sim.Market;

namespace LiveTrader.Sim.Tests;

/// <summary>Shared pieces of the client-against-simulator tests: condition waits, a ticker with small intervals,
/// a request-counting handler and an at-the-money NIFTY option.</summary>
internal static class SimTest
{
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    /// <summary>Polls until the condition holds; fails the test after a generous timeout.</summary>
    public static async Task Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Generous);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("timed out waiting for: " + what);
            await Task.Delay(20);
        }
    }

    public static async Task<T> Until<T>(Func<T?> probe, string what) where T : class
    {
        T? value = null;
        await Until(() => (value = probe()) is not null, what);
        return value!;
    }

    /// <summary>The NIFTY option of the nearest weekly expiry (10 Mar 2026) at the strike nearest the spot.</summary>
    public static SimInstrument AtmOption(SimServer sim, string type = "CE")
    {
        var spot = sim.Market.Snapshot(sim.Catalog.ByToken(256265)!).LastPrice;
        var atm = Math.Round(spot / 50) * 50;
        return sim.Catalog.ByKey($"NFO:NIFTY26310{atm}{type}")!;
    }

    /// <summary>The NIFTY option of the nearest weekly expiry closest to the money whose book now meets <paramref name="fits"/>.</summary>
    public static SimInstrument NearMoney(SimServer sim, Func<InstrumentSnapshot, bool> fits)
    {
        var spot = sim.Market.Snapshot(sim.Catalog.ByToken(256265)!).LastPrice;
        var expiry = AtmOption(sim).Expiry;
        return sim.Catalog.All
            .Where(i => i.Underlying.Segment == Core.Market.Segment.NIFTY && i.Kind == SimInstrumentKind.Option && i.Expiry == expiry)
            .OrderBy(i => Math.Abs((double)i.Strike - spot))
            .First(i => fits(sim.Market.Snapshot(i)));
    }

    public static KiteTicker Ticker(SimServer sim, string accessToken, Action<KiteTickerOptions>? configure = null)
    {
        var o = new KiteTickerOptions
        {
            RootUri = sim.TickerUri,
            WatchdogTimeout = TimeSpan.FromSeconds(2),
            InitialReconnectDelay = TimeSpan.FromMilliseconds(100),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(500),
            MaxReconnectAttempts = 0,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(o);
        return new KiteTicker(new KiteCredentials(sim.Options.ApiKey, accessToken), o);
    }

    public static decimal Px(double price) => Math.Round((decimal)price, 2, MidpointRounding.AwayFromZero);

    /// <summary>An NFO MIS order tagged "simtest"; MARKET orders carry automatic market protection (-1), as Kite requires.</summary>
    public static KiteOrderRequest Order(string symbol, string side, string type, long qty, decimal? price = null, decimal? trigger = null) => new()
    {
        Exchange = "NFO", Tradingsymbol = symbol, TransactionType = side, OrderType = type, Quantity = qty, Product = "MIS",
        Price = price, TriggerPrice = trigger, Tag = "simtest", MarketProtection = type is "MARKET" or "SL-M" ? -1 : null,
    };

    /// <summary>The trades an aggressive order of <paramref name="quantity"/> makes against <paramref name="levels"/>
    /// (offers for a buy, bids for a sell): level by level at the level's price, no further than <paramref name="worst"/>.</summary>
    public static List<(decimal Price, long Quantity)> Take(SimDepthLevel[] levels, long quantity, bool buy, decimal? worst = null)
    {
        var fills = new List<(decimal, long)>();
        foreach (var l in levels)
        {
            decimal p = Px(l.Price);
            if (quantity == 0 || l.Quantity <= 0 || (worst is { } w && (buy ? p > w : p < w))) break;
            long q = Math.Min(quantity, l.Quantity);
            fills.Add((p, q));
            quantity -= q;
        }
        return fills;
    }

    /// <summary>A buy limit that rests: Rs 1 above the option's lower circuit limit, far below the market.</summary>
    public static decimal FarBelow(SimServer sim, SimInstrument option) =>
        Orders.PriceBands.Circuit(sim.Market.Snapshot(option)).Lower + 1;
}

/// <summary>Counts the requests that go through a client, by path.</summary>
internal sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All })
{
    public ConcurrentQueue<(HttpMethod Method, string Path, HttpStatusCode Status)> Requests { get; } = new();

    public int Count(string pathPart) => Requests.Count(r => r.Path.Contains(pathPart, StringComparison.Ordinal));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var response = await base.SendAsync(request, ct);
        Requests.Enqueue((request.Method, request.RequestUri!.AbsolutePath, response.StatusCode));
        return response;
    }
}
