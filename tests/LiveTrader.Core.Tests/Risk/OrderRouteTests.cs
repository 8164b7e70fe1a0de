using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;
using LiveTrader.Core.Risk;
using LiveTrader.Core.Tests.Trading;
using LiveTrader.Core.Trading;
using static LiveTrader.Core.Tests.Trading.AgentHarness;

namespace LiveTrader.Core.Tests.Risk;

/// <summary>The risk stage, the freeze slicer and the order-rate gate in front of every venue.</summary>
public class OrderRouteTests
{
    private static readonly OptionContract Call = new(Segment.NIFTY, Day1.AddDays(3), 20000m, OptionType.CE, "NIFTY25JAN20000CE") { LotSize = 75 };

    private static RiskLimits Limits(int max = 1500, int freeze = 1800) =>
        new(max, freeze, new TimeOnly(9, 20), new TimeOnly(15, 15), new TimeOnly(15, 15));

    private static int _n;

    private static OrderRequest Buy(int quantity, DateTimeOffset time, OrderPurpose purpose = OrderPurpose.Entry) =>
        new(OrderAction.Place, $"N25010601E{++_n:D3}", Segment.NIFTY, "NIFTY-20250106-01", purpose, OrderSide.Buy, OrderType.Market, Call, quantity, time, 20000m);

    private static OrderRequest Sell(int quantity, DateTimeOffset time) =>
        new(OrderAction.Place, $"N25010601X{++_n:D3}", Segment.NIFTY, "NIFTY-20250106-01", OrderPurpose.Exit, OrderSide.Sell, OrderType.Market, Call, quantity, time, 20000m);

    [Fact]
    public void A_halted_stage_refuses_every_order_but_a_cancel_and_a_reducing_one_lets_only_sells_through()
    {
        var venue = new LinearExecution();
        var risk = new OrderRoute(venue, Limits()).Risk;
        Assert.Equal(OrderState.Complete, risk.Submit(Buy(75, At(Day1, 10, 0)))[0].State);

        risk.Set(TradingState.Reducing, "daily loss limit");
        var refused = Assert.Single(risk.Submit(Buy(75, At(Day1, 10, 1))));
        Assert.Equal(OrderState.Rejected, refused.State);
        Assert.Contains("REDUCING (daily loss limit): exits only", refused.Message, StringComparison.Ordinal);

        risk.Set(TradingState.Halted, "kill switch");
        Assert.Contains("HALTED (kill switch)", risk.Submit(Sell(75, At(Day1, 10, 2)))[0].Message, StringComparison.Ordinal);
        var cancel = Buy(75, At(Day1, 10, 3)) with { Action = OrderAction.Cancel };
        Assert.Empty(risk.Submit(cancel));                     // passed to the venue, which had nothing to cancel
        Assert.Equal(2, venue.Requests.Count);

        risk.Set(TradingState.Active, null);
        Assert.Equal(OrderState.Complete, risk.Submit(Sell(75, At(Day1, 10, 4)))[0].State);
        Assert.Equal(0, risk.Held);
    }

    [Fact]
    public void No_buy_takes_the_position_past_its_maximum_quantity_and_no_exit_sells_more_than_is_held()
    {
        var risk = new OrderRoute(new LinearExecution(), Limits(max: 150)).Risk;
        risk.Submit(Buy(75, At(Day1, 10, 0)));
        Assert.Contains("would hold 225, above the maximum quantity 150",
            risk.Submit(Buy(150, At(Day1, 10, 1), OrderPurpose.Add))[0].Message, StringComparison.Ordinal);
        Assert.Contains("selling 150 is more than the 75 held", risk.Submit(Sell(150, At(Day1, 10, 2)))[0].Message, StringComparison.Ordinal);
        Assert.Equal(OrderState.Complete, risk.Submit(Buy(75, At(Day1, 10, 3), OrderPurpose.Add))[0].State);
        Assert.Equal(150, risk.Held);
    }

