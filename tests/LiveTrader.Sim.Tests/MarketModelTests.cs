using LiveTrader.Core.Market;
using LiveTrader.Kite.Historical;
using LiveTrader.Sim.Market;

namespace LiveTrader.Sim.Tests;

public class MarketModelTests
{
    private static readonly DateOnly ReplayDay = new(2024, 8, 22);
    private static string NiftyMinutes => Sim.DataFile("NIFTY_minute_2024-01-01_2024-08-23.csv");

    private static SimOptions ReplayOptions(TimeSpan at) => Sim.Options(ReplayDay, at, o => o.ReplayFiles.Add(NiftyMinutes));

    [Fact]
    public void Replay_tick_path_reproduces_every_one_minute_candle_of_the_file()
    {
        var market = new SimMarket(ReplayOptions(TimeSpan.Zero));
        var day = market.Today(IndexSpec.Nifty);
        var candles = CandleReplay.Load(NiftyMinutes).CandlesOf(ReplayDay);
        Assert.Equal(375, candles.Count);
        foreach (var c in candles)
        {
            int m = (int)(c.Start - Ist.At(ReplayDay, MarketHours.Open)).TotalMinutes;
            var prices = Enumerable.Range(m * 60, 60).Select(day.PriceAt).ToArray();
            Assert.Equal(c.Open, prices[0]);
            Assert.Equal(c.Close, prices[^1]);
            Assert.Equal(c.High, prices.Max());
            Assert.Equal(c.Low, prices.Min());
        }
        Assert.Equal(candles[^1].Close, day.Close);
        // Previous close comes from the file's previous session.
        Assert.Equal(CandleReplay.Load(NiftyMinutes).CandlesOf(new DateOnly(2024, 8, 21))[^1].Close, day.PreviousClose);
    }

    [Fact]
    public async Task Replay_served_over_REST_matches_the_file_today_and_on_earlier_sessions()
    {
        await using var sim = await SimServer.StartAsync(ReplayOptions(TimeSpan.FromMinutes(375)));
        using var client = Sim.Client(sim);
        var file = CandleReplay.Load(NiftyMinutes);
        var from = Ist.At(new DateOnly(2024, 8, 21), MarketHours.Open);
        var to = Ist.At(ReplayDay, new TimeOnly(15, 29));
        var served = await client.GetHistoricalAsync(256265, KiteInterval.Minute, from, to);
        var expected = file.CandlesOf(new DateOnly(2024, 8, 21)).Concat(file.CandlesOf(ReplayDay)).ToList();
        Assert.Equal(expected.Count, served.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Start, served[i].Time);
            Assert.Equal((decimal)expected[i].Open, served[i].Open);
            Assert.Equal((decimal)expected[i].High, served[i].High);
            Assert.Equal((decimal)expected[i].Low, served[i].Low);
            Assert.Equal((decimal)expected[i].Close, served[i].Close);
        }
        // Lot sizes follow the replayed date (NIFTY 25 in Aug 2024).
        var dump = await client.GetInstrumentsAsync("NFO");
        Assert.All(dump.Where(i => i.Name == "NIFTY"), i => Assert.Equal(25, i.LotSize));
    }

    [Fact]
    public void Seeded_model_is_deterministic_for_a_seed_and_differs_across_seeds()
    {
        double[] Path(ulong seed)
        {
            var market = new SimMarket(Sim.Options(configure: o => o.Seed = seed));
            var day = market.Today(IndexSpec.BankNifty);
            return Enumerable.Range(0, IndexDay.SessionSeconds + 1).Select(day.PriceAt).ToArray();
        }
        Assert.Equal(Path(7), Path(7));
        Assert.NotEqual(Path(7), Path(8));
    }

    [Fact]
    public void Seeded_model_has_a_busy_open_and_stays_plausible()
    {
        var market = new SimMarket(Sim.Options(configure: o => o.Seed = 3));
        foreach (var spec in IndexSpec.All)
        {
            var day = market.Today(spec);
            double Activity(int fromMinute, int toMinute) =>
                Enumerable.Range(fromMinute, toMinute - fromMinute).Average(m => day.Minutes[m].High - day.Minutes[m].Low);
            Assert.True(Activity(0, 15) > Activity(150, 240), $"{spec.Segment}: opening minutes should be wider than midday");
            var range = (day.HighUpTo(IndexDay.SessionSeconds) - day.LowUpTo(IndexDay.SessionSeconds)) / day.PriceAt(0);
            Assert.InRange(range, 0.001, 0.06);
            Assert.All(day.Minutes, m => Assert.Equal(0, Math.Round(m.Close * 20 % 1, 6) % 1));
        }
    }

    [Fact]
    public void Option_prices_obey_put_call_ordering_and_the_smile()
    {
        var market = new SimMarket(Sim.Options(at: TimeSpan.FromHours(2)));
        var spot = market.Snapshot(market.Catalog.ByToken(256265)!).LastPrice;
        var atm = Math.Round(spot / 50) * 50;
        double Price(string type, double strike) => market.Snapshot(market.Catalog.ByKey($"NFO:NIFTY26310{strike}{type}")!).LastPrice;
        Assert.True(Price("CE", atm - 200) > Price("CE", atm) && Price("CE", atm) > Price("CE", atm + 200));
        Assert.True(Price("PE", atm + 200) > Price("PE", atm) && Price("PE", atm) > Price("PE", atm - 200));
        double years = market.Book.YearsToExpiry(market.Clock.Now, new DateOnly(2026, 3, 10));
        Assert.True(OptionBook.Volatility(IndexSpec.Nifty, spot, atm - 1000, years) > OptionBook.Volatility(IndexSpec.Nifty, spot, atm, years));
        Assert.True(OptionBook.Volatility(IndexSpec.Nifty, spot, atm + 1000, years) > OptionBook.Volatility(IndexSpec.Nifty, spot, atm, years));
    }
}
