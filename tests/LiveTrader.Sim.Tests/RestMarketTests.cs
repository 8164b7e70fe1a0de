using System.Net;
using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Kite.Historical;
using LiveTrader.Kite.Rest;

namespace LiveTrader.Sim.Tests;

public class RestMarketTests
{
    [Fact]
    public async Task Instrument_dump_has_indices_futures_and_options_with_Kite_tokens_symbols_and_lots()
    {
        await using var sim = await Sim.StartAsync();
        using var client = Sim.Client(sim);
        var all = await client.GetInstrumentsAsync();

        var nifty = Assert.Single(all, i => i.InstrumentToken == 256265);
        Assert.Equal(("NIFTY 50", "NIFTY 50", "INDICES", "NSE", "EQ"), (nifty.Tradingsymbol, nifty.Name, nifty.Segment, nifty.Exchange, nifty.InstrumentType));
        Assert.Equal(1001u, nifty.ExchangeToken);
        Assert.Equal("NIFTY BANK", Assert.Single(all, i => i.InstrumentToken == 260105).Tradingsymbol);
        var sensex = Assert.Single(all, i => i.InstrumentToken == 265);
        Assert.Equal(("SENSEX", "BSE"), (sensex.Tradingsymbol, sensex.Exchange));

        foreach (var i in all)
        {
            Assert.Equal(i.ExchangeToken * 256 + (uint)i.SegmentId, i.InstrumentToken);
            Assert.Equal(i.Segment switch { "INDICES" => 9, "NFO-OPT" or "NFO-FUT" => 2, "BFO-OPT" or "BFO-FUT" => 5, _ => -1 }, i.SegmentId);
        }
        Assert.Equal(all.Count, all.Select(i => i.InstrumentToken).Distinct().Count());

        // Nearest expiries by the 2026 rules: NIFTY weekly Tuesday 10 Mar, BANKNIFTY monthly (31 Mar is a holiday → 30 Mar), SENSEX weekly Thursday 5 Mar.
        var niftyCe = Assert.Single(all, i => i.Tradingsymbol == "NIFTY2631024000CE");
        Assert.Equal((new DateOnly(2026, 3, 10), 24000m, 65, 0.05m, "NFO", "NFO-OPT", "NIFTY"),
            (niftyCe.Expiry!.Value, niftyCe.Strike, niftyCe.LotSize, niftyCe.TickSize, niftyCe.Exchange, niftyCe.Segment, niftyCe.Name));
        var bank = Assert.Single(all, i => i.Tradingsymbol == "BANKNIFTY26MAR52000PE");
        Assert.Equal((new DateOnly(2026, 3, 30), 30), (bank.Expiry!.Value, bank.LotSize));
        var sx = Assert.Single(all, i => i.Tradingsymbol == "SENSEX2630579000CE");
        Assert.Equal((new DateOnly(2026, 3, 5), 20, "BFO", "BFO-OPT"), (sx.Expiry!.Value, sx.LotSize, sx.Exchange, sx.Segment));
        Assert.Contains(all, i => i.Tradingsymbol == "NIFTY26MARFUT" && i.InstrumentType == "FUT" && i.LotSize == 65);
        Assert.Contains(all, i => i.Tradingsymbol == "SENSEX26MARFUT" && i.Segment == "BFO-FUT");

        foreach (var seg in Segments.All)
        {
            var expiry = ExpiryCalendar.Default.NextExpiry(seg, Sim.Day);
            var nearest = all.Where(i => i.Name == seg.ToString() && i.InstrumentType == "CE").Min(i => i.Expiry);
            Assert.Equal(expiry, nearest);
        }

        var nfo = await client.GetInstrumentsAsync("NFO");
        Assert.All(nfo, i => Assert.Equal("NFO", i.Exchange));
        Assert.Equal(all.Count(i => i.Exchange == "NFO"), nfo.Count);
    }

