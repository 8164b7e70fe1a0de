using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;
using LiveTrader.Core.Signals;

namespace LiveTrader.Core.Trading;

/// <summary>The agent's order life (DECISIONS.md "Orders: one life for backtest, paper and live"):
/// entries, adds and exits are asked for as orders, each with our own client id, and their fills,
/// rejections and cancels come back as updates. While an order for a purpose is working no second
/// one is sent. A partly filled entry or add leaves a smaller open position with the remainder
/// working; a partly filled exit leaves the rest open. A refused exit or add is tried again on the
/// first price at least <see cref="RetryAfterRefusal"/> of market time later, never on every tick.</summary>
public sealed partial class SegmentAgent
{
    /// <summary>How long after a refused exit or add the agent waits before asking again.</summary>
    public static readonly TimeSpan RetryAfterRefusal = TimeSpan.FromSeconds(1);

    private readonly List<WorkingOrder> _orders = [];
    private readonly Queue<OrderRequest> _outbox = new();
    private bool _dispatching;
    private int _ordersToday;
    private EntryDraft? _pendingEntry;
    private DateTimeOffset? _exitRetryAfter;
    private DateTimeOffset? _addRetryAfter;
    // Why the open position is being sold: a buy remainder filling on the way out is sold for it too.
    private string? _lastExitReason;
    // The position sold out (by an exit or the protective stop) while a buy was still being
    // cancelled: the trade's close, made with this sale's reason, time and spot once no buy works.
    private PendingExit? _closeWhenBuysEnd;

    /// <summary>The orders still working, oldest first.</summary>
    public IReadOnlyList<WorkingOrder> WorkingOrders => _orders;

    /// <summary>The contract the working orders trade: the open position's, or the pending entry's.</summary>
    public OptionContract? WorkingContract => Position?.Contract ?? _pendingEntry?.Contract;

    /// <summary>An update from a venue that answers later (Kite, or a simulated venue with a delay).
    /// One for an order the agent does not know as working (a repeat, or after it became final) changes nothing.</summary>
    public void OnOrderUpdate(OrderUpdate update)
    {
        foreach (var u in _venue.Receive(update)) Apply(u);
        Dispatch();
    }

    // ---------------------------------------------------------------- the three purposes

    private void Enter(OptionType type, Signal signal, bool isReentry, DateTimeOffset time, decimal spot)
    {
        var what = isReentry ? $"{type} re-entry" : signal.ToCode();
        if (_contracts.Select(type, spot, time, out var why) is not { } contract)
        {
            Skip(time, spot, $"{what} skipped: no contract ({why})");
            return;
        }
        if (_p.ConfiguredLotSize > 0 && contract.LotSize != _p.ConfiguredLotSize)
            Emit(time, AgentEventType.LotSizeMismatch,
                $"{contract.TradingSymbol} trades in lots of {contract.LotSize} per the instrument dump, not the configured {_p.ConfiguredLotSize}; using {contract.LotSize}",
                symbol: contract.TradingSymbol, spot: spot);
        var draft = new EntryDraft(type, signal.ToCode(), isReentry, what, contract, time, spot, TradesToday + 1);
        _pendingEntry = draft;
        Place(OrderPurpose.Entry, OrderSide.Buy, contract, _p.LotsAtEntry * contract.LotSize, draft.TradeNumber, time, spot, what);
    }

    private void CheckPyramid(OpenPosition position, DateTimeOffset time, decimal spot)
    {
        if (_p.Pyramid.IsOff) return;
        // Partly sold on the way out (a refused exit, a buy's late fill being sold): nothing more is bought.
        if (position.Sells.Count > 0 && _lastExitReason is not null) return;
        // An add buys lots: like an entry, only inside the trading window and before the square-off.
        var at = Ist.TimeOf(time);
        if (at >= _p.WindowEnd || at >= _p.SquareOff) return;
        if (_orders.Exists(o => o.Purpose != OrderPurpose.ProtectiveStop) || (_addRetryAfter is DateTimeOffset after && time < after)) return;
        if (_marks.Mark(position.Contract, time, spot) is not decimal price) return;
        var quantity = position.Quantity;
        var profit = position.OpenProfitAt(price);
        var lots = _p.Pyramid.LotsToAdd(profit, quantity, position.Contract.LotSize);
        if (lots == 0) return;
        Place(OrderPurpose.Add, OrderSide.Buy, position.Contract, lots * position.Contract.LotSize, TradeNumber(position), time, spot,
            $"open profit {profit:F2} reached {_p.Pyramid.Threshold(quantity):F2} ({quantity} x {_p.Pyramid.PyramidPoints})");
    }

