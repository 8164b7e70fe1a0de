using LiveTrader.Core.Instruments;
using LiveTrader.Core.Orders;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Journal;
using LiveTrader.Engine.Paper;

namespace LiveTrader.Engine.Execution;

/// <summary>Live entries, adds and exits as a marketable LIMIT (<c>Live:EntryOrderType</c> = Limit):
/// the agent's MARKET order is priced <see cref="LiveOrderSettings.LimitProtectionPercent"/> through
/// the option's ask (buy) or bid (sell), before the ledger, so the ledger holds what Kite is sent.
/// The rule for one that does not fill: every <see cref="LiveOrderSettings.LimitRepriceSeconds"/> of
/// market time it is priced again at the market, at most <see cref="LiveOrderSettings.LimitReprices"/>
/// times; then an entry or add still short is cancelled (the agent skips it, keeping what filled) and
/// an exit becomes MARKET with market protection, because an exit must not wait. Every price is kept
/// inside the option's circuit limits when the quote book knows them.
/// <para>Those modifications and cancels are the stage's own, so their refusals (Kite's, the rate
/// gate's below) stay here, are said through <see cref="Refused"/>, and the order keeps its terms
/// and stays tracked: a refused re-pricing counts as one of the tries (a buy is never chased longer
/// than the rule's time) and the next step comes an interval later; a refused change to MARKET or a
/// refused cancel is asked again every interval until it is carried out or the order ends.</para>
/// <para>It sits above the order-rate gate, so each of its requests is counted like the agent's.</para></summary>
public sealed class MarketableLimitStage(IOrderVenue venue, QuoteBook quotes, LiveOrderSettings live) : IOrderVenue
{
    private readonly Dictionary<string, Priced> _priced = [];
    private TimeSpan Interval => TimeSpan.FromSeconds(live.LimitRepriceSeconds);

    /// <summary>One of the stage's own requests was not carried out: the request and what is said of it.
    /// Called on the agent's loop, inside the step that heard the refusal.</summary>
    public event Action<OrderRequest, string>? Refused;

    public IReadOnlyList<OrderUpdate> Submit(OrderRequest request)
    {
        if (request is { Action: OrderAction.Place, Type: OrderType.Market, Purpose: not OrderPurpose.ProtectiveStop }
            && Touch(request) is decimal touch)
        {
            request = request with
            {
                Type = OrderType.Limit,
                LimitPrice = MarketableLimit.Price(request.Side, touch, live.LimitProtectionPercent, request.Contract.TickSize, quotes.Band(request.Contract.InstrumentToken)),
            };
            _priced[request.ClientId] = new Priced(request, request.Time, 0);
        }
        else if (request.Action == OrderAction.Cancel)
        {
            // The agent's own cancel (an exit cancelling a buy remainder): nothing more to chase, and
            // a refusal of it is the agent's to hear.
            _priced.Remove(request.ClientId);
        }
        return Seen(venue.Submit(request));
    }

    /// <summary>After a restart: the LIMIT orders the ledger holds as still working (entry, add or exit
    /// of <paramref name="contract"/>, the segment's one open or pending contract) take up the rule
    /// again, their wait counted from their last pricing, their re-pricings counted from the ledger's
    /// modifications. One turned into MARKET, or asked to be cancelled, is Kite's to end.</summary>
    public void Resume(IEnumerable<OrderLedgerRow> log, OptionContract contract)
    {
        var latest = new Dictionary<string, OrderLedgerRow>();
        var tries = new Dictionary<string, int>();
        var cancelled = new HashSet<string>();
        foreach (var row in log)
        {
            latest[row.ClientId] = row;
            if (row is { Action: OrderAction.Modify, State: OrderState.Sent, Type: OrderType.Limit }) tries[row.ClientId] = tries.GetValueOrDefault(row.ClientId) + 1;
            if (row.Action == OrderAction.Cancel) cancelled.Add(row.ClientId);
        }
        foreach (var row in latest.Values)
        {
            if (row.Type != OrderType.Limit || row.State.IsFinal() || row.Purpose == OrderPurpose.ProtectiveStop || row.LimitPrice is null
                || cancelled.Contains(row.ClientId)) continue;
            // Kite prices nothing from the index level, so the one the order stood at is not kept.
            var request = new OrderRequest(OrderAction.Place, row.ClientId, row.Segment, row.TradeId, row.Purpose, row.Side, OrderType.Limit,
                contract, row.Quantity, row.Time, 0m, row.LimitPrice, Reason: row.Message, Revision: row.Revision);
            _priced[row.ClientId] = new Priced(request, row.Time, tries.GetValueOrDefault(row.ClientId));
        }
    }

    public IReadOnlyList<OrderUpdate> Receive(OrderUpdate update) => Seen(venue.Receive(update));

    public IReadOnlyList<OrderUpdate> MarketMoved(MarketMove move)
    {
        var updates = new List<OrderUpdate>(Seen(venue.MarketMoved(move)));
        foreach (var order in _priced.Values.Where(o => o.AwaitsNextStep && move.Time - o.TriedAt >= Interval).ToList())
            updates.AddRange(Seen(venue.Submit(Chase(order, move.Time))));
        return updates;
    }