    [Fact]
    public void A_stops_fill_after_its_quantity_was_modified_up_counts_whole_so_nothing_is_left_held()
    {
        var venue = new LinearExecution { Answering = false };
        var risk = new OrderRoute(venue, Limits(max: 1500)).Risk;
        var entry = Buy(75, At(Day1, 10, 0));
        risk.Submit(entry);
        risk.Receive(new OrderUpdate(entry.ClientId, OrderState.Complete, 75, 100m, At(Day1, 10, 0)));
        var stop = Sell(75, At(Day1, 10, 1)) with { Purpose = OrderPurpose.ProtectiveStop, Type = OrderType.StopLimit, TriggerPrice = 80m, LimitPrice = 72m };
        risk.Submit(stop);
        var add = Buy(150, At(Day1, 10, 2), OrderPurpose.Add);
        risk.Submit(add);
        risk.Receive(new OrderUpdate(add.ClientId, OrderState.Complete, 150, 110m, At(Day1, 10, 2)));
        risk.Submit(stop with { Action = OrderAction.Modify, Quantity = 225, Revision = 1, Time = At(Day1, 10, 3) });

        risk.Receive(new OrderUpdate(stop.ClientId, OrderState.Complete, 225, 79m, At(Day1, 10, 4)));
        Assert.Equal(0, risk.Held);
    }

    [Fact]
    public void A_sell_while_another_sell_of_the_position_works_is_refused_so_nothing_is_sold_twice()
    {
        var risk = new OrderRoute(new LinearExecution(), Limits()).Risk;
        risk.Submit(Buy(75, At(Day1, 10, 0)));
        var stop = Sell(75, At(Day1, 10, 1)) with { Purpose = OrderPurpose.ProtectiveStop, Type = OrderType.StopLimit, TriggerPrice = 80m, LimitPrice = 72m };
        Assert.Equal(OrderState.Open, Assert.Single(risk.Submit(stop)).State);
        var second = Assert.Single(risk.Submit(Sell(75, At(Day1, 10, 2))));
        Assert.Equal(OrderState.Rejected, second.State);
        Assert.Contains("with 75 already being sold is more than the 75 held", second.Message, StringComparison.Ordinal);
        // Once the stop is cancelled the exit passes.
        risk.Submit(stop with { Action = OrderAction.Cancel, Time = At(Day1, 10, 3) });
        Assert.Equal(OrderState.Complete, Assert.Single(risk.Submit(Sell(75, At(Day1, 10, 4)))).State);
    }

    [Fact]
    public void Nothing_is_bought_outside_the_trading_window_but_an_exit_always_passes()
    {
        var risk = new OrderRoute(new LinearExecution(), Limits()).Risk;
        Assert.Contains("09:19:59 is outside the trading window 09:20-15:15", risk.Submit(Buy(75, At(Day1, 9, 19, 59)))[0].Message, StringComparison.Ordinal);
        risk.Submit(Buy(75, At(Day1, 15, 14, 59)));
        Assert.Equal(OrderState.Rejected, risk.Submit(Buy(75, At(Day1, 15, 15), OrderPurpose.Add))[0].State);
        Assert.Equal(OrderState.Complete, risk.Submit(Sell(75, At(Day1, 15, 20)))[0].State);
    }