    private void Exit(DateTimeOffset time, decimal spot, string reason)
    {
        var position = Position!;
        if (Working(OrderPurpose.Exit) is not null || _exitAfterStop is not null || position.Quantity == 0) return;
        if (_exitRetryAfter is DateTimeOffset after && time < after) return;
        // Nothing more is bought on the way out: a working entry or add remainder is cancelled first.
        CancelWorking(OrderPurpose.Entry, time);
        CancelWorking(OrderPurpose.Add, time);
        _lastExitReason = reason;
        if (Working(OrderPurpose.ProtectiveStop) is not null)
        {
            // Never sold twice: the exit goes out once the venue confirms the protective stop is cancelled.
            _exitAfterStop = new PendingExit(reason, time, spot);
            CancelWorking(OrderPurpose.ProtectiveStop, time);
            return;
        }
        Place(OrderPurpose.Exit, OrderSide.Sell, position.Contract, position.Quantity, TradeNumber(position), time, spot, reason);
    }

    // ---------------------------------------------------------------- requests

    private void Place(OrderPurpose purpose, OrderSide side, OptionContract contract, int quantity, int tradeNumber,
        DateTimeOffset time, decimal spot, string reason)
    {
        var id = ClientOrderId.For(_p.Segment, _day, tradeNumber, purpose, ++_ordersToday);
        _orders.Add(new WorkingOrder { ClientId = id, Purpose = purpose, Side = side, Quantity = quantity, Time = time, Spot = spot, Reason = reason });
        Send(new OrderRequest(OrderAction.Place, id, _p.Segment, TradeIdFor(tradeNumber), purpose, side, OrderType.Market, contract,
            quantity, time, spot, Reason: reason));
    }

    /// <summary>Asks once: a cancel the venue refused is asked again by <see cref="AskAgainIfDue"/>.</summary>
    private void CancelWorking(OrderPurpose purpose, DateTimeOffset time)
    {
        if (Working(purpose) is { CancelAsked: false } order) Cancel(order, time);
    }

    private void Cancel(WorkingOrder order, DateTimeOffset time)
    {
        var purpose = order.Purpose;
        order.CancelAsked = true;
        var contract = Position?.Contract ?? _pendingEntry!.Contract;
        Send(new OrderRequest(OrderAction.Cancel, order.ClientId, _p.Segment, Position?.TradeId ?? TradeIdFor(_pendingEntry!.TradeNumber),
            purpose, order.Side, OrderType.Market, contract, order.Remaining, time, _lastSpot ?? order.Spot));
    }

    /// <summary>Queues a request; the first one in a step hands the queue to the venue and applies its
    /// answers, which may ask for more (an exit for a remainder), until nothing is left to send.</summary>
    private void Send(OrderRequest request)
    {
        _outbox.Enqueue(request);
        Dispatch();
    }

    private void Dispatch()
    {
        if (_dispatching) return;
        _dispatching = true;
        try
        {
            while (_outbox.TryDequeue(out var request))
            {
                var updates = _venue.Submit(request);
                for (var i = 0; i < updates.Count; i++) Apply(updates[i]);
            }
        }
        finally
        {
            _dispatching = false;
        }
    }

    // ---------------------------------------------------------------- updates

    private void Apply(OrderUpdate update)
    {
        var order = OrderAs(update.ClientId);
        if (order is null) return;
        if (update.Refused is { } refused)
        {
            Refused(order, refused, update);
            return;
        }
        var fill = order.Book(update, out var changed);
        if (fill is null && !changed) return;
        if (order.State.IsFinal()) _orders.Remove(order);
        switch (order.Purpose)
        {
            case OrderPurpose.Entry:
                EntryUpdated(order, fill, update);
                break;
            case OrderPurpose.Add:
                AddUpdated(order, fill, update);
                break;
            case OrderPurpose.Exit:
                ExitUpdated(order, fill, update);
                break;
            case OrderPurpose.ProtectiveStop:
                StopUpdated(order, fill, update);
                break;
        }
        // A buy that ended may be the last one a sold-out trade was waiting for.
        if (order.Side == OrderSide.Buy && order.State.IsFinal()) CloseIfSoldOut();
    }

