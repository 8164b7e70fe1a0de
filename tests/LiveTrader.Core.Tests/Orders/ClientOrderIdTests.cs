using System.Globalization;
using FsCheck.Xunit;
using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;
using Xunit;

namespace LiveTrader.Core.Tests.Orders;

/// <summary>The id is written digit by digit for speed; it must read exactly as the documented
/// format does, since ledgers and Kite tags written before hold it.</summary>
public class ClientOrderIdTests
{
    [Theory]
    [InlineData(Segment.NIFTY, "2025-01-06", 1, OrderPurpose.Entry, 1, "N25010601E001")]
    [InlineData(Segment.BANKNIFTY, "2026-12-31", 12, OrderPurpose.ProtectiveStop, 345, "B26123112S345")]
    [InlineData(Segment.SENSEX, "2030-02-03", 0, OrderPurpose.Exit, 0, "S30020300X000")]
    // Past the padded widths the number grows, as the "D" format does.
    [InlineData(Segment.NIFTY, "2025-01-06", 100, OrderPurpose.Add, 1000, "N250106100A1000")]
    public void Reads_as_its_documented_format(Segment segment, string day, int trade, OrderPurpose purpose, int order, string expected)
    {
        var id = ClientOrderId.For(segment, DateOnly.Parse(day, CultureInfo.InvariantCulture), trade, purpose, order);
        Assert.Equal(expected, id);
        Assert.True(ClientOrderId.IsValid(id));
        Assert.StartsWith(ClientOrderId.TradePrefix(segment, DateOnly.Parse(day, CultureInfo.InvariantCulture), trade), id);
    }

    [Property(MaxTest = 300)]
    public void Equals_the_interpolated_format_for_any_day_and_numbers(ushort days, byte trade, ushort order)
    {
        var day = new DateOnly(2020, 1, 1).AddDays(days % 20_000);
        var expected = string.Create(CultureInfo.InvariantCulture, $"N{day:yyMMdd}{trade:D2}E{order:D3}");
        Assert.Equal(expected, ClientOrderId.For(Segment.NIFTY, day, trade, OrderPurpose.Entry, order));
    }
}
