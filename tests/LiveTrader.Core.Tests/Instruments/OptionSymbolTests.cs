using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;

namespace LiveTrader.Core.Tests.Instruments;

public class OptionSymbolTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory] // examples from kite-protocol.md section 2
    [InlineData("NIFTY", "2024-12-19", 24000, "CE", false, "NIFTY24D1924000CE")]
    [InlineData("NIFTY", "2020-12-17", 13600, "CE", false, "NIFTY20D1713600CE")]
    [InlineData("BANKNIFTY", "2020-02-06", 30900, "CE", false, "BANKNIFTY2020630900CE")]
    [InlineData("NIFTY", "2025-08-07", 24400, "CE", false, "NIFTY2580724400CE")]
    [InlineData("SENSEX", "2026-04-09", 77100, "CE", false, "SENSEX2640977100CE")]
    [InlineData("NIFTY", "2026-09-22", 23350, "CE", false, "NIFTY2692223350CE")]
    [InlineData("NIFTY", "2025-10-20", 25000, "PE", false, "NIFTY25O2025000PE")]
    [InlineData("NIFTY", "2025-11-11", 25000, "PE", false, "NIFTY25N1125000PE")]
    [InlineData("NIFTY", "2024-12-26", 24000, "CE", true, "NIFTY24DEC24000CE")]
    [InlineData("NIFTY", "2023-07-27", 20600, "CE", true, "NIFTY23JUL20600CE")]
    [InlineData("BANKNIFTY", "2018-01-25", 23500, "CE", true, "BANKNIFTY18JAN23500CE")]
    public void Formats_weekly_and_monthly(string segment, string expiry, decimal strike, string type, bool monthly, string expected)
    {
        Assert.True(Segments.TryParse(segment, out var seg));
        Assert.Equal(expected, OptionSymbol.For(seg, D(expiry), strike, Enum.Parse<OptionType>(type), monthly));
    }

    [Theory]
    [InlineData(26000.0, "26000")]
    [InlineData(8.5, "8.5")]
    [InlineData(24050.00, "24050")]
    public void Strike_has_no_decimals_when_whole(decimal strike, string text) =>
        Assert.Equal(text, OptionSymbol.FormatStrike(strike));

    [Fact]
    public void Rebuilds_every_real_symbol_in_the_premium_file_from_the_calendar()
    {
        var calendar = ExpiryCalendar.Default;
        var rows = TestData.OptionPremiums();
        Assert.NotEmpty(rows);
        foreach (var row in rows.DistinctBy(r => r.TradingSymbol))
        {
            Assert.True(Segments.TryParse(row.Underlying, out var seg));
            // BANKNIFTY rows carry no expiry column: the calendar must find it (December monthly).
            var expiry = row.Expiry ?? calendar.NextExpiry(seg, Ist.DayOf(row.Time));
            var built = OptionSymbol.For(calendar, seg, expiry, row.Strike, Enum.Parse<OptionType>(row.OptionType));
            Assert.Equal(row.TradingSymbol, built);
        }
    }
}