    /// <summary>A modification or cancel that was not carried out (an order rate limit, a lapsed
    /// login, the broker's refusal): the order stands as it was at the venue. It is asked again, with
    /// the terms wanted by then, on the first price after a wait that doubles with every refusal in a
    /// row up to <see cref="AskAgainAtMost"/>: never on every tick, never forgotten.</summary>
    private void Refused(WorkingOrder order, OrderAction refused, OrderUpdate update)
    {
        order.Refusals++;
        var wait = TimeSpan.FromTicks(Math.Min(AskAgainAtMost.Ticks, RetryAfterRefusal.Ticks << Math.Min(order.Refusals - 1, 16)));
        order.AskAgainAt = update.Time + wait;
        // Said on the first refusal in a row: a lapsed login would otherwise log every retry.
        if (order.Refusals > 1) return;
        Emit(update.Time, AgentEventType.OrderUpdated,
            $"{refused.ToString().ToLowerInvariant()} of {order.Purpose} {order.ClientId} not carried out ({Why(update)}); the order stands as it was, asked again from {wait.TotalSeconds:0.#} s later",
            Position?.TradeId, Position?.Contract.TradingSymbol, _lastSpot);
    }

    /// <summary>The longest wait between two tries of a refused modification or cancel.</summary>
    public static readonly TimeSpan AskAgainAtMost = TimeSpan.FromSeconds(30);

    /// <summary>Asks again what was refused, once its wait is over: the cancel, or the protective stop's
    /// terms as they are wanted now (quantity and trigger), which a later request may already carry.</summary>
    private void AskAgainIfDue(DateTimeOffset time, decimal spot)
    {
        if (!_orders.Exists(static o => o.AskAgainAt is not null)) return;
        // A request's answer may end an order and take it off the list: walk a copy.
        foreach (var order in _orders.ToArray())
        {
            if (order.AskAgainAt is not DateTimeOffset at || time < at || order.State.IsFinal()) continue;
            order.AskAgainAt = null;
            if (order.CancelAsked) Cancel(order, time);
            else if (order.Purpose == OrderPurpose.ProtectiveStop && Position is { } position)
            {
                if (order.Revisions >= _p.ProtectiveStop!.MaxModifications)
                {
                    _replaceStop = true;
                    Cancel(order, time);
                }
                // No premium to price the trigger yet: the next price tries again.
                else if (!Modify(order, position, time, spot, position.Stops.Effective, "asked again after a refusal")) order.AskAgainAt = time;
            }
        }
    }

    private void EntryUpdated(WorkingOrder order, Fill? fill, OrderUpdate update)
    {
        if (fill is Fill f)
        {
            if (Position is null && _pendingEntry is { } draft) Open(draft, order, f);
            else if (Position is { } position)
            {
                position.Add(f);
                Emit(f.Time, AgentEventType.OrderUpdated, $"entry {order.ClientId} filled {f.Quantity} more at {f.Price}; now {position.Quantity} of {order.Quantity}",
                    position.TradeId, position.Contract.TradingSymbol, _lastSpot, f.Price, f.Quantity);
                SyncProtectiveStop(f.Time, _lastSpot ?? order.Spot);
                ExitWhatWasBoughtOnTheWayOut(position, f.Time);
            }
        }
        if (!order.State.IsFinal() || order.State == OrderState.Complete) return;
        if (Position is null && _pendingEntry is { } refused)
        {
            _pendingEntry = null;
            Skip(update.Time, refused.Spot, $"{refused.What} skipped: no fill for {refused.Contract.TradingSymbol} ({Why(update)})");
        }
        else if (Position is { } position)
        {
            Emit(update.Time, AgentEventType.OrderUpdated,
                $"entry {order.ClientId} {order.State.ToString().ToLowerInvariant()} after {order.FilledQuantity} of {order.Quantity} filled ({Why(update)}); the position is {position.Quantity}",
                position.TradeId, position.Contract.TradingSymbol, _lastSpot, null, position.Quantity);
        }
    }

