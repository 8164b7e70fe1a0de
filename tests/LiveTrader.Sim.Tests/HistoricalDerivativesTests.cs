using System.Net;
using System.Text.Json;
using LiveTrader.Core.Market;
using LiveTrader.Kite.Historical;

namespace LiveTrader.Sim.Tests;

/// <summary>Historical candles of futures and options as Kite serves them: open interest on request,
/// nothing before a contract is listed, expired months only as continuous day candles of an NFO
/// future, and the requests Kite refuses refused here too.</summary>
public class HistoricalDerivativesTests
{
    [Fact]
    public async Task Futures_and_options_carry_open_interest_only_when_asked_and_an_index_carries_zero()
    {
        // Five requests in a row: the simulator's 3-a-second limit is tested elsewhere.
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromHours(6.25), configure: o => o.HistoricalRatePerSecond = 0);
        using var client = Sim.Client(sim);
        var future = sim.Catalog.ByKey("NFO:NIFTY26MARFUT")!;
        var option = SimTest.AtmOption(sim);
        var yesterday = Ist.At(sim.Market.Book.PreviousTradingDay(Sim.Day), MarketHours.Open);
        foreach (var token in new[] { future.InstrumentToken, option.InstrumentToken })
        {
            var plain = await client.GetHistoricalAsync(token, KiteInterval.Minute, yesterday, yesterday.AddHours(6.25));
            var withOi = await client.GetHistoricalAsync(token, KiteInterval.Minute, yesterday, yesterday.AddHours(6.25), openInterest: true);
            Assert.Equal(375, withOi.Count);
            Assert.All(plain, c => Assert.Null(c.OpenInterest));
            Assert.All(withOi, c => Assert.True(c.OpenInterest > 0, $"{token} {c.Time}: oi {c.OpenInterest}"));
            Assert.Equal(plain.Select(c => (c.Time, c.Open, c.Close, c.Volume)), withOi.Select(c => (c.Time, c.Open, c.Close, c.Volume)));
        }
        var index = await client.GetHistoricalAsync(256265, KiteInterval.Minute, yesterday, yesterday.AddHours(1), openInterest: true);
        Assert.All(index, c => Assert.Equal(0, c.OpenInterest));
    }

    [Fact]
    public async Task A_contract_has_no_candles_before_its_listing_but_continuous_day_candles_splice_the_expired_months()
    {
        await using var sim = await Sim.StartAsync(configure: o => o.HistoricalRatePerSecond = 0);
        using var client = Sim.Client(sim);
        var may = sim.Catalog.ByKey("NFO:NIFTY26MAYFUT")!;
        var listed = sim.Market.ListingDay(may);
        // May's contract is listed the day after February's monthly expiry, three months before its own.
        Assert.Equal(sim.Market.Calendar.MonthlyExpiry(Segment.NIFTY, 2026, 2).AddDays(1), listed);
        var from = Ist.At(Sim.Day.AddDays(-120), TimeOnly.MinValue);
        var to = Ist.At(Sim.Day.AddDays(-1), TimeOnly.MinValue);
        var own = await client.GetHistoricalAsync(may.InstrumentToken, KiteInterval.Day, from, to);
        Assert.NotEmpty(own);
        Assert.True(Ist.DayOf(own[0].Time) >= listed, $"first candle {own[0].Time} before listing {listed}");

        var march = sim.Catalog.ByKey("NFO:NIFTY26MARFUT")!;
        var spliced = await client.GetHistoricalAsync(march.InstrumentToken, KiteInterval.Day, from, to, continuous: true, openInterest: true);
        var index = await client.GetHistoricalAsync(256265, KiteInterval.Day, from, to);
        Assert.Equal(index.Select(c => c.Time), spliced.Select(c => c.Time));
        // On each monthly expiry the month's contract closes on the index; the day after, the next month's
        // stands a month's carry above it: the series is each day's near month, not one contract.
        var closes = index.ToDictionary(c => Ist.DayOf(c.Time), c => c.Close);
        var expiries = Enumerable.Range(0, 4).Select(m => new DateOnly(2025, 11, 1).AddMonths(m))
            .Select(m => sim.Market.Calendar.MonthlyExpiry(Segment.NIFTY, m.Year, m.Month)).Where(closes.ContainsKey).ToList();
        Assert.NotEmpty(expiries);
        foreach (var e in expiries)
        {
            var onExpiry = spliced.Single(c => Ist.DayOf(c.Time) == e);
            Assert.InRange(onExpiry.Close - closes[e], -1m, 1m);
            var after = spliced.First(c => Ist.DayOf(c.Time) > e);
            Assert.True(after.Close - closes[Ist.DayOf(after.Time)] > 20m, $"the day after {e:yyyy-MM-dd} the next month trades at a carry");
        }
    }

    [Theory]
    [InlineData("NFO:NIFTY26MARFUT", "minute", "continuous=1", "continuous data is available only for day candles")]
    [InlineData("BFO:SENSEX26MARFUT", "day", "continuous=1", "continuous data is available only for day candles of NFO")]
    [InlineData("NSE:NIFTY 50", "day", "continuous=1", "continuous data is available only for day candles")]
    [InlineData("NFO:NIFTY26MARFUT", "minute", "oi=2", "invalid oi/continuous")]
    [InlineData("NFO:NIFTY26MARFUT", "minute", "continuous=yes", "invalid oi/continuous")]
    public async Task Requests_Kite_refuses_are_refused_with_an_InputException(string key, string interval, string flag, string message)
    {
        await using var sim = await Sim.StartAsync();
        using var http = Http(sim);
        var token = sim.Catalog.ByKey(key)!.InstrumentToken;
        using var answer = await http.GetAsync($"instruments/historical/{token}/{interval}?from=2026-03-02+09:15:00&to=2026-03-03+15:30:00&{flag}");
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        Assert.Equal("InputException", body.RootElement.GetProperty("error_type").GetString());
        Assert.Contains(message, body.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_option_of_an_expired_contract_or_an_unknown_token_is_refused()
    {
        await using var sim = await Sim.StartAsync();
        using var http = Http(sim);
        // Tokens of contracts that expired before the simulated day are not in its dump: Kite lists only live ones.
        var unknown = sim.Catalog.All.Max(i => i.InstrumentToken) + 256;
        using var answer = await http.GetAsync($"instruments/historical/{unknown}/minute?from=2026-03-02+09:15:00&to=2026-03-03+15:30:00&oi=1");
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("invalid token", await answer.Content.ReadAsStringAsync());
    }

    private static HttpClient Http(SimServer sim)
    {
        var http = new HttpClient { BaseAddress = sim.BaseUri };
        http.DefaultRequestHeaders.Add("Authorization", "token sim:" + sim.Sessions.CreateSession().AccessToken);
        http.DefaultRequestHeaders.Add("X-Kite-Version", "3");
        return http;
    }
}
