using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Execution;
using LiveTrader.Engine.Journal;
using LiveTrader.Engine.Paper;

namespace LiveTrader.Engine.Tests.Execution;

/// <summary>Live entries and exits as a marketable LIMIT: priced through the touch before the ledger, priced
/// again at the market while they rest, then cancelled (a buy) or sent as MARKET (an exit), all on market time.</summary>
public class MarketableLimitStageTests
{
    private static readonly DateOnly Day = new(2026, 1, 7);
    private static readonly OptionContract Call = new(Segment.NIFTY, Day.AddDays(6), 26000m, OptionType.CE, "NIFTY26JAN26000CE") { LotSize = 65, InstrumentToken = 12345 };
    private static readonly DateTimeOffset Ten = Ist.At(Day, new TimeOnly(10, 0));
    private static readonly LiveOrderSettings Live = new() { EntryOrderType = EntryOrderType.Limit, LimitProtectionPercent = 2, LimitRepriceSeconds = 5, LimitReprices = 2 };

    /// <summary>Kite with nothing to match: placements rest OPEN, modifications are taken (or refused when told), cancels end the order.</summary>
    private sealed class RestingVenue : IOrderVenue
    {
        public List<OrderRequest> Seen { get; } = [];
        public bool RefuseModifications { get; set; }
        /// <summary>How many changes to MARKET are refused before one is taken.</summary>
        public int RefuseMarket { get; set; }
        public int RefuseCancels { get; set; }

        public IReadOnlyList<OrderUpdate> Submit(OrderRequest request)
        {
            Seen.Add(request);
            return request.Action switch
            {
                OrderAction.Place => [new OrderUpdate(request.ClientId, OrderState.Open, 0, 0m, request.Time, BrokerOrderId: "260107000000001")],
                OrderAction.Modify when RefuseModifications => [OrderUpdate.RefusalOf(request, request.Time, "refused by Kite: Too many requests")],
                OrderAction.Modify when request.Type == OrderType.Market && RefuseMarket-- > 0 => [OrderUpdate.RefusalOf(request, request.Time, "refused by Kite: Order cannot be modified")],
                OrderAction.Modify => [],
                OrderAction.Cancel when RefuseCancels-- > 0 => [OrderUpdate.RefusalOf(request, request.Time, "refused by Kite: Too many requests")],
                _ => [new OrderUpdate(request.ClientId, OrderState.Cancelled, 0, 0m, request.Time, "cancelled by the user")],
            };
        }
    }

    private static OrderRequest Order(OrderPurpose purpose, OrderSide side, OrderType type = OrderType.Market) =>
        new(OrderAction.Place, purpose == OrderPurpose.Exit ? "N26010701X004" : "N26010701E001", Segment.NIFTY, "NIFTY-20260107-01", purpose, side, type, Call, 65, Ten, 26010m);

    private static void Quote(QuoteBook quotes, DateTimeOffset at, decimal bid, decimal ask) =>
        quotes.Update(new Tick(Call.InstrumentToken, at, (bid + ask) / 2, bid, ask));

    private static IReadOnlyList<OrderUpdate> Move(MarketableLimitStage stage, DateTimeOffset at) => stage.MarketMoved(MarketMove.Tick(at, 26010m));