    private void Open(EntryDraft draft, WorkingOrder order, Fill fill)
    {
        _pendingEntry = null;
        TradesToday = draft.TradeNumber;
        var stops = new StopLevels(draft.Type, draft.Spot, _p.StopLossPoints, _p.TrailingStopPoints);
        decimal? target = _p.ProfitTargetPoints is decimal points ? (draft.Type == OptionType.CE ? draft.Spot + points : draft.Spot - points) : null;
        var position = new OpenPosition
        {
            TradeId = TradeIdFor(draft.TradeNumber),
            SignalType = draft.SignalType,
            Contract = draft.Contract,
            Stops = stops,
            EntryTime = draft.Time,
            IsReentry = draft.IsReentry,
            Buys = [fill],
            WorstSpot = draft.Spot,
            TargetSpot = target,
        };
        Position = position;
        var part = fill.Quantity < order.Quantity ? $" of {order.Quantity} ordered, the rest working" : "";
        Emit(draft.Time, AgentEventType.EntryTaken,
            $"{draft.What}: bought {fill.Quantity}{part} ({fill.Quantity / draft.Contract.LotSize} lot) {draft.Contract.TradingSymbol} at {fill.Price} ({fill.Source}); SL {stops.InitialStop}, trail {stops.Trail}{(target is decimal tg ? $", target {tg}" : "")}",
            position.TradeId, draft.Contract.TradingSymbol, draft.Spot, fill.Price, fill.Quantity);
        if (TradesToday >= _p.MaxTradesPerDay)
            Block(draft.Time, $"max trades per day reached ({_p.MaxTradesPerDay})");
        SyncProtectiveStop(fill.Time, draft.Spot);
    }

    private void AddUpdated(WorkingOrder order, Fill? fill, OrderUpdate update)
    {
        var position = Position;
        if (position is null) return;
        if (fill is Fill f)
        {
            position.Add(f);
            if (order.FilledQuantity == f.Quantity) position.PyramidAdds++;
            var lots = f.Quantity / position.Contract.LotSize;
            Emit(order.Time, AgentEventType.PyramidAdded,
                $"{order.Reason}: added {lots} lots ({f.Quantity}) at {f.Price}; now {position.Lots} lots ({position.Quantity}); next add at {_p.Pyramid.Threshold(position.Quantity):F2}",
                position.TradeId, position.Contract.TradingSymbol, order.Spot, f.Price, f.Quantity);
            Emit(order.Time, AgentEventType.StopQuantityUpdated, $"stop now covers {position.Quantity} (all legs)",
                position.TradeId, position.Contract.TradingSymbol, order.Spot, null, position.Quantity);
            SyncProtectiveStop(order.Time, order.Spot);
            ExitWhatWasBoughtOnTheWayOut(position, f.Time);
        }
        if (order.State is OrderState.Rejected or OrderState.Cancelled && order.FilledQuantity < order.Quantity)
        {
            _addRetryAfter = update.Time + RetryAfterRefusal;
            Emit(update.Time, AgentEventType.EntrySkipped, $"pyramid add of {order.Remaining} not filled ({Why(update)})",
                position.TradeId, position.Contract.TradingSymbol, order.Spot);
        }
    }

    private void ExitUpdated(WorkingOrder order, Fill? fill, OrderUpdate update)
    {
        var position = Position;
        if (position is null) return;
        if (fill is Fill f) position.Sell(f);
        if (position.Quantity == 0)
        {
            _closeWhenBuysEnd = new PendingExit(order.Reason ?? ExitReason.Manual, order.Time, order.Spot);
            CloseIfSoldOut();
            return;
        }
        if (order.State == OrderState.Complete)
        {
            // A buy filled while this exit worked: what it bought is sold by the next one.
            ExitWhatWasBoughtOnTheWayOut(position, update.Time);
            return;
        }
        if (order.State is not (OrderState.Rejected or OrderState.Cancelled)) return;
        _exitRetryAfter = update.Time + RetryAfterRefusal;
        // Said once per reason: every retry would be a journal commit each.
        if (position.ExitDelayedFor == order.Reason) return;
        position.ExitDelayedFor = order.Reason;
        var sold = order.FilledQuantity > 0 ? $" ({order.FilledQuantity} sold)" : "";
        Emit(update.Time, AgentEventType.ExitDelayed,
            $"{order.Reason} exit of {order.Quantity} not filled{sold} ({Why(update)}); retrying on the first price {RetryAfterRefusal.TotalSeconds:0.#} s later or more",
            position.TradeId, position.Contract.TradingSymbol, order.Spot);
    }

