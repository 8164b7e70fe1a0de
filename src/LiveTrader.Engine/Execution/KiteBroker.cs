using System.Threading.Channels;
using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Trading;
using LiveTrader.Kite.Orders;
using LiveTrader.Kite.Rest;

namespace LiveTrader.Engine.Execution;

/// <summary>The live session's one connection to Kite's order desk, shared by the segments. Every
/// request goes through one worker, in the order the agents asked, so a modification never
/// overtakes its placement. Answers come later: from the ticker's order updates (checksum checked)
/// and, whenever the ticker is down or an answer is late, from polling <c>/orders</c>. Each of our
/// orders is posted to its segment's loop only when its state or filled quantity changes, so a
/// repeated, late or reordered update is never an input twice; the agent books fills by cumulative
/// quantity in any case. A placement whose answer was lost is looked for by its tag, never sent
/// again: not found within <see cref="LiveOrderSettings.LostOrderSeconds"/>, it counts as rejected,
/// and if it appears after that it is cancelled at once and said out loud.</summary>
public sealed class KiteBroker : IAsyncDisposable
{
    private readonly KiteRestClient _rest;
    private readonly LiveOrderSettings _live;
    private readonly string? _apiSecret;
    private readonly Func<DateTimeOffset> _now;
    private readonly Channel<OrderRequest> _requests = Channel.CreateUnbounded<OrderRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private readonly Dictionary<string, Tracked> _orders = [];
    private readonly Dictionary<Segment, Desk> _desks = [];
    private readonly HashSet<string> _foreignSeen = [];
    private Task? _worker;
    private Task? _poller;
    private volatile bool _tickerUp;
    private volatile bool _pollNow;

    /// <param name="apiSecret">Checks each order update's checksum; null trusts the ticker's connection alone.</param>
    /// <param name="now">The session's clock: it stamps the updates, as it stamps every input.</param>
    public KiteBroker(KiteRestClient rest, LiveOrderSettings live, string? apiSecret, Func<DateTimeOffset> now)
    {
        _rest = rest;
        _live = live;
        _apiSecret = string.IsNullOrEmpty(apiSecret) ? null : apiSecret;
        _now = now;
    }

    /// <summary>Requests sent to Kite so far (placements, modifications, cancellations), retries included.</summary>
    public int RequestsSent => Volatile.Read(ref _requestsSent);
    private int _requestsSent;

    /// <summary>Requests the agents asked for that the worker has not finished with (queued or being
    /// sent): zero means every order asked for has had Kite's answer, or its loss, handed back.</summary>
    public int RequestsInHand => Volatile.Read(ref _requestsInHand);
    private int _requestsInHand;

    /// <summary>Order updates the ticker has delivered so far, good or not: a caller that knows how
    /// many Kite sent can tell when every one has reached its segment's loop.</summary>
    public int UpdatesHeard => Volatile.Read(ref _updatesHeard);
    private int _updatesHeard;

    /// <summary>The venue of one segment: its orders go to Kite; their fates reach <paramref name="answer"/>,
    /// and what the trader must know about the broker (a lost answer, a foreign order) <paramref name="notice"/>,
    /// with whether the segment must stop trading until a person has looked.</summary>
    public IOrderVenue Venue(Segment segment, Action<OrderUpdate> answer, Action<string, bool> notice)
    {
        lock (_gate) _desks[segment] = new Desk(answer, notice);
        return new KiteVenue(this);
    }

    /// <summary>An order the ledger knew before a restart and Kite lists: its later updates are ours again.</summary>
    public void Adopt(string clientId, Segment segment, string brokerOrderId, OrderState state, int filled)
    {
        lock (_gate)
        {
            var t = Track(clientId, segment);
            t.BrokerId = brokerOrderId;
            t.Posted = (state, filled);
            // An order already ended at Kite takes no later update: a repeat of its end is not an input again.
            t.Final = state.IsFinal();
        }
    }

    public void Start()
    {
        _worker ??= Task.Run(() => WorkAsync(_stop.Token));
        _poller ??= Task.Run(() => PollAsync(_stop.Token));
    }

    /// <summary>The ticker's connection: while it is down the order book is polled.</summary>
    public void TickerConnected(bool up)
    {
        _tickerUp = up;
        if (up) _pollNow = true; // what happened while it was down
    }

