using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Engine.Execution;
using LiveTrader.Engine.Paper;

namespace LiveTrader.Engine.Tests.Paper;

public sealed class QuoteFillModelTests
{
    private static readonly DateOnly Day = new(2026, 1, 6);
    private static DateTimeOffset At(int h, int m, int s = 0) => Ist.At(Day, new TimeOnly(h, m, s));
    private static readonly OptionContract Contract =
        new(Segment.NIFTY, Day, 25900m, OptionType.CE, "NIFTY2610625900CE") { LotSize = 65, InstrumentToken = 12345 };

    private readonly QuoteBook _quotes = new();

    private QuoteFillModel Execution(int slippageTicks = 0) => new(_quotes, TimeSpan.FromSeconds(5), slippageTicks);

    [Fact]
    public void Buys_at_the_ask_and_sells_at_the_bid_when_depth_is_known()
    {
        _quotes.Update(new Tick(12345, At(10, 0, 0), 150.10m, 150.00m, 150.20m));

        var buy = Execution().Buy(Contract, 65, At(10, 0, 1), 26000m).Fill!.Value;
        var sell = Execution().Sell(Contract, 65, At(10, 0, 1), 26000m).Fill!.Value;

        Assert.Equal((150.20m, "ask", 65), (buy.Price, buy.Source, buy.Quantity));
        Assert.Equal((150.00m, "bid"), (sell.Price, sell.Source));
    }

    [Fact]
    public void Without_depth_fills_at_the_last_price_and_says_so()
    {
        _quotes.Update(new Tick(12345, At(10, 0, 0), 150.10m));

        var buy = Execution().Buy(Contract, 65, At(10, 0, 2), 26000m).Fill!.Value;

        Assert.Equal((150.10m, "ltp"), (buy.Price, buy.Source));
    }

    [Fact]
    public void Slippage_moves_both_sides_against_us_by_whole_ticks()
    {
        _quotes.Update(new Tick(12345, At(10, 0, 0), 150.10m, 150.00m, 150.20m));

        Assert.Equal(150.30m, Execution(2).Buy(Contract, 65, At(10, 0, 1), 0).Fill!.Value.Price);
        Assert.Equal(149.90m, Execution(2).Sell(Contract, 65, At(10, 0, 1), 0).Fill!.Value.Price);
    }

    [Fact]
    public void A_stale_quote_is_refused_with_its_age()
    {
        _quotes.Update(new Tick(12345, At(10, 0, 0), 150.10m, 150.00m, 150.20m));

        var result = Execution().Buy(Contract, 65, At(10, 0, 6), 26000m);

        Assert.Null(result.Fill);
        Assert.Contains("stale quote for NIFTY2610625900CE: last tick 6 s old", result.Refusal);
    }

    [Fact]
    public void An_instrument_never_quoted_is_refused()
    {
        var result = Execution().Sell(Contract, 65, At(10, 0), 26000m);
        Assert.Equal("no quote yet for NIFTY2610625900CE", result.Refusal);
        Assert.Null(new QuoteMark(_quotes, new Core.Pricing.OptionPricer(ExpiryCalendar.Default), 0.11).Mark(Contract, At(10, 0), 26000m));
    }
}