    /// <summary>A buy remainder that filled while the position was being closed is sold too.</summary>
    private void ExitWhatWasBoughtOnTheWayOut(OpenPosition position, DateTimeOffset time)
    {
        if (position.Sells.Count > 0 && position.Quantity > 0 && Working(OrderPurpose.Exit) is null && _lastExitReason is { } reason)
            Place(OrderPurpose.Exit, OrderSide.Sell, position.Contract, position.Quantity, TradeNumber(position), time, _lastSpot ?? position.Stops.EntrySpot, reason);
    }

    /// <summary>A sold-out trade closes once no buy works any more: a buy still being cancelled may
    /// yet fill, and is sold when it does, so nothing it buys is left held at the broker in no trade.</summary>
    private void CloseIfSoldOut()
    {
        if (Position is not { Quantity: 0 } position || _closeWhenBuysEnd is not { } close
            || Working(OrderPurpose.Entry) is not null || Working(OrderPurpose.Add) is not null) return;
        CloseTrade(position, close.Reason, close.Spot, close.Time);
    }

    /// <summary>The position is sold out: the trade's row, at <paramref name="time"/> and the index
    /// level <paramref name="spot"/> the exit stood for.</summary>
    private void CloseTrade(OpenPosition position, string reason, decimal spot, DateTimeOffset time)
    {
        Position = null;
        _lastExitReason = null;
        _exitRetryAfter = null;
        _addRetryAfter = null;
        _exitAfterStop = null;
        _closeWhenBuysEnd = null;
        // A replacement of this trade's stop cut short by the exit or the stop's own fill: the next
        // trade's stop is placed afresh, not held back waiting for it.
        _replaceStop = false;
        var stops = position.Stops;
        var indexPoints = stops.PointsAt(spot);
        var quantity = position.BoughtQuantity;
        var exitPrice = position.Sells.Count == 1 ? position.Sells[0].Price : Math.Round(position.AverageExitPrice, 4);
        var gross = position.Proceeds - position.Cost;
        var charges = _charges.For(position.Contract, Ist.DayOf(position.EntryTime), position.Buys, position.Sells);
        var net = gross - charges;
        var trade = new TradeRecord
        {
            TradeId = position.TradeId,
            Segment = _p.Segment,
            IndexSymbol = _p.IndexSymbol,
            IndexEntrySpot = stops.EntrySpot,
            TimeInterval = _p.Timeframe.KiteName,
            RsiPeriod = _p.RsiPeriod,
            SignalType = position.SignalType,
            OptionSymbol = position.Contract.TradingSymbol,
            OptionType = position.Contract.Type,
            StrikePrice = position.Contract.Strike,
            Expiry = position.Contract.Expiry,
            Lots = quantity / position.Contract.LotSize,
            EntryTime = position.EntryTime,
            EntryPrice = Math.Round(position.AverageEntryPrice, 4),
            StopLossPoints = _p.StopLossPoints,
            InitialSlPrice = stops.InitialStop,
            TrailingStopPoints = _p.TrailingStopPoints,
            ExitTime = time,
            ExitPrice = exitPrice,
            ExitReason = reason,
            PnlPoints = Math.Round(position.AverageExitPrice - position.AverageEntryPrice, 4),
            PnlValue = gross,
            ReturnPct = position.Cost == 0 ? 0 : Math.Round(gross / position.Cost * 100m, 4),
            IndexExitSpot = spot,
            Charges = charges,
            NetPnl = net,
            MaxQuantity = quantity,
            PyramidAdds = position.PyramidAdds,
            MaxFavorableExcursion = Math.Max(0, stops.PointsAt(stops.BestSpot)),
            MaxAdverseExcursion = Math.Max(0, -stops.PointsAt(position.WorstSpot)),
            Buys = position.Buys.ToArray(),
            Sells = position.Sells.ToArray(),
        };
        NetPnlToday += net;
        _risk.RecordClosedTrade(_p.Segment, _day, net);
        var source = position.Sells[^1].Source;
        Emit(time, AgentEventType.Exit,
            $"{reason}: sold {quantity} {position.Contract.TradingSymbol} at {exitPrice} ({source}); index {stops.EntrySpot} -> {spot} ({indexPoints:+0.##;-0.##;0} pts); gross {gross:F2}, charges {charges:F2}, net {net:F2}",
            position.TradeId, position.Contract.TradingSymbol, spot, exitPrice, quantity);
        _onTrade(trade);
        UpdateReentry(position, reason, indexPoints, time, spot);
        if (_p.MaxDailyLoss is decimal limit && NetPnlToday <= -limit && _blockedReason is null)
            Block(time, $"segment daily loss limit reached (net {NetPnlToday:F2} <= -{limit:F2})");
    }

