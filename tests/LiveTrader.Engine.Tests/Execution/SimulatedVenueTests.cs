using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;
using LiveTrader.Core.Pricing;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Execution;
using LiveTrader.Engine.Paper;

namespace LiveTrader.Engine.Tests.Execution;

/// <summary>The simulated venue's resting stop-limit sell, with both fill models.</summary>
public sealed class SimulatedVenueTests
{
    private static readonly DateOnly Day = new(2026, 1, 6);
    private static DateTimeOffset At(int h, int m, int s = 0) => Ist.At(Day, new TimeOnly(h, m, s));
    private static readonly OptionContract Call =
        new(Segment.NIFTY, new DateOnly(2026, 1, 13), 25900m, OptionType.CE, "NIFTY2611325900CE") { LotSize = 65, InstrumentToken = 12345 };

    private static OrderRequest Stop(decimal trigger, decimal limit, decimal triggerSpot, DateTimeOffset time, int revision = 0, OrderAction action = OrderAction.Place) =>
        new(action, "N26010601S002", Segment.NIFTY, "NIFTY-20260106-01", OrderPurpose.ProtectiveStop, OrderSide.Sell, OrderType.StopLimit,
            Call, 65, time, 26000m, limit, trigger, Revision: revision, TriggerSpot: triggerSpot);

    private static (SimulatedVenue Venue, ModelPremium Premium) CandleVenue()
    {
        var settings = new SegmentSettings { ImpliedVolatility = 0.11, TickSize = 0.05m };
        var premium = new ModelPremium(settings, new OptionPricer(ExpiryCalendar.Default));
        return (new SimulatedVenue(new CandleFillModel(settings, premium)), premium);
    }

    [Fact]
    public void In_a_backtest_the_stop_rests_until_a_candle_reaches_its_index_level_and_fills_at_the_model_premium_there()
    {
        var (venue, premium) = CandleVenue();
        var atStop = premium.Mark(Call, At(10, 0), 25950m);
        var placed = Assert.Single(venue.Submit(Stop(atStop, atStop - 20, 25950m, At(10, 0))));
        Assert.Equal(OrderState.TriggerPending, placed.State);

        Assert.Empty(venue.MarketMoved(new MarketMove(At(10, 5), 26000, 26010, 25955, 25960)));
        var fill = Assert.Single(venue.MarketMoved(new MarketMove(At(10, 10), 25960, 25965, 25930, 25940)));
        Assert.Equal((OrderState.Complete, 65, "model"), (fill.State, fill.FilledQuantity, fill.PriceSource));
        Assert.Equal(premium.Mark(Call, At(10, 10), 25950m), fill.AveragePrice);
        Assert.Empty(venue.MarketMoved(new MarketMove(At(10, 15), 25900, 25900, 25800, 25800)));   // filled once
    }

    [Fact]
    public void A_candle_that_gaps_through_the_stop_fills_at_its_open_unless_that_is_below_the_limit_then_it_rests_as_a_limit()
    {
        var (venue, premium) = CandleVenue();
        var atStop = premium.Mark(Call, At(10, 0), 25950m);
        venue.Submit(Stop(atStop, atStop - 5, 25950m, At(10, 0)));

        // Opened 100 points below: triggered, but the market there is under the limit: it rests OPEN as a limit.
        var triggered = Assert.Single(venue.MarketMoved(new MarketMove(At(10, 5), 25850, 25860, 25840, 25845)));
        Assert.Equal((OrderState.Open, 0), (triggered.State, triggered.FilledQuantity));
        // The market comes back up to the limit: sold at the market.
        var fill = Assert.Single(venue.MarketMoved(new MarketMove(At(10, 10), 25845, 25960, 25845, 25950)));
        Assert.True(fill.AveragePrice >= atStop - 5);
    }

    [Fact]
    public void A_modification_moves_the_trigger_at_once_and_a_cancel_takes_the_stop_away()
    {
        var (venue, premium) = CandleVenue();
        var low = premium.Mark(Call, At(10, 0), 25950m);
        venue.Submit(Stop(low, low - 20, 25950m, At(10, 0)));
        var high = premium.Mark(Call, At(10, 4), 25980m);
        Assert.Empty(venue.Submit(Stop(high, high - 20, 25980m, At(10, 4), 1, OrderAction.Modify)));

        var fill = Assert.Single(venue.MarketMoved(new MarketMove(At(10, 5), 26000, 26005, 25970, 25990)));
        Assert.Equal(premium.Mark(Call, At(10, 5), 25980m), fill.AveragePrice);

        var (other, p2) = CandleVenue();
        var t = p2.Mark(Call, At(10, 0), 25950m);
        other.Submit(Stop(t, t - 20, 25950m, At(10, 0)));
        var cancelled = Assert.Single(other.Submit(Stop(t, t - 20, 25950m, At(10, 1), action: OrderAction.Cancel)));
        Assert.Equal(OrderState.Cancelled, cancelled.State);
        Assert.Empty(other.MarketMoved(new MarketMove(At(10, 5), 25900, 25900, 25800, 25800)));
    }

    [Fact]
    public void In_paper_the_stop_triggers_on_the_options_last_price_and_sells_at_the_bid_within_its_limit()
    {
        var quotes = new QuoteBook();
        var venue = new SimulatedVenue(new QuoteFillModel(quotes, TimeSpan.FromSeconds(5), 0));
        venue.Submit(Stop(120m, 110m, 25950m, At(10, 0)));

        quotes.Update(new Tick(12345, At(10, 0, 1), 125m, 124.9m, 125.1m));
        Assert.Empty(venue.MarketMoved(MarketMove.Tick(At(10, 0, 1), 25960m)));
        quotes.Update(new Tick(12345, At(10, 0, 2), 119.5m, 108m, 120m));
        Assert.Equal(OrderState.Open, Assert.Single(venue.MarketMoved(MarketMove.Tick(At(10, 0, 2), 25950m))).State);   // triggered, the bid under the limit
        quotes.Update(new Tick(12345, At(10, 0, 3), 112m, 111.5m, 112.5m));
        var fill = Assert.Single(venue.MarketMoved(MarketMove.Tick(At(10, 0, 3), 25945m)));
        Assert.Equal((OrderState.Complete, 111.5m, "bid"), (fill.State, fill.AveragePrice, fill.PriceSource));
    }
}