    /// <summary>Look at the order book at the next poll (after a reconnect or a new login).</summary>
    public void PollSoon() => _pollNow = true;

    /// <summary>Kite's orders and positions of the day, for reconciliation.</summary>
    public async Task<(IReadOnlyList<KiteOrder> Orders, IReadOnlyList<KitePosition> Positions)> BookAsync(CancellationToken ct)
    {
        var orders = await _rest.GetOrdersAsync(ct);
        var positions = await _rest.GetPositionsAsync(ct);
        return (orders, positions.Net);
    }

    /// <summary>Kite's virtual contract note (<c>/charges/orders</c>) for every order of a closed trade,
    /// beside the charges the engine booked: the segment's log says they agree to the rupee, or shows
    /// both, itemised, so a wrong rate in the charge table is found on the first live day.</summary>
    public async Task CompareChargesAsync(TradeRecord trade, CancellationToken ct)
    {
        try
        {
            var number = int.Parse(trade.TradeId[(trade.TradeId.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            var prefix = ClientOrderId.TradePrefix(trade.Segment, Ist.DayOf(trade.EntryTime), number);
            var filled = (await _rest.GetOrdersAsync(ct))
                .Where(o => (o.Tag ?? o.Tags?.FirstOrDefault()) is { } tag && tag.StartsWith(prefix, StringComparison.Ordinal) && o.FilledQuantity > 0)
                .Select(o => new KiteChargeOrder
                {
                    OrderId = o.OrderId, Exchange = o.Exchange, Tradingsymbol = o.Tradingsymbol, TransactionType = o.TransactionType,
                    Variety = o.Variety, Product = o.Product, OrderType = o.OrderType, Quantity = o.FilledQuantity, AveragePrice = o.AveragePrice,
                })
                .ToList();
            if (filled.Count == 0)
            {
                Notice(trade.Segment, $"charges of {trade.TradeId}: Kite lists none of its orders as filled; not compared");
                return;
            }
            var note = await _rest.GetVirtualContractNoteAsync(filled, ct);
            var kite = note.Sum(e => e.Charges.Total);
            var difference = trade.Charges - kite;
            Notice(trade.Segment, Math.Abs(difference) < 1m
                ? $"charges of {trade.TradeId} agree with Kite's contract note to the rupee: ours {trade.Charges:F2}, Kite's {kite:F2} over {filled.Count} orders"
                : $"charges of {trade.TradeId} differ from Kite's contract note by {difference:F2}: ours {trade.Charges:F2}, Kite's {kite:F2} over {filled.Count} orders"
                  + $" (brokerage {note.Sum(e => e.Charges.Brokerage):F2}, STT {note.Sum(e => e.Charges.TransactionTax):F2}, exchange {note.Sum(e => e.Charges.ExchangeTurnoverCharge):F2},"
                  + $" SEBI {note.Sum(e => e.Charges.SebiTurnoverCharge):F2}, stamp {note.Sum(e => e.Charges.StampDuty):F2}, GST {note.Sum(e => e.Charges.Gst.Total):F2}); check the charge table");
        }
        catch (Exception e) when (e is KiteException or HttpRequestException or TimeoutException or TaskCanceledException)
        {
            Notice(trade.Segment, $"charges of {trade.TradeId} not compared with Kite's contract note: {e.Message}");
        }
    }

    /// <summary>An order update from the ticker (the frame's <c>data</c>).</summary>
    public void OnOrderUpdate(string payload)
    {
        try
        {
            Hear(payload);
        }
        finally
        {
            Interlocked.Increment(ref _updatesHeard);
        }
    }

    private void Hear(string payload)
    {
        KiteOrderUpdate update;
        try
        {
            update = KiteOrderUpdate.Parse(payload);
        }
        catch (System.Text.Json.JsonException e)
        {
            NoticeAll($"an order update that is not an order was ignored ({e.Message}); the order book is polled instead");
            _pollNow = true;
            return;
        }
        if (_apiSecret is not null && !update.HasValidChecksum(_apiSecret))
        {
            NoticeAll($"an order update for {update.Order.OrderId} with a wrong checksum was ignored; the order book is polled instead");
            _pollNow = true;
            return;
        }
        Heard(update.Order, fromTicker: true);
    }

    private void Send(OrderRequest request)
    {
        Interlocked.Increment(ref _requestsInHand);
        if (!_requests.Writer.TryWrite(request)) Interlocked.Decrement(ref _requestsInHand);
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var request in _requests.Reader.ReadAllAsync(ct))
            {
                try
                {
                    await (request.Action switch
                    {
                        OrderAction.Place => PlaceAsync(request, ct),
                        OrderAction.Modify => ModifyAsync(request, ct),
                        _ => CancelAsync(request, ct),
                    });
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Notice(request.Segment, $"{KiteOrderTerms.Describe(request)} failed: {e.Message}; the order book is polled to learn its state");
                    // A modification or cancel that may not have reached Kite is asked again by the agent;
                    // a placement is looked for by its tag (never sent twice).
                    if (request.Action != OrderAction.Place) Refuse(request, $"no answer from Kite: {e.Message}");
                    _pollNow = true;
                }
                finally
                {
                    Interlocked.Decrement(ref _requestsInHand);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task PlaceAsync(OrderRequest request, CancellationToken ct)
    {
        Tracked t;
        lock (_gate)
        {
            t = Track(request.ClientId, request.Segment);
            t.AskedAt = _now();
        }
        var terms = KiteOrderTerms.Place(request, _live);
        for (var attempt = 1; ; attempt++)
        {
            Interlocked.Increment(ref _requestsSent);
            var result = await _rest.PlaceAndFindAsync(terms, ct);
            switch (result.Outcome)
            {
                case PlacementOutcome.Placed:
                    lock (_gate)
                    {
                        t.BrokerId = result.OrderIds[0];
                        t.LostSince = null;
                    }
                    // The broker's id reaches the ledger; the order's fate comes with its updates.
                    PostIfNew(t, new OrderUpdate(request.ClientId, OrderState.Open, 0, 0m, _now(), "accepted by Kite", result.OrderIds[0]), acceptance: true);
                    return;
                case PlacementOutcome.SurelyNotPlaced when result.Error is KiteException { StatusCode: System.Net.HttpStatusCode.TooManyRequests } && attempt < 3:
                    // Refused before the OMS: no order exists, so asking again cannot make two.
                    await Task.Delay(TimeSpan.FromSeconds(attempt), ct);
                    continue;
                case PlacementOutcome.SurelyNotPlaced:
                    Post(t, new OrderUpdate(request.ClientId, OrderState.Rejected, 0, 0m, _now(), $"refused by Kite: {result.Error?.Message}"));
                    return;
                default:
                    lock (_gate) t.LostSince = _now();
                    Notice(request.Segment, $"{KiteOrderTerms.Describe(request)}: Kite's answer was lost ({result.Error?.Message}); looking for it by its tag, not sending it again");
                    _pollNow = true;
                    return;
            }
        }
    }

    private async Task ModifyAsync(OrderRequest request, CancellationToken ct)
    {
        string? id;
        lock (_gate) id = _orders.GetValueOrDefault(request.ClientId)?.BrokerId;
        if (id is null)
        {
            Refuse(request, "Kite has not confirmed the order yet");
            return;
        }
        try
        {
            Interlocked.Increment(ref _requestsSent);
            await _rest.ModifyOrderAsync(KiteOrderTerms.Variety, id, KiteOrderTerms.Modify(request, _live), ct);
            lock (_gate) _orders[request.ClientId].AskedAt = _now();
        }
        catch (KiteException e)
        {
            // Filled or cancelled meanwhile, or refused: the book says which; the agent asks again by its rule.
            Refuse(request, $"refused by Kite: {e.Message}");
            _pollNow = true;
        }
    }

    /// <summary>A modification or cancel Kite did not carry out reaches the agent as an input, so it
    /// neither believes the order changed nor waits for a cancel that is not coming.</summary>
    private void Refuse(OrderRequest request, string why)
    {
        Desk? desk;
        lock (_gate)
        {
            if (_orders.GetValueOrDefault(request.ClientId) is { Final: true }) return;
            desk = _desks.GetValueOrDefault(request.Segment);
        }
        desk?.Answer(OrderUpdate.RefusalOf(request, _now(), why));
    }

    private async Task CancelAsync(OrderRequest request, CancellationToken ct)
    {
        Tracked? t;
        lock (_gate) t = _orders.GetValueOrDefault(request.ClientId);
        if (t?.BrokerId is not { } id)
        {
            if (t is not null && t.LostSince is not null)
            {
                // Not found yet: if it appears it is cancelled then.
                lock (_gate) t.CancelWanted = true;
                return;
            }
            // The ticker and the poller read the book on their threads: it changes only under the lock.
            if (t is null) lock (_gate) t = Track(request.ClientId, request.Segment);
            Post(t, new OrderUpdate(request.ClientId, OrderState.Cancelled, 0, 0m, _now(), "never reached Kite"));
            return;
        }
        try
        {
            Interlocked.Increment(ref _requestsSent);
            await _rest.CancelOrderAsync(KiteOrderTerms.Variety, id, ct: ct);
            lock (_gate) t.AskedAt = _now();
        }
        catch (KiteException e)
        {
            Refuse(request, $"refused by Kite: {e.Message}");
            _pollNow = true;
        }
    }

    private async Task PollAsync(CancellationToken ct)
    {
        var every = TimeSpan.FromSeconds(_live.PollSeconds);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(250, every.TotalMilliseconds)), ct);
                if (!_pollNow && !NeedsPoll()) continue;
                _pollNow = false;
                try
                {
                    foreach (var order in await _rest.GetOrdersAsync(ct)) Heard(order, fromTicker: false);
                    GiveUpLost();
                }
                catch (Exception e) when (e is KiteException or HttpRequestException or TimeoutException)
                {
                    // Down or logged out: the next poll tries again; the market's status shows why.
                }
                await Task.Delay(every, ct);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>The ticker is down, or an order waits for a first answer, or a request on it went unanswered.</summary>
    private bool NeedsPoll()
    {
        var late = _now() - TimeSpan.FromSeconds(_live.LateAnswerSeconds);
        lock (_gate)
        {
            if (!_tickerUp && _orders.Values.Any(t => !t.Final)) return true;
            return _orders.Values.Any(t => !t.Final && (t.LostSince is not null || (t.AskedAt is { } asked && asked < late)));
        }
    }

    private void GiveUpLost()
    {
        var limit = _now() - TimeSpan.FromSeconds(_live.LostOrderSeconds);
        List<(Tracked, string)> lost = [];
        lock (_gate)
        {
            foreach (var (id, t) in _orders)
            {
                if (t.BrokerId is null && t.LostSince is { } since && since < limit && !t.Final)
                {
                    t.GivenUp = true;
                    t.LostSince = null;
                    lost.Add((t, id));
                }
            }
        }
        foreach (var (t, id) in lost)
            Post(t, new OrderUpdate(id, OrderState.Rejected, 0, 0m, _now(),
                $"no answer from Kite and not in its order book after {_live.LostOrderSeconds:0} s: counted as not placed"));
    }

    /// <summary>Kite's view of an order, from the ticker or the book.</summary>
    private void Heard(KiteOrder order, bool fromTicker)
    {
        var tag = order.Tag ?? order.Tags?.FirstOrDefault();
        Tracked? t = null;
        bool cancelNow = false, foreign = false;
        lock (_gate)
        {
            if (tag is not null) t = _orders.GetValueOrDefault(tag);
            if (t is null)
            {
                foreign = _foreignSeen.Add(order.OrderId);
            }
            else
            {
                if (t.BrokerId is null)
                {
                    t.BrokerId = order.OrderId;
                    t.LostSince = null;
                    cancelNow = (t.CancelWanted || t.GivenUp) && KiteOrderTerms.State(order.Status) is { } s && !s.IsFinal();
                }
                t.AskedAt = null;
            }
        }
        if (foreign)
        {
            // Only orders of the day's book: another app's or a person's order is said once.
            NoticeAll($"Kite order {order.OrderId} ({order.TransactionType} {order.Quantity} {order.Tradingsymbol}, {order.Status}) is not ours (tag '{tag}'): left alone");
            return;
        }
        if (t is null) return;
        if (t.GivenUp)
        {
            // A fill the agent does not know of is a position without its stop: nothing more is sent
            // for the segment until a person has closed it at Kite and re-armed.
            var unexplained = order.FilledQuantity > 0 && !t.HaltedFor;
            if (unexplained) lock (_gate) t.HaltedFor = true;
            Notice(t.Segment, $"order {tag} ({order.OrderId}) appeared at Kite after it was given up: {order.Status}, filled {order.FilledQuantity}"
                + (cancelNow ? "; cancelling it" : "")
                + (unexplained ? $"; {order.TransactionType} {order.FilledQuantity} {order.Tradingsymbol} filled that the agent does not hold: close it at Kite by hand, then re-arm" : ""),
                halts: unexplained);
            if (cancelNow) CancelAtBroker(tag!, t.Segment, order.Tradingsymbol);
            return;
        }
        if (cancelNow) CancelAtBroker(tag!, t.Segment, order.Tradingsymbol);
        if (KiteOrderTerms.State(order.Status) is not { } state) return;
        var message = state == OrderState.Rejected ? order.StatusMessage ?? "rejected by Kite" : state == OrderState.Cancelled ? order.StatusMessage ?? "cancelled" : null;
        Post(t, new OrderUpdate(tag!, state, (int)order.FilledQuantity, order.AveragePrice, _now(), message, order.OrderId));
    }

    /// <summary>A cancel the agent did not ask for: of an order found after it was given up, or
    /// one whose cancel was asked while it was still being looked for.</summary>
    private void CancelAtBroker(string clientId, Segment segment, string symbol) =>
        Send(new OrderRequest(OrderAction.Cancel, clientId, segment, "", OrderPurpose.Exit, OrderSide.Sell, OrderType.Market,
            new Core.Instruments.OptionContract(segment, DateOnly.MinValue, 0, Core.Instruments.OptionType.CE, symbol), 0, _now(), 0));

    private Tracked Track(string clientId, Segment segment)
    {
        if (!_orders.TryGetValue(clientId, out var t)) _orders[clientId] = t = new Tracked(segment);
        return t;
    }

    /// <summary>The placement's own answer carries the broker's id to the ledger, unless an update already came.</summary>
    private void PostIfNew(Tracked t, OrderUpdate update, bool acceptance)
    {
        lock (_gate)
        {
            if (acceptance && t.Posted is not null) return;
        }
        Post(t, update);
    }

    private void Post(Tracked t, OrderUpdate update)
    {
        Desk? desk;
        lock (_gate)
        {
            if (t.Final || t.Posted == (update.State, update.FilledQuantity)) return;
            // A late update with less filled than already posted tells nothing new.
            if (t.Posted is { } last && update.FilledQuantity < last.Filled) return;
            t.Posted = (update.State, update.FilledQuantity);
            t.Final = update.State.IsFinal();
            desk = _desks.GetValueOrDefault(t.Segment);
        }
        desk?.Answer(update);
    }

    private void Notice(Segment segment, string message, bool halts = false)
    {
        Desk? desk;
        lock (_gate) desk = _desks.GetValueOrDefault(segment);
        desk?.Notice(message, halts);
    }

    private void NoticeAll(string message)
    {
        List<Desk> desks;
        lock (_gate) desks = [.. _desks.Values];
        foreach (var d in desks) d.Notice(message, false);
    }

    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        // Requests already asked for (a kill switch's cancels, an exit) are still sent before the connection goes.
        if (_worker is not null) await Task.WhenAny(_worker, Task.Delay(TimeSpan.FromSeconds(10)));
        await _stop.CancelAsync();
        if (_poller is not null) await _poller;
        if (_worker is not null) await _worker;
        _stop.Dispose();
    }

    private sealed record Desk(Action<OrderUpdate> Answer, Action<string, bool> Notice);

    private sealed class Tracked(Segment segment)
    {
        public Segment Segment { get; } = segment;
        public string? BrokerId { get; set; }
        /// <summary>The last state and filled quantity posted to the agent.</summary>
        public (OrderState State, int Filled)? Posted { get; set; }
        public bool Final { get; set; }
        /// <summary>When a request on it was sent and not yet answered by an update.</summary>
        public DateTimeOffset? AskedAt { get; set; }
        /// <summary>When its placement's answer was lost, while it is looked for.</summary>
        public DateTimeOffset? LostSince { get; set; }
        public bool GivenUp { get; set; }
        public bool CancelWanted { get; set; }
        /// <summary>Its unexplained fill has halted the segment once already.</summary>
        public bool HaltedFor { get; set; }
    }

    private sealed class KiteVenue(KiteBroker broker) : IOrderVenue
    {
        public IReadOnlyList<OrderUpdate> Submit(OrderRequest request)
        {
            broker.Send(request);
            return [];
        }
    }
}