    [Fact]
    public void An_entry_goes_as_a_LIMIT_through_the_ask_the_ledger_holds_it_and_unfilled_it_is_priced_again_then_cancelled_saying_why()
    {
        var quotes = new QuoteBook();
        var kite = new RestingVenue();
        var rows = new List<OrderLedgerRow>();
        var stage = new MarketableLimitStage(new LedgerVenue(kite, rows.Add), quotes, Live);
        Quote(quotes, Ten, 101.10m, 101.30m);

        stage.Submit(Order(OrderPurpose.Entry, OrderSide.Buy));
        var placed = Assert.Single(kite.Seen);
        Assert.Equal((OrderType.Limit, (decimal?)103.30m), (placed.Type, placed.LimitPrice));
        Assert.Equal((OrderType.Limit, (decimal?)103.30m), (rows[0].Type, rows[0].LimitPrice)); // the ledger holds what Kite was sent

        // Not before its time is up, on market time.
        Assert.Empty(Move(stage, Ten.AddSeconds(4)));
        Assert.Single(kite.Seen);
        Quote(quotes, Ten.AddSeconds(5), 103.90m, 104.00m);
        Assert.Empty(Move(stage, Ten.AddSeconds(5)));
        Assert.Equal((OrderAction.Modify, OrderType.Limit, (decimal?)106.05m, 1), (kite.Seen[1].Action, kite.Seen[1].Type, kite.Seen[1].LimitPrice, kite.Seen[1].Revision));
        Assert.Contains(rows, r => r.Action == OrderAction.Modify && r.LimitPrice == 106.05m && r.Message!.Contains("priced again at 106.05 (1 of 2)"));
        Move(stage, Ten.AddSeconds(10));
        Assert.Equal((OrderAction.Modify, 2), (kite.Seen[2].Action, kite.Seen[2].Revision));

        // Out of re-pricings: a missed entry is not chased further; the agent hears why.
        var answers = Move(stage, Ten.AddSeconds(15));
        Assert.Equal(OrderAction.Cancel, kite.Seen[3].Action);
        var cancelled = Assert.Single(answers);
        Assert.Equal(OrderState.Cancelled, cancelled.State);
        Assert.Contains("LIMIT Entry not filled after 2 re-pricings: cancelled", cancelled.Message);
        Assert.Empty(Move(stage, Ten.AddMinutes(1)));
        Assert.Equal(4, kite.Seen.Count);
    }

    [Fact]
    public void An_exit_goes_as_a_LIMIT_through_the_bid_and_unfilled_after_its_re_pricings_becomes_MARKET()
    {
        var quotes = new QuoteBook();
        var kite = new RestingVenue();
        var stage = new MarketableLimitStage(kite, quotes, Live);
        Quote(quotes, Ten, 101.10m, 101.30m);
        stage.Submit(Order(OrderPurpose.Exit, OrderSide.Sell));
        Assert.Equal((OrderType.Limit, (decimal?)99.10m), (kite.Seen[0].Type, kite.Seen[0].LimitPrice)); // 101.10 - 2 % = 99.078, up to 99.10

        Move(stage, Ten.AddSeconds(5));
        Move(stage, Ten.AddSeconds(10));
        Move(stage, Ten.AddSeconds(15));
        var last = kite.Seen[^1];
        Assert.Equal((OrderAction.Modify, OrderType.Market, (decimal?)null), (last.Action, last.Type, last.LimitPrice));
        Assert.Contains("sent as MARKET", last.Reason);
        Move(stage, Ten.AddMinutes(1));
        Assert.Equal(4, kite.Seen.Count); // an exit at MARKET is Kite's to fill; nothing more is asked
        Assert.Equal(-1m, KiteOrderTerms.Modify(last, Live).MarketProtection);
    }

    [Fact]
    public void An_exit_whose_change_to_MARKET_is_refused_stays_tracked_is_asked_again_an_interval_later_and_the_agent_never_hears_the_refusal()
    {
        var quotes = new QuoteBook();
        var kite = new RestingVenue { RefuseMarket = 2 };
        var stage = new MarketableLimitStage(kite, quotes, Live);
        var said = new List<string>();
        stage.Refused += (_, why) => said.Add(why);
        Quote(quotes, Ten, 101.10m, 101.30m);
        stage.Submit(Order(OrderPurpose.Exit, OrderSide.Sell));
        Move(stage, Ten.AddSeconds(5));
        Move(stage, Ten.AddSeconds(10));

        // The change to MARKET is refused twice: the agent is told nothing, the stage says so each time.
        Assert.Empty(Move(stage, Ten.AddSeconds(15)));
        Assert.Equal((OrderAction.Modify, OrderType.Market), (kite.Seen[3].Action, kite.Seen[3].Type));
        Assert.Empty(Move(stage, Ten.AddSeconds(19)));
        Assert.Equal(4, kite.Seen.Count); // not before its interval
        Assert.Empty(Move(stage, Ten.AddSeconds(20)));
        Assert.Empty(Move(stage, Ten.AddSeconds(25)));
        Assert.Equal([OrderType.Market, OrderType.Market, OrderType.Market], kite.Seen.Skip(3).Select(r => r.Type));
        Assert.Equal(2, said.Count);
        Assert.All(said, s => Assert.Contains("to MARKET not carried out (refused by Kite: Order cannot be modified); it rests at 99.10, change to MARKET asked again 5 s after the try", s));

        // Taken the third time: nothing more is asked, and the fill reaches the agent.
        Move(stage, Ten.AddMinutes(1));
        Assert.Equal(6, kite.Seen.Count);
        var sold = Assert.Single(stage.Receive(new OrderUpdate("N26010701X004", OrderState.Complete, 65, 98.40m, Ten.AddMinutes(1))));
        Assert.Equal(OrderState.Complete, sold.State);
    }

