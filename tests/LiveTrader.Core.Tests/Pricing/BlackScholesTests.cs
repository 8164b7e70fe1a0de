using FsCheck.Xunit;
using LiveTrader.Core.Instruments;
using LiveTrader.Core.Pricing;

namespace LiveTrader.Core.Tests.Pricing;

public class BlackScholesTests
{
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.96, 0.9750021048517795)]
    [InlineData(-1.0, 0.15865525393145707)]
    [InlineData(-8.0, 6.22096057427178e-16)]
    public void Normal_cdf_is_double_precision(double x, double expected) =>
        Assert.Equal(expected, StandardNormal.Cdf(x), 1e-14);

    [Fact]
    public void Textbook_values()
    {
        // Hull-style reference: S = K = 100, one year, 20 % vol.
        Assert.Equal(7.965567455405804, BlackScholes.Value(OptionType.CE, 100, 100, 1, 0.2), 1e-9);
        Assert.Equal(10.450583572185565, BlackScholes.Value(OptionType.CE, 100, 100, 1, 0.2, 0.05), 1e-9);
        Assert.Equal(5.573526022256971, BlackScholes.Value(OptionType.PE, 100, 100, 1, 0.2, 0.05), 1e-9);
    }

    [Fact]
    public void Rounds_to_the_tick()
    {
        var price = BlackScholes.Price(OptionType.CE, 26180.4m, 26000m, 5.0 / 252, 0.11);
        Assert.Equal(0m, price % 0.05m);
        Assert.Equal(7.95m, BlackScholes.Price(OptionType.CE, 100m, 100m, 1, 0.2, tick: 0.05m));
    }

    [Fact]
    public void At_expiry_it_is_intrinsic_value()
    {
        Assert.Equal(180.40m, BlackScholes.Price(OptionType.CE, 26180.4m, 26000m, 0, 0.11));
        Assert.Equal(0m, BlackScholes.Price(OptionType.PE, 26180.4m, 26000m, 0, 0.11));
    }

    [Property]
    public bool Put_call_parity_holds(ushort spotSeed, ushort strikeSeed, byte volSeed, byte daysSeed)
    {
        double spot = 20_000 + spotSeed % 10_000, strike = 20_000 + strikeSeed % 10_000;
        double vol = 0.05 + volSeed % 50 / 100.0, years = (1 + daysSeed % 60) / 252.0, rate = 0.065;
        var call = BlackScholes.Value(OptionType.CE, spot, strike, years, vol, rate);
        var put = BlackScholes.Value(OptionType.PE, spot, strike, years, vol, rate);
        return Math.Abs(call - put - (spot - strike * Math.Exp(-rate * years))) < 1e-6;
    }

    [Property]
    public bool Premium_rises_with_volatility_and_time(byte volSeed, byte daysSeed)
    {
        double vol = 0.05 + volSeed % 50 / 100.0, years = (1 + daysSeed % 60) / 252.0;
        var basePrice = BlackScholes.Value(OptionType.PE, 26000, 26100, years, vol);
        return BlackScholes.Value(OptionType.PE, 26000, 26100, years, vol + 0.01) > basePrice
            && BlackScholes.Value(OptionType.PE, 26000, 26100, years + 1 / 252.0, vol) > basePrice;
    }
}