    // ---------------------------------------------------------------- bookkeeping

    // Loops, not List.Find: asked on every update, and a capturing lambda is an allocation each time.
    private WorkingOrder? OrderAs(string clientId)
    {
        foreach (var o in _orders)
            if (o.ClientId == clientId) return o;
        return null;
    }

    private WorkingOrder? Working(OrderPurpose purpose)
    {
        foreach (var o in _orders)
            if (o.Purpose == purpose) return o;
        return null;
    }

    private void StartOrderDay(DateTimeOffset time)
    {
        _ordersToday = 0;
        if (_pendingEntry is { } stale)
        {
            // Yesterday's entry never answered: nothing was bought, and a new day trades afresh.
            Skip(time, stale.Spot, $"{stale.What} of {Ist.Format(stale.Time)} dropped: its order was never answered");
            _pendingEntry = null;
        }
        _orders.RemoveAll(o => o.Purpose is OrderPurpose.Entry or OrderPurpose.Add);
        // A stop left from a day that ended without its square-off belongs to no position now.
        if (Position is null) _orders.RemoveAll(o => o.Purpose == OrderPurpose.ProtectiveStop);
        _exitRetryAfter = null;
        _addRetryAfter = null;
    }

    private int TradeNumber(OpenPosition position) => int.Parse(position.TradeId.AsSpan(position.TradeId.Length - 2), System.Globalization.CultureInfo.InvariantCulture);

    private string TradeIdFor(int tradeNumber)
    {
        // NIFTY-20250106-01; asked for on every order of a trade, so the last one is kept.
        if (_tradeId is { } known && known.Day == _day && known.Number == tradeNumber) return known.Id;
        var id = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{_p.Segment}-{_day:yyyyMMdd}-{tradeNumber:D2}");
        _tradeId = (_day, tradeNumber, id);
        return id;
    }

    private (DateOnly Day, int Number, string Id)? _tradeId;

    private static string Why(OrderUpdate update) => update.Message ?? update.State.ToString().ToLowerInvariant();

    private OrderBookSnapshot OrderBook() =>
        new(_ordersToday, _orders.Select(o => o.Snapshot()).ToArray(), _pendingEntry, _exitRetryAfter, _addRetryAfter, _lastExitReason,
            _exitAfterStop, _replaceStop, _closeWhenBuysEnd);

    private void RestoreOrders(OrderBookSnapshot? book)
    {
        _orders.Clear();
        if (book is null) return;
        _ordersToday = book.OrdersToday;
        _orders.AddRange(book.Working.Select(WorkingOrder.Restore));
        _pendingEntry = book.PendingEntry;
        _exitRetryAfter = book.ExitRetryAfter;
        _addRetryAfter = book.AddRetryAfter;
        _lastExitReason = book.LastExitReason;
        _exitAfterStop = book.ExitAfterStop;
        _replaceStop = book.ReplaceStop;
        _closeWhenBuysEnd = book.CloseWhenBuysEnd;
    }
}

/// <summary>An entry asked for and not yet filled: what the position will be when it fills.</summary>
public sealed record EntryDraft(OptionType Type, string SignalType, bool IsReentry, string What, OptionContract Contract,
    DateTimeOffset Time, decimal Spot, int TradeNumber);

/// <summary>The agent's orders for the journal: the day's order count (client ids never repeat),
/// the working orders, the retry times after a refusal, and an exit or a close still waiting on another order.</summary>
public sealed record OrderBookSnapshot(int OrdersToday, IReadOnlyList<WorkingOrderSnapshot> Working, EntryDraft? PendingEntry,
    DateTimeOffset? ExitRetryAfter, DateTimeOffset? AddRetryAfter, string? LastExitReason,
    PendingExit? ExitAfterStop = null, bool ReplaceStop = false, PendingExit? CloseWhenBuysEnd = null);

/// <summary>An exit decided while the protective stop was working, sent once its cancel is confirmed;
/// or a sold-out trade's close, made once the buys being cancelled have ended.</summary>
public sealed record PendingExit(string Reason, DateTimeOffset Time, decimal Spot);