    [Fact]
    public void A_refused_re_pricing_keeps_the_price_the_venue_holds_counts_as_a_try_and_the_next_step_comes_an_interval_later()
    {
        var quotes = new QuoteBook();
        var kite = new RestingVenue { RefuseModifications = true };
        var rows = new List<OrderLedgerRow>();
        var stage = new MarketableLimitStage(new LedgerVenue(kite, rows.Add), quotes, Live);
        var said = new List<string>();
        stage.Refused += (_, why) => said.Add(why);
        Quote(quotes, Ten, 101.10m, 101.30m);
        stage.Submit(Order(OrderPurpose.Entry, OrderSide.Buy));
        Quote(quotes, Ten.AddSeconds(5), 103.90m, 104.00m);
        Assert.Empty(Move(stage, Ten.AddSeconds(5)));
        Assert.Contains("re-pricing of LIMIT Entry N26010701E001 to 106.05 (1 of 2) not carried out (refused by Kite: Too many requests); it rests at 103.30, priced again 5 s after the try", Assert.Single(said));
        // The ledger's row of the refusal holds the price Kite still has.
        Assert.Equal(103.30m, rows[^1].LimitPrice);

        kite.RefuseModifications = false;
        Move(stage, Ten.AddSeconds(10));
        Assert.Equal((OrderAction.Modify, (decimal?)106.05m, 1), (kite.Seen[2].Action, kite.Seen[2].LimitPrice, kite.Seen[2].Revision));
        Assert.Contains("(2 of 2)", kite.Seen[2].Reason);
        // Out of tries: cancelled on time, as if no refusal had come.
        var cancelled = Assert.Single(Move(stage, Ten.AddSeconds(15)));
        Assert.Equal((OrderAction.Cancel, OrderState.Cancelled), (kite.Seen[3].Action, cancelled.State));
    }

    [Fact]
    public void A_refused_cancel_of_a_buy_given_up_is_the_stages_own_and_is_asked_again_an_interval_later()
    {
        var quotes = new QuoteBook();
        var kite = new RestingVenue { RefuseCancels = 1 };
        var stage = new MarketableLimitStage(kite, quotes, Live);
        var said = new List<string>();
        stage.Refused += (_, why) => said.Add(why);
        Quote(quotes, Ten, 101.10m, 101.30m);
        stage.Submit(Order(OrderPurpose.Entry, OrderSide.Buy));
        Move(stage, Ten.AddSeconds(5));
        Move(stage, Ten.AddSeconds(10));
        Assert.Empty(Move(stage, Ten.AddSeconds(15)));
        Assert.Contains("cancel of LIMIT Entry N26010701E001 not carried out (refused by Kite: Too many requests)", Assert.Single(said));
        var cancelled = Assert.Single(Move(stage, Ten.AddSeconds(20)));
        Assert.Equal(OrderState.Cancelled, cancelled.State);
        Assert.Contains("not filled after 2 re-pricings: cancelled", cancelled.Message);
        Assert.Equal([OrderAction.Cancel, OrderAction.Cancel], kite.Seen.Skip(3).Select(r => r.Action));
    }