    /// <summary>The next step of the rule for a LIMIT that has rested its time.</summary>
    private OrderRequest Chase(Priced order, DateTimeOffset time)
    {
        var request = order.TakeAsCarriedOut();
        order.TriedAt = time;
        if (order.Reprices < live.LimitReprices && Touch(request) is decimal touch)
        {
            order.Reprices++;
            var price = MarketableLimit.Price(request.Side, touch, live.LimitProtectionPercent, request.Contract.TickSize, quotes.Band(request.Contract.InstrumentToken));
            return order.Asked = request with
            {
                Action = OrderAction.Modify, LimitPrice = price, Time = time, Revision = request.Revision + 1,
                Reason = $"LIMIT not filled in {live.LimitRepriceSeconds:0.#} s: priced again at {price:0.00} ({order.Reprices} of {live.LimitReprices})",
            };
        }
        if (request.Side == OrderSide.Buy)
            return order.Asked = request with
            {
                Action = OrderAction.Cancel, Time = time,
                Reason = $"LIMIT {request.Purpose} not filled after {live.LimitReprices} re-pricings: cancelled, not chased further",
            };
        return order.Asked = request with
        {
            Action = OrderAction.Modify, Type = OrderType.Market, LimitPrice = null, Time = time, Revision = request.Revision + 1,
            Reason = $"LIMIT exit not filled after {live.LimitReprices} re-pricings: sent as MARKET",
        };
    }

    /// <summary>Ends what has ended and keeps the answers to the stage's own requests: a re-pricing or
    /// change to MARKET not refused by the time the next answer comes is what the venue holds.</summary>
    private IReadOnlyList<OrderUpdate> Seen(IReadOnlyList<OrderUpdate> updates)
    {
        if (_priced.Count == 0) return updates;
        var kept = new List<OrderUpdate>(updates.Count);
        foreach (var update in updates)
        {
            var u = update;
            if (!_priced.TryGetValue(u.ClientId, out var order))
            {
                kept.Add(u);
                continue;
            }
            // The agent never modifies an entry, add or exit: a refused modification is the stage's.
            if (u.Refused is { } refused && (refused == OrderAction.Modify || order.Asked?.Action == OrderAction.Cancel))
            {
                RefusedHere(order, u);
                continue;
            }
            if (u.State.IsFinal())
            {
                _priced.Remove(u.ClientId);
                if (order.Asked is { Action: OrderAction.Cancel } cancel && u.State == OrderState.Cancelled)
                    u = u with { Message = $"{cancel.Reason} ({u.Message ?? "cancelled"})" };
            }
            kept.Add(u);
        }
        return kept;
    }

    /// <summary>The order stands with the terms it had; the rule's next step comes an interval after the try.</summary>
    private void RefusedHere(Priced order, OrderUpdate refusal)
    {
        // An answer later than the next try is still said, of the order as the stage now holds it.
        var asked = order.Asked ?? order.Request;
        order.Asked = null;
        var what = asked switch
        {
            { Action: OrderAction.Place } => $"an earlier request on LIMIT {asked.Purpose} {asked.ClientId}",
            { Action: OrderAction.Cancel } => $"cancel of LIMIT {asked.Purpose} {asked.ClientId}",
            { Type: OrderType.Market } => $"change of LIMIT {asked.Purpose} {asked.ClientId} to MARKET",
            _ => $"re-pricing of LIMIT {asked.Purpose} {asked.ClientId} to {asked.LimitPrice:0.00} ({order.Reprices} of {live.LimitReprices})",
        };
        var next = order.Reprices < live.LimitReprices ? "priced again"
            : asked.Side == OrderSide.Buy ? "cancel asked again" : "change to MARKET asked again";
        Refused?.Invoke(asked, $"{what} not carried out ({refusal.Message}); it rests at {order.Request.LimitPrice:0.00}, {next} {live.LimitRepriceSeconds:0.#} s after the try");
    }

    /// <summary>The side of the book the order trades against, else the last price; null without a quote.</summary>
    private decimal? Touch(OrderRequest request)
    {
        if (!quotes.TryGet(request.Contract.InstrumentToken, out var tick)) return null;
        var touch = request.Side == OrderSide.Buy ? tick.Ask : tick.Bid;
        if (touch <= 0) touch = tick.LastPrice;
        return touch > 0 ? touch : null;
    }

    /// <summary>A LIMIT the stage priced, until it ends: <see cref="Request"/> holds the terms the venue
    /// was last seen to hold, <see cref="Asked"/> the stage's own request on it not yet answered.</summary>
    private sealed class Priced(OrderRequest request, DateTimeOffset triedAt, int reprices)
    {
        public OrderRequest Request { get; set; } = request;
        public DateTimeOffset TriedAt { get; set; } = triedAt;
        public int Reprices { get; set; } = reprices;

        public OrderRequest? Asked { get; set; }

        /// <summary>A change to MARKET or a cancel in flight is the venue's to carry out; a re-pricing not
        /// refused within its interval has been.</summary>
        public bool AwaitsNextStep => Asked is null or { Action: OrderAction.Modify, Type: OrderType.Limit };

        /// <summary>A re-pricing whose interval passed with no refusal is what the venue holds.</summary>
        public OrderRequest TakeAsCarriedOut()
        {
            if (Asked is { Action: OrderAction.Modify } carried) Request = carried with { Action = OrderAction.Place };
            Asked = null;
            return Request;
        }
    }
}
