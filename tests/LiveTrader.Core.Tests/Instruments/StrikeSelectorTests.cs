using FsCheck.Xunit;
using LiveTrader.Core.Instruments;

namespace LiveTrader.Core.Tests.Instruments;

public class StrikeSelectorTests
{
    [Theory]
    [InlineData(26180.4, 50, 26200)]
    [InlineData(26174.99, 50, 26150)]
    [InlineData(26175, 50, 26200)]     // exact tie rounds up
    [InlineData(26125, 50, 26150)]     // tie again, even multiple below must not win
    [InlineData(58850, 100, 58900)]    // BANKNIFTY tie
    [InlineData(84949.99, 100, 84900)] // SENSEX
    [InlineData(85000, 100, 85000)]
    public void Atm_is_nearest_step_with_ties_up(decimal spot, decimal step, decimal atm) =>
        Assert.Equal(atm, StrikeSelector.AtmStrike(spot, step));

    [Fact]
    public void Ce_goes_below_atm_and_pe_above()
    {
        Assert.Equal(26100m, StrikeSelector.ItmStrike(26180.4m, 50, 100, OptionType.CE));
        Assert.Equal(26300m, StrikeSelector.ItmStrike(26180.4m, 50, 100, OptionType.PE));
    }

    [Fact]
    public void Uses_segment_settings()
    {
        var banknifty = new LiveTrader.Core.Settings.SegmentSettings { StrikeStep = 100, ItmOffsetPoints = 100 };
        Assert.Equal(59400m, StrikeSelector.ItmStrike(59321m, banknifty, OptionType.PE));
    }

    [Property]
    public bool Atm_is_a_step_multiple_within_half_a_step(int paise)
    {
        var spot = 10_000m + Math.Abs(paise % 10_000_000) / 100m;
        var atm = StrikeSelector.AtmStrike(spot, 50);
        return atm % 50 == 0 && Math.Abs(atm - spot) <= 25 && (atm - spot != -25);
    }
}