    [Fact]
    public void A_refused_re_pricing_stays_with_the_stage_and_a_fill_ends_the_chase()
    {
        var quotes = new QuoteBook();
        var kite = new RestingVenue { RefuseModifications = true };
        var stage = new MarketableLimitStage(kite, quotes, Live);
        Quote(quotes, Ten, 101.10m, 101.30m);
        stage.Submit(Order(OrderPurpose.Entry, OrderSide.Buy));
        // The agent never asked for the modification, so it is not told of its refusal.
        Assert.Empty(Move(stage, Ten.AddSeconds(5)));

        var filled = stage.Receive(new OrderUpdate("N26010701E001", OrderState.Complete, 65, 101.30m, Ten.AddSeconds(6)));
        Assert.Equal(OrderState.Complete, Assert.Single(filled).State);
        var asked = kite.Seen.Count;
        Move(stage, Ten.AddMinutes(1));
        Assert.Equal(asked, kite.Seen.Count);
    }

    [Fact]
    public void After_a_restart_a_LIMIT_the_ledger_holds_as_working_takes_up_the_rule_again_and_the_rest_are_left_alone()
    {
        // The first process: an entry placed as a LIMIT, accepted, resting; a protective stop; an exit that completed.
        var quotes = new QuoteBook();
        var rows = new List<OrderLedgerRow>();
        var before = new MarketableLimitStage(new LedgerVenue(new RestingVenue(), rows.Add), quotes, Live);
        Quote(quotes, Ten, 101.10m, 101.30m);
        before.Submit(Order(OrderPurpose.Entry, OrderSide.Buy));
        rows.Add(OrderLedgerRow.Sent(Order(OrderPurpose.Exit, OrderSide.Sell, OrderType.Limit) with { LimitPrice = 99.10m }) with { State = OrderState.Complete, FilledQuantity = 65 });
        rows.Add(OrderLedgerRow.Sent(Order(OrderPurpose.ProtectiveStop, OrderSide.Sell, OrderType.StopLimit) with { ClientId = "N26010701S002", LimitPrice = 80m, TriggerPrice = 88m }));

        // The restarted process knows nothing of it but the ledger.
        var kite = new RestingVenue();
        var after = new MarketableLimitStage(kite, quotes, Live);
        after.Resume(rows, Call);
        Quote(quotes, Ten.AddSeconds(30), 104.90m, 105.00m);
        Move(after, Ten.AddSeconds(30));
        var repriced = Assert.Single(kite.Seen);
        Assert.Equal(("N26010701E001", OrderAction.Modify, OrderType.Limit, (decimal?)107.10m, 65), (repriced.ClientId, repriced.Action, repriced.Type, repriced.LimitPrice, repriced.Quantity));
    }

    [Fact]
    public void With_the_options_circuit_limits_known_a_LIMIT_and_its_re_pricings_stay_inside_them()
    {
        var quotes = new QuoteBook();
        var kite = new RestingVenue();
        var stage = new MarketableLimitStage(kite, quotes, Live);
        quotes.SetBand(Call.InstrumentToken, new CircuitBand(40.00m, 102.00m));
        Quote(quotes, Ten, 101.10m, 101.30m);
        stage.Submit(Order(OrderPurpose.Entry, OrderSide.Buy));
        Assert.Equal(102.00m, kite.Seen[0].LimitPrice); // not 103.30, which Kite refuses above the upper limit
        Quote(quotes, Ten.AddSeconds(5), 101.90m, 102.00m);
        Move(stage, Ten.AddSeconds(5));
        Assert.Equal((OrderAction.Modify, (decimal?)102.00m), (kite.Seen[1].Action, kite.Seen[1].LimitPrice));
    }

    [Fact]
    public void The_protective_stop_stays_a_stop_limit_and_an_order_with_no_quote_stays_MARKET()
    {
        var kite = new RestingVenue();
        var stage = new MarketableLimitStage(kite, new QuoteBook(), Live);
        stage.Submit(Order(OrderPurpose.Entry, OrderSide.Buy));
        stage.Submit(Order(OrderPurpose.ProtectiveStop, OrderSide.Sell, OrderType.StopLimit) with { ClientId = "N26010701S002", LimitPrice = 80m, TriggerPrice = 88m });
        Assert.Equal([OrderType.Market, OrderType.StopLimit], kite.Seen.Select(r => r.Type));
        Assert.Equal(88m, kite.Seen[1].TriggerPrice);
    }
}
