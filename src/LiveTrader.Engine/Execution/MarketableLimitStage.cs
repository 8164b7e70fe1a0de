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
/// an exit becomes MARKET with market protection, because an exit must not wait.</summary>
public sealed class MarketableLimitStage(IOrderVenue venue, QuoteBook quotes, LiveOrderSettings live) : IOrderVenue
{
    private readonly Dictionary<string, Resting> _resting = [];

    public IReadOnlyList<OrderUpdate> Submit(OrderRequest request)
    {
        if (request is { Action: OrderAction.Place, Type: OrderType.Market, Purpose: not OrderPurpose.ProtectiveStop }
            && Touch(request) is decimal touch)
        {
            request = request with
            {
                Type = OrderType.Limit,
                LimitPrice = MarketableLimit.Price(request.Side, touch, live.LimitProtectionPercent, request.Contract.TickSize),
            };
            _resting[request.ClientId] = new Resting(request, request.Time);
        }
        else if (request.Action == OrderAction.Cancel)
        {
            // The agent's own cancel (an exit cancelling a buy remainder): nothing more to chase.
            _resting.Remove(request.ClientId);
        }
        return Seen(venue.Submit(request));
    }

    /// <summary>After a restart: the LIMIT orders the ledger holds as still working (entry, add or exit
    /// of <paramref name="contract"/>, the segment's one open or pending contract) take up the rule
    /// again, their wait counted from their last pricing, their re-pricings afresh.</summary>
    public void Resume(IEnumerable<OrderLedgerRow> log, OptionContract contract)
    {
        var latest = new Dictionary<string, OrderLedgerRow>();
        foreach (var row in log) latest[row.ClientId] = row;
        foreach (var row in latest.Values)
        {
            if (row.Type != OrderType.Limit || row.State.IsFinal() || row.Purpose == OrderPurpose.ProtectiveStop || row.LimitPrice is null) continue;
            // Kite prices nothing from the index level, so the one the order stood at is not kept.
            var request = new OrderRequest(OrderAction.Place, row.ClientId, row.Segment, row.TradeId, row.Purpose, row.Side, OrderType.Limit,
                contract, row.Quantity, row.Time, 0m, row.LimitPrice, Reason: row.Message, Revision: row.Revision);
            _resting[row.ClientId] = new Resting(request, row.Time);
        }
    }

    public IReadOnlyList<OrderUpdate> Receive(OrderUpdate update) => Seen(venue.Receive(update));

    public IReadOnlyList<OrderUpdate> MarketMoved(MarketMove move)
    {
        var updates = new List<OrderUpdate>(Seen(venue.MarketMoved(move)));
        foreach (var order in _resting.Values.Where(o => move.Time - o.PricedAt >= TimeSpan.FromSeconds(live.LimitRepriceSeconds)).ToList())
            updates.AddRange(Seen(venue.Submit(Chase(order, move.Time))));
        return updates;
    }

    /// <summary>The next step of the rule for a LIMIT that has rested its time.</summary>
    private OrderRequest Chase(Resting order, DateTimeOffset time)
    {
        var request = order.Request;
        order.PricedAt = time;
        if (order.Reprices < live.LimitReprices && Touch(request) is decimal touch)
        {
            order.Reprices++;
            var price = MarketableLimit.Price(request.Side, touch, live.LimitProtectionPercent, request.Contract.TickSize);
            return order.Request = request with
            {
                Action = OrderAction.Modify, LimitPrice = price, Time = time, Revision = request.Revision + 1,
                Reason = $"LIMIT not filled in {live.LimitRepriceSeconds:0.#} s: priced again at {price:0.00} ({order.Reprices} of {live.LimitReprices})",
            };
        }
        if (request.Side == OrderSide.Buy)
        {
            _resting.Remove(request.ClientId);
            var cancel = request with
            {
                Action = OrderAction.Cancel, Time = time,
                Reason = $"LIMIT {request.Purpose} not filled after {live.LimitReprices} re-pricings: cancelled, not chased further",
            };
            _givenUp[request.ClientId] = new Resting(cancel, time);
            return cancel;
        }
        _resting.Remove(request.ClientId);
        return order.Request = request with
        {
            Action = OrderAction.Modify, Type = OrderType.Market, LimitPrice = null, Time = time, Revision = request.Revision + 1,
            Reason = $"LIMIT exit not filled after {live.LimitReprices} re-pricings: sent as MARKET",
        };
    }

    // Buys cancelled by the rule: their cancellation reaches the agent saying why.
    private readonly Dictionary<string, Resting> _givenUp = [];

    /// <summary>Ends what has ended; the answers to our own re-pricings stay here (the ledger below has
    /// them): a refused one is tried again at the next step of the rule, the agent never asked for it.</summary>
    private IReadOnlyList<OrderUpdate> Seen(IReadOnlyList<OrderUpdate> updates)
    {
        if (_resting.Count == 0 && _givenUp.Count == 0) return updates;
        var kept = new List<OrderUpdate>(updates.Count);
        foreach (var update in updates)
        {
            var u = update;
            if (u.Refused is not null && _resting.ContainsKey(u.ClientId)) continue;
            if (u.State.IsFinal())
            {
                _resting.Remove(u.ClientId);
                if (_givenUp.Remove(u.ClientId, out var given) && u.State == OrderState.Cancelled)
                    u = u with { Message = $"{given.Request.Reason} ({u.Message ?? "cancelled"})" };
            }
            kept.Add(u);
        }
        return kept;
    }

    /// <summary>The side of the book the order trades against, else the last price; null without a quote.</summary>
    private decimal? Touch(OrderRequest request)
    {
        if (!quotes.TryGet(request.Contract.InstrumentToken, out var tick)) return null;
        var touch = request.Side == OrderSide.Buy ? tick.Ask : tick.Bid;
        if (touch <= 0) touch = tick.LastPrice;
        return touch > 0 ? touch : null;
    }

    private sealed class Resting(OrderRequest request, DateTimeOffset pricedAt)
    {
        public OrderRequest Request { get; set; } = request;
        public DateTimeOffset PricedAt { get; set; } = pricedAt;
        public int Reprices { get; set; }
    }
}