    [Fact]
    public async Task Instrument_dump_is_gzipped_csv()
    {
        await using var sim = await Sim.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.BaseUri };
        http.DefaultRequestHeaders.Add("Accept-Encoding", "gzip");
        http.DefaultRequestHeaders.Add("Authorization", "token sim:" + sim.Sessions.CreateSession().AccessToken);
        using var response = await http.GetAsync("instruments/NSE");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("gzip", response.Content.Headers.ContentEncoding);
        var instruments = LiveTrader.Kite.Instruments.InstrumentDump.Parse(await response.Content.ReadAsStreamAsync());
        Assert.Equal(2, instruments.Count); // NIFTY 50 and NIFTY BANK
    }

    [Fact]
    public async Task Historical_5minute_candles_are_aligned_to_0915_and_end_at_the_live_price()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(62.5)); // 10:17:30
        using var client = Sim.Client(sim);
        var from = Ist.At(new DateOnly(2026, 3, 2), new TimeOnly(9, 15));
        var to = Ist.At(Sim.Day, new TimeOnly(15, 30));
        var candles = await client.GetHistoricalAsync(256265, KiteInterval.FiveMinute, from, to);

        // 2 Mar full session (3 Mar is Holi) + 13 candles today, the last one (10:15) partial.
        Assert.Equal(75 + 13, candles.Count);
        Assert.All(candles, c => Assert.Equal(0, (Ist.TimeOf(c.Time).ToTimeSpan() - new TimeSpan(9, 15, 0)).TotalMinutes % 5));
        Assert.All(candles, c => Assert.Equal(KiteTimeOffset, c.Time.Offset));
        Assert.DoesNotContain(candles, c => Ist.DayOf(c.Time) == new DateOnly(2026, 3, 3));
        Assert.Equal(Ist.At(Sim.Day, new TimeOnly(10, 15)), candles[^1].Time);
        Assert.All(candles, c => Assert.True(c.Low <= Math.Min(c.Open, c.Close) && c.High >= Math.Max(c.Open, c.Close)));
        Assert.All(candles, c => Assert.Equal(0, c.Volume));

        var ltp = (await client.GetLtpAsync(["NSE:NIFTY 50"]))["NSE:NIFTY 50"].LastPrice;
        Assert.Equal(ltp, candles[^1].Close);
        var today = candles.Where(c => Ist.DayOf(c.Time) == Sim.Day).ToList();
        await Task.Delay(1100);
        var ohlc = (await client.GetOhlcAsync(["NSE:NIFTY 50"]))["NSE:NIFTY 50"].Ohlc;
        Assert.Equal(today[0].Open, ohlc.Open);
        Assert.Equal(today.Max(c => c.High), ohlc.High);
        Assert.Equal(today.Min(c => c.Low), ohlc.Low);
        // The previous session's close is today's previous close.
        Assert.Equal(candles[74].Close, ohlc.Close);

        // Minute candles agree with the 5-minute ones.
        var minutes = await client.GetHistoricalAsync(256265, KiteInterval.Minute, Ist.At(Sim.Day, new TimeOnly(9, 15)), Ist.At(Sim.Day, new TimeOnly(9, 19)));
        Assert.Equal(5, minutes.Count);
        Assert.Equal(today[0].Open, minutes[0].Open);
        Assert.Equal(today[0].Close, minutes[^1].Close);
        Assert.Equal(today[0].High, minutes.Max(m => m.High));
    }

    private static readonly TimeSpan KiteTimeOffset = TimeSpan.FromMinutes(330);

    [Fact]
    public async Task Historical_rejects_bad_interval_and_too_long_ranges()
    {
        await using var sim = await Sim.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.BaseUri };
        http.DefaultRequestHeaders.Add("Authorization", "token sim:" + sim.Sessions.CreateSession().AccessToken);
        using var bad = await http.GetAsync("instruments/historical/256265/1minute?from=2026-03-02+09:15:00&to=2026-03-04+15:30:00");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("invalid interval", await bad.Content.ReadAsStringAsync());
        using var wide = await http.GetAsync("instruments/historical/256265/minute?from=2025-01-01+09:15:00&to=2026-03-04+15:30:00");
        Assert.Equal(HttpStatusCode.BadRequest, wide.StatusCode);
        Assert.Contains("interval exceeds max limit: 60 days", await wide.Content.ReadAsStringAsync());
        using var ok = await http.GetAsync("instruments/historical/256265/day?from=2026-02-20&to=2026-03-04&oi=1");
        var body = await ok.Content.ReadAsStringAsync();
        Assert.Contains("\"2026-03-04T00:00:00+0530\"", body);
    }

    [Fact]
    public async Task Quote_shows_an_option_with_depth_around_its_price_and_absent_keys_for_unknown_instruments()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(30));
        using var client = Sim.Client(sim);
        var spot = (double)(await client.GetLtpAsync(["NSE:NIFTY 50"]))["NSE:NIFTY 50"].LastPrice;
        var atm = Math.Round(spot / 50) * 50;
        var key = $"NFO:NIFTY26310{atm}CE";
        await Task.Delay(1100);
        var quotes = await client.GetQuoteAsync([key, "NFO:NIFTY26MARFUT", "NSE:NOPE"]);
        Assert.False(quotes.ContainsKey("NSE:NOPE"));
        var q = quotes[key];
        Assert.InRange(q.LastPrice, 20m, 400m);            // ATM weekly with ~4 sessions left
        Assert.Equal(5, q.Depth!.Buy.Length);
        Assert.Equal(5, q.Depth.Sell.Length);
        Assert.True(q.Depth.Buy[0].Price < q.Depth.Sell[0].Price);
        Assert.True(q.Depth.Buy[0].Price <= q.LastPrice && q.LastPrice <= q.Depth.Sell[0].Price);
        Assert.All(q.Depth.Buy, l => Assert.Equal(0, l.Quantity % 65));
        Assert.True(q.Volume > 0);
        var fut = quotes["NFO:NIFTY26MARFUT"];
        Assert.True(fut.LastPrice > (decimal)spot);           // carry
        Assert.True(fut.Volume > 0);
        Assert.Equal(0, fut.LastPrice * 10 % 1);              // 0.1 tick
    }

    [Fact]
    public async Task Quote_endpoint_allows_one_request_per_second_then_answers_429_NetworkException()
    {
        await using var sim = await Sim.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.BaseUri };
        http.DefaultRequestHeaders.Add("Authorization", "token sim:" + sim.Sessions.CreateSession().AccessToken);
        http.DefaultRequestHeaders.Add("X-Kite-Version", "3");
        var codes = new List<HttpStatusCode>();
        for (int i = 0; i < 4; i++)
        {
            using var r = await http.GetAsync("quote?i=NSE:NIFTY+50");
            codes.Add(r.StatusCode);
            if (r.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var body = await r.Content.ReadAsStringAsync();
                Assert.Contains("\"error_type\":\"NetworkException\"", body);
                Assert.Contains("Too many requests", body);
            }
        }
        Assert.Contains(HttpStatusCode.OK, codes);
        Assert.Contains(HttpStatusCode.TooManyRequests, codes);

        // The real client maps it to NetworkException (and would retry it).
        using var client = Sim.Client(sim, clientRateGates: false);
        await Task.Delay(1100);
        var calls = Enumerable.Range(0, 3).Select(_ => client.GetLtpAsync(["NSE:NIFTY 50"])).ToList();
        var ex = await Assert.ThrowsAnyAsync<KiteException>(async () => { foreach (var c in calls) await c; });
        Assert.IsType<NetworkException>(ex);
        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
    }
}