    [Fact]
    public void A_price_off_the_tick_or_a_stop_limit_with_its_limit_above_its_trigger_is_refused()
    {
        var risk = new OrderRoute(new LinearExecution(), Limits()).Risk;
        risk.Submit(Buy(75, At(Day1, 10, 0)));
        var stop = Sell(75, At(Day1, 10, 1)) with { Purpose = OrderPurpose.ProtectiveStop, Type = OrderType.StopLimit, TriggerPrice = 80m, LimitPrice = 80.02m };
        Assert.Contains("limit price 80.02 is not a multiple of the tick 0.05", risk.Submit(stop)[0].Message, StringComparison.Ordinal);
        Assert.Contains("on the wrong side of its trigger", risk.Submit(stop with { LimitPrice = 81m })[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_eleventh_order_in_a_second_is_refused_and_cancels_count_too()
    {
        var venue = new LinearExecution();
        var risk = new OrderRoute(venue, Limits()).Risk;
        var t = At(Day1, 10, 0);
        for (var i = 0; i < 5; i++)
        {
            risk.Submit(Buy(75, t.AddMilliseconds(i * 10)));
            risk.Submit(Buy(75, t.AddMilliseconds(i * 10 + 5)) with { Action = OrderAction.Cancel });
        }
        var eleventh = Assert.Single(risk.Submit(Sell(75, t.AddMilliseconds(900))));
        Assert.Contains("order rate: 10 orders in the last second already", eleventh.Message, StringComparison.Ordinal);
        Assert.Equal(10, venue.Requests.Count);
        Assert.Equal(OrderState.Complete, risk.Submit(Sell(75, t.AddSeconds(1)))[0].State);
    }

    [Fact]
    public void A_modification_held_back_by_the_rate_or_the_halt_is_a_refusal_that_leaves_the_order_working_not_a_rejection()
    {
        var venue = new LinearExecution();
        var risk = new OrderRoute(venue, Limits()).Risk;
        var t = At(Day1, 10, 0);
        risk.Submit(Buy(75, t));
        var stop = new OrderRequest(OrderAction.Place, $"N25010601S{++_n:D3}", Segment.NIFTY, "NIFTY-20250106-01", OrderPurpose.ProtectiveStop,
            OrderSide.Sell, OrderType.StopLimit, Call, 75, t, 20000m, 45m, 50m);
        venue.Answering = false;
        risk.Submit(stop);
        for (var i = 0; i < 8; i++) risk.Submit(stop with { Action = OrderAction.Modify, Time = t.AddMilliseconds(10 * i + 10), Revision = i + 1 });

        var held = Assert.Single(risk.Submit(stop with { Action = OrderAction.Modify, Time = t.AddMilliseconds(500), Revision = 9 }));
        Assert.Equal(OrderAction.Modify, held.Refused);
        Assert.Contains("order rate", held.Message, StringComparison.Ordinal);
        risk.Set(TradingState.Halted, "kill switch");
        var halted = Assert.Single(risk.Submit(stop with { Action = OrderAction.Modify, Time = t.AddSeconds(2), Revision = 10 }));
        Assert.Equal(OrderAction.Modify, halted.Refused);
        // Still working as far as the route knows: a second stop for the same 75 is refused as a double sell.
        risk.Set(TradingState.Active, null);
        var second = Assert.Single(risk.Submit(stop with { ClientId = $"N25010601S{++_n:D3}", Time = t.AddSeconds(3) }));
        Assert.Equal(OrderState.Rejected, second.State);
        Assert.Contains("already being sold", second.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_order_above_the_freeze_quantity_goes_out_as_children_and_comes_back_as_the_one_order_asked_for()
    {
        var venue = new LinearExecution();
        var risk = new OrderRoute(venue, Limits(max: 1500, freeze: 600)).Risk;
        var buy = Buy(1500, At(Day1, 10, 0));
        var updates = risk.Submit(buy);

        Assert.Equal([600, 600, 300], venue.Requests.Select(r => r.Quantity));
        Assert.Equal([buy.ClientId + "A", buy.ClientId + "B", buy.ClientId + "C"], venue.Requests.Select(r => r.ClientId));
        Assert.All(venue.Requests, r => Assert.True(ClientOrderId.IsValid(r.ClientId)));
        Assert.All(updates, u => Assert.Equal(buy.ClientId, u.ClientId));
        Assert.Equal([(OrderState.Open, 600), (OrderState.Open, 1200), (OrderState.Complete, 1500)], updates.Select(u => (u.State, u.FilledQuantity)));
        Assert.Equal(3, updates.Select(u => u.BrokerOrderId).Distinct().Count());  // three orders for brokerage
    }

    [Fact]
    public void A_sliced_order_whose_child_is_rejected_ends_rejected_with_what_filled_and_later_child_updates_are_summed()
    {
        var venue = new LinearExecution { Answering = false };
        var risk = new OrderRoute(venue, Limits(max: 1500, freeze: 600)).Risk;
        var buy = Buy(1000, At(Day1, 10, 0));
        Assert.Empty(risk.Submit(buy));
        var (a, b) = (venue.Requests[0].ClientId, venue.Requests[1].ClientId);

        var first = Assert.Single(risk.Receive(new OrderUpdate(a, OrderState.Complete, 600, 100m, At(Day1, 10, 0, 1))));
        Assert.Equal((buy.ClientId, OrderState.Open, 600), (first.ClientId, first.State, first.FilledQuantity));
        Assert.Empty(risk.Receive(new OrderUpdate(a, OrderState.Complete, 600, 100m, At(Day1, 10, 0, 1))));   // a repeat
        var last = Assert.Single(risk.Receive(new OrderUpdate(b, OrderState.Rejected, 0, 0m, At(Day1, 10, 0, 2), "RMS:Margin Exceeds")));
        Assert.Equal((OrderState.Rejected, 600, 100m), (last.State, last.FilledQuantity, last.AveragePrice));
        Assert.Equal(600, risk.Held);
    }

    [Fact]
    public void A_slicer_resumed_after_every_child_ended_reports_the_parents_end_on_the_next_word_of_a_child()
    {
        // The ledger booked both children filled, and the process died before the agent's step did.
        var venue = new LinearExecution { Answering = false };
        var route = new OrderRoute(venue, Limits(max: 1500, freeze: 600));
        var stop = new WorkingOrder
        {
            ClientId = $"N25010601S{++_n:D3}", Purpose = OrderPurpose.ProtectiveStop, Side = OrderSide.Sell, Quantity = 1000, Time = At(Day1, 10, 0), Spot = 20000m,
            State = OrderState.TriggerPending,
        };
        var (a, b) = (stop.ClientId + "A", stop.ClientId + "B");
        route.Slicer.Resume([stop], new Dictionary<string, BookedOrder>
        {
            [a] = new(a, 600, OrderState.Complete, 600, 90m), [b] = new(b, 400, OrderState.Complete, 400, 85m),
        });

        var end = Assert.Single(route.Slicer.Receive(new OrderUpdate(b, OrderState.Complete, 400, 85m, At(Day1, 10, 5))));
        Assert.Equal((stop.ClientId, OrderState.Complete, 1000, 88m), (end.ClientId, end.State, end.FilledQuantity, end.AveragePrice));
        // Done: a later repeat is no longer the parent's.
        Assert.DoesNotContain(route.Slicer.Receive(new OrderUpdate(a, OrderState.Complete, 600, 90m, At(Day1, 10, 6))), u => u.ClientId == stop.ClientId);
    }

    [Fact]
    public void Brokerage_counts_orders_not_trades_a_partly_filled_order_is_charged_once()
    {
        var charges = new Core.Charges.RateTableCharges(new Core.Charges.ChargesCalculator([new Core.Settings.ChargeRateSettings
        {
            EffectiveFrom = new DateOnly(2024, 1, 1), BrokeragePerOrder = 20, SttSellPercent = 0, ExchangeNsePercent = 0, ExchangeBsePercent = 0,
            IpftNsePercent = 0, SebiPercent = 0, StampBuyPercent = 0, GstPercent = 0,
        }]));
        var contract = Call with { Exchange = "NFO" };
        Fill F(string? order) => new(At(Day1, 10, 0), 100m, 25, "venue", order);
        Assert.Equal(40m, charges.For(contract, Day1, [F("E1"), F("E1")], [F("X1")]));
        Assert.Equal(60m, charges.For(contract, Day1, [F("E1A"), F("E1B")], [F("X1")]));
        Assert.Equal(60m, charges.For(contract, Day1, [F(null), F(null)], [F(null)]));
    }
}
