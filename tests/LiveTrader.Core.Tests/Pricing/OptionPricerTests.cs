using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Pricing;
using LiveTrader.Core.Settings;

namespace LiveTrader.Core.Tests.Pricing;

public class OptionPricerTests
{
    private static readonly OptionPricer Pricer = new(ExpiryCalendar.Default);
    private static readonly SegmentSettings Nifty = new() { StrikeStep = 50, ItmOffsetPoints = 100, ImpliedVolatility = 0.11, TickSize = 0.05m };
    private static DateTimeOffset At(int y, int m, int d, int h, int min) => Ist.At(new DateOnly(y, m, d), new TimeOnly(h, min));

    [Fact]
    public void Chooses_nearest_expiry_and_itm_strike()
    {
        var quote = Pricer.Quote(Segment.NIFTY, Nifty, OptionType.CE, At(2025, 12, 24, 10, 0), 26180.4m);
        Assert.Equal("NIFTY25DEC26100CE", quote.Contract.TradingSymbol);
        Assert.Equal(new DateOnly(2025, 12, 30), quote.Contract.Expiry);
        Assert.True(quote.Premium > 80.40m, "an ITM call is worth more than its intrinsic value before expiry");
    }

    [Fact]
    public void On_expiry_day_the_expiring_contract_is_used_until_the_close()
    {
        var morning = Pricer.ChooseContract(Segment.NIFTY, Nifty, OptionType.PE, At(2025, 12, 23, 9, 20), 26180m);
        Assert.Equal("NIFTY25D2326300PE", morning.TradingSymbol);
        var evening = Pricer.ChooseContract(Segment.NIFTY, Nifty, OptionType.PE, At(2025, 12, 23, 15, 30), 26180m);
        Assert.Equal(new DateOnly(2025, 12, 30), evening.Expiry);
    }

    [Fact]
    public void Never_prices_below_one_tick()
    {
        var far = Pricer.Contract(Segment.NIFTY, new DateOnly(2025, 12, 30), 30000m, OptionType.CE);
        Assert.Equal(0.05m, Pricer.Price(far, At(2025, 12, 29, 10, 0), 26000m, 0.11));
    }

    [Fact]
    public void At_the_expiry_close_it_is_worth_intrinsic_value()
    {
        var itm = Pricer.Contract(Segment.NIFTY, new DateOnly(2025, 12, 30), 26000m, OptionType.CE);
        Assert.Equal(123.45m, Pricer.Price(itm, At(2025, 12, 30, 15, 30), 26123.45m, 0.11));
    }

    [Fact]
    public void Rate_is_configurable_and_raises_calls()
    {
        var c = Pricer.Contract(Segment.NIFTY, new DateOnly(2025, 12, 30), 26000m, OptionType.CE);
        var withRate = new OptionPricer(ExpiryCalendar.Default, rate: 0.065);
        Assert.True(withRate.Price(c, At(2025, 12, 23, 10, 0), 26000m, 0.11) > Pricer.Price(c, At(2025, 12, 23, 10, 0), 26000m, 0.11));
    }
}
