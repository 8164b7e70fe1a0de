using LiveTrader.Core.Orders;

namespace LiveTrader.Core.Tests.Orders;

/// <summary>A marketable LIMIT's price: through the touch by the protection, on the tick, never past the protection.</summary>
public class MarketableLimitTests
{
    [Theory]
    // 2 % over an ask of 101.30 is 103.326: rounded down to 103.30, inside the protection.
    [InlineData(OrderSide.Buy, 101.30, 2, 0.05, 103.30)]
    // 2 % under a bid of 101.30 is 99.274: rounded up to 99.30.
    [InlineData(OrderSide.Sell, 101.30, 2, 0.05, 99.30)]
    // A cheap option: 2 % of 0.10 is less than a tick, so the limit is the touch itself (still marketable).
    [InlineData(OrderSide.Buy, 0.10, 2, 0.05, 0.10)]
    [InlineData(OrderSide.Sell, 0.05, 10, 0.05, 0.05)]
    public void The_limit_is_the_touch_moved_by_the_protection_and_rounded_towards_it(OrderSide side, decimal touch, decimal percent, decimal tick, decimal expected) =>
        Assert.Equal(expected, MarketableLimit.Price(side, touch, percent, tick));

    [Fact]
    public void Every_limit_is_on_the_tick_marketable_and_inside_the_protection()
    {
        for (var paise = 5; paise <= 60_000; paise += 35)
        {
            var touch = paise / 100m;
            foreach (var percent in new[] { 0.5m, 2m, 10m })
            {
                var buy = MarketableLimit.Price(OrderSide.Buy, touch, percent, 0.05m);
                var sell = MarketableLimit.Price(OrderSide.Sell, touch, percent, 0.05m);
                Assert.Equal(0m, buy % 0.05m);
                Assert.Equal(0m, sell % 0.05m);
                Assert.InRange(buy, touch, Math.Max(touch, touch * (1 + percent / 100m)));
                Assert.InRange(sell, Math.Min(touch, Math.Max(0.05m, touch * (1 - percent / 100m))), touch);
            }
        }
    }

    [Theory]
    // A buy near the upper circuit limit (110.00) pays at most the limit, never a price Kite refuses.
    [InlineData(OrderSide.Buy, 108.00, 110.00, 110.00)]
    // A sell near the lower limit (20.00) takes at least it.
    [InlineData(OrderSide.Sell, 20.10, 20.00, 20.00)]
    // Inside the band the price is the one without it.
    [InlineData(OrderSide.Buy, 50.00, 110.00, 51.00)]
    [InlineData(OrderSide.Sell, 50.00, 20.00, 49.00)]
    public void With_the_circuit_band_known_the_limit_stays_inside_it(OrderSide side, decimal touch, decimal limit, decimal expected)
    {
        var band = side == OrderSide.Buy ? new CircuitBand(20.00m, limit) : new CircuitBand(limit, 110.00m);
        Assert.Equal(expected, MarketableLimit.Price(side, touch, 2m, 0.05m, band));
    }

    [Fact]
    public void A_band_off_the_tick_clamps_onto_the_tick_inside_it()
    {
        var band = new CircuitBand(20.02m, 109.98m);
        Assert.Equal((109.95m, 20.05m), (band.Clamp(120m, 0.05m), band.Clamp(1m, 0.05m)));
    }

    [Fact]
    public void A_limit_needs_a_price_to_start_from() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MarketableLimit.Price(OrderSide.Buy, 0m, 2m, 0.05m));
}
