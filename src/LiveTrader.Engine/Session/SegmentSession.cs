using System.Text.Json;
using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Risk;
using LiveTrader.Core.Signals;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Execution;
using LiveTrader.Engine.Journal;
using LiveTrader.Engine.Paper;

namespace LiveTrader.Engine.Session;

/// <summary>One segment's agent with its indicators: handles one input at a time. After each input,
/// whatever the agent decided (events, a completed trade, its new state) goes to the step store
/// (in a paper session: the journal first, then the day's CSV logs), so a process killed at any
/// point restarts into the same state with every row written exactly once.</summary>
public sealed class SegmentSession
{
    private readonly SignalEngine _signals;
    private readonly IStepStore _store;
    private readonly QuoteBook? _quotes;
    private readonly Action<AgentEvent> _published;
    // The account's rules, shared by the segments: what they reached is journalled with each step.
    private readonly IRiskGate _account;
    private readonly List<AgentEvent> _events = [];
    private readonly List<TradeRecord> _trades = [];
    private (DateOnly, bool, int, decimal, Core.Instruments.OptionType?, string?, bool, DateTimeOffset?, string?, int, int, int, int, decimal, decimal, string?)? _lastKey;
    private decimal? _spot;
    // The strategy's lines of recent candles, for the page's chart; appended once per candle on the
    // agent's loop, copied out under the lock by readers on other threads.
    private readonly Queue<SignalReading> _readings = new();
    private const int ChartCandles = 600;
    private int _winsToday;
    private DateOnly _winsDay;

    /// <param name="published">Called with each committed event, e.g. for the page's live log.</param>
    public SegmentSession(
        AgentParameters parameters,
        StrategyParameters strategy,
        IContractSelector contracts,
        IOrderVenue venue,
        RiskLimits limits,
        IMarkPrice marks,
        ITradeCharges charges,
        IRiskGate risk,
        IStepStore store,
        QuoteBook? quotes = null,
        Action<AgentEvent>? published = null,
        LiveOrderSettings? liveOrders = null)
    {
        _signals = new SignalEngine(strategy);
        _store = store;
        _quotes = quotes;
        _published = published ?? (_ => { });
        _marks = marks;
        _account = risk;
        // Every order passes the risk stage, then the ledger, whatever the venue.
        _ledger = new LedgerVenue(venue, store.RecordOrder);
        _simulated = venue as SimulatedVenue ?? (venue as DryRunVenue)?.Simulated;
        if (venue is DryRunVenue dry)
            dry.Withheld += r => _events.Add(new AgentEvent(r.Time, Segment, AgentEventType.DryRun,
                $"DRY RUN, not sent: {KiteOrderTerms.Describe(r)}", r.TradeId.Length > 0 ? r.TradeId : null, r.Contract.TradingSymbol, _spot));
        // Marketable limits are priced above the ledger, so the ledger holds the LIMIT that is sent,
        // and above the rate gate, so their re-pricings count against Kite's limits.
        MarketableLimitStage? pricing = null;
        var route = new OrderRoute(_ledger, limits, liveOrders is { EntryOrderType: EntryOrderType.Limit } && quotes is not null
            ? gate => pricing = new MarketableLimitStage(gate, quotes, liveOrders) : null);
        Risk = route.Risk;
        _slicer = route.Slicer;
        _limits = pricing;
        if (_limits is not null)
            _limits.Refused += (r, said) => _events.Add(new AgentEvent(r.Time, Segment, AgentEventType.OrderUpdated, said,
                r.TradeId.Length > 0 ? r.TradeId : null, r.Contract.TradingSymbol, _spot));
        Agent = new SegmentAgent(parameters, contracts, Risk, marks, charges, risk, _events.Add, _trades.Add);
        Status = SegmentStatus.Idle(parameters.Segment);
    }

    public SegmentAgent Agent { get; }

    /// <summary>Called with each trade once it is in the journal (live checks its charges against Kite's contract note).</summary>
    public Action<TradeRecord>? TradeCommitted { get; init; }

    /// <summary>The risk stage in front of this segment's venue: its trading state is the kill switch's.</summary>
    public OrderRiskStage Risk { get; }

    /// <summary>The latest status card; replaced whole after every input, safe to read anywhere.</summary>
    public SegmentStatus Status { get; private set; } = SegmentStatus.Idle(Core.Market.Segment.NIFTY);

    private readonly IMarkPrice _marks;
    private readonly LedgerVenue _ledger;
    private readonly FreezeSlicer _slicer;
    private readonly MarketableLimitStage? _limits;
    // The simulated venue's book lives in this process: a restart gives it back the working stops.
    private readonly SimulatedVenue? _simulated;

    public Segment Segment => Agent.Segment;

    /// <summary>Orders rest at a real broker (live): when its login lapses, no new entry is sent
    /// (the protective stops stay at the broker) until the connection is back.</summary>
    public bool OrdersAtBroker { get; init; }

    // The login lapsed: REDUCING until the broker connection is back.
    private const string LoginLapsed = "login required: no new entries; protective stops stay at Kite";

    /// <summary>Picks up the agent where the journal left it today, if it ran today; a new day
    /// starts fresh. Call after the warm-up candles, before the first live input.</summary>
    public bool ResumeFromJournal(DateOnly day)
    {
        if (Stored(day) is not { } state) return false;
        Agent.Restore(state.Agent);
        if (state.Account is { } account) _account.Restore(day, account);
        Risk.Set(state.Trading, state.TradingReason);
        _flattening = state.Flattening;
        var log = _store.OrderLog(day);
        _ledger.Remember(log);
        _slicer.Resume(Agent.WorkingOrders, OrderLedgerRow.Booked(log.Where(r => r.Segment == Segment)));
        if (_limits is not null && Agent.WorkingContract is { } contract) _limits.Resume(log, contract);
        Risk.Resume(Agent.Position?.Quantity ?? 0, Agent.WorkingOrders);
        if (_simulated is not null)
            foreach (var (request, working) in _slicer.AtVenue(Agent.WorkingRequests())) _simulated.Resume(request, working == OrderState.Open);
        _lastKey = DurableKey(state.Agent);
        _winsDay = day;
        _winsToday = _store.Trades(Segment, day).Count(t => t.NetPnl > 0);
        Status = Card(Ist.At(day, MarketHours.Open));
        return true;
    }

    /// <summary>Inputs handled so far, warm-up included; journalled with every step, so a recorded
    /// session knows after a crash exactly which inputs its last committed state had seen.</summary>
    public long InputsHandled { get; private set; }

    /// <summary>How many inputs the journalled state of that day had handled, if it ran that day.</summary>
    public long? StoredInputs(DateOnly day) => Stored(day)?.InputsHandled;

    /// <summary>Replays an input already reflected in the journalled state: only what the journal
    /// does not keep (indicators, quotes, the last spot) is rebuilt; the agent is not touched.</summary>
    public void Rewarm(AgentInput input)
    {
        InputsHandled++;
        switch (input)
        {
            case WarmUpCandleInput w:
                Remember(_signals.OnCandleClosed(w.Candle));
                break;
            case CandleClosedInput c:
                Remember(_signals.OnCandleClosed(c.Candle));
                break;
            case OptionTickInput o:
                _quotes?.Update(o.Quote);
                break;
            case CircuitBandInput b:
                _quotes?.SetBand(b.InstrumentToken, new CircuitBand(b.Lower, b.Upper));
                break;
            case IndexTickInput t:
                _spot = t.Spot;
                break;
        }
    }

    /// <summary>The latest candles with their RSI, Price Strength and Volume Strength, oldest first.</summary>
    public IReadOnlyList<SignalReading> RecentReadings()
    {
        lock (_readings) return _readings.ToArray();
    }

    private void Remember(in SignalReading reading)
    {
        lock (_readings)
        {
            if (_readings.Count == ChartCandles) _readings.Dequeue();
            _readings.Enqueue(reading);
        }
    }

    private StoredState? Stored(DateOnly day) =>
        _store.Snapshot(Segment, day) is string json ? JsonSerializer.Deserialize<StoredState>(json) : null;

    /// <summary>What the journal keeps per segment and day: the agent, the inputs it has seen and the
    /// kill switch's state, so a restart after the switch is still halted.</summary>
    private sealed record StoredState(AgentSnapshot Agent, long InputsHandled, TradingState Trading = TradingState.Active,
        string? TradingReason = null, bool Flattening = false, AccountRiskState? Account = null);

    // The kill switch was pressed and the position is not flat yet: HALTED follows once it is.
    private bool _flattening;

    public void Handle(AgentInput input)
    {
        InputsHandled++;
        _events.Clear();
        _trades.Clear();
        switch (input)
        {
            case WarmUpCandleInput w:
                Remember(_signals.OnCandleClosed(w.Candle));
                return;
            case IndexTickInput t:
                _spot = t.Spot;
                Agent.OnIndexTick(t.Time, t.Spot);
                break;
            case OptionTickInput o:
                // The quote enters the book on the agent's own loop, in input order, so a replay
                // fills at exactly the quotes the session filled at.
                _quotes?.Update(o.Quote);
                Agent.OnOptionTick(o.Time);
                break;
            case CircuitBandInput b:
                _quotes?.SetBand(b.InstrumentToken, new CircuitBand(b.Lower, b.Upper));
                break;
            case CandleClosedInput c:
                var reading = _signals.OnCandleClosed(c.Candle);
                Remember(reading);
                Agent.OnCandleClosed(c.Candle, reading);
                break;
            case ClockInput k:
                Agent.OnClock(k.Time);
                break;
            case PauseInput p:
                Agent.Pause(p.Time);
                break;
            case ResumeInput r:
                Agent.Resume(r.Time);
                break;
            case CloseAllInput x:
                Agent.CloseNow(x.Time, x.Reason);
                break;
            case OrderUpdateInput u:
                Agent.OnOrderUpdate(u.Update);
                break;
            case KillSwitchInput k:
                PressKillSwitch(k);
                break;
            case RearmInput a:
                _flattening = false;
                Risk.Set(TradingState.Active, null);
                _events.Add(new AgentEvent(a.Time, Segment, AgentEventType.Rearmed, $"trading re-armed ({a.By}): ACTIVE", spot: _spot));
                break;
            case CandleCheckInput k:
                _events.Add(CandleCheck.Event(k, Segment, _spot));
                break;
            case FeedStatusInput f:
                _events.Add(new AgentEvent(f.Time, Segment, AgentEventType.Feed, $"market feed {f.Status}", spot: _spot));
                if (OrdersAtBroker) OnBrokerConnection(f);
                break;
            case BrokerNoticeInput b:
                _events.Add(new AgentEvent(b.Time, Segment, AgentEventType.Broker, b.Message, spot: _spot));
                if (b.Halts && Risk.State != TradingState.Halted)
                {
                    Risk.Set(TradingState.Halted, b.Message);
                    _events.Add(new AgentEvent(b.Time, Segment, AgentEventType.Halted, $"HALTED: {b.Message}", spot: _spot));
                }
                break;
            case ReconciledInput r:
                Reconciled(r);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(input), input, "unknown agent input");
        }
        Commit(input.Time);
    }

    private void OnBrokerConnection(FeedStatusInput f)
    {
        if (f.Status == "login required" && Risk.State == TradingState.Active)
        {
            Risk.Set(TradingState.Reducing, LoginLapsed);
            _events.Add(new AgentEvent(f.Time, Segment, AgentEventType.Broker, $"REDUCING: {LoginLapsed}; log in again to carry on", spot: _spot));
        }
        else if (f.Status == "connected" && Risk.State == TradingState.Reducing && Risk.StateReason == LoginLapsed)
        {
            Risk.Set(TradingState.Active, null);
            _events.Add(new AgentEvent(f.Time, Segment, AgentEventType.Broker, "ACTIVE: Kite connected again; the order book is checked for what happened meanwhile", spot: _spot));
        }
    }

    /// <summary>A segment whose orders or positions at the broker cannot be explained sends nothing until a person has looked.</summary>
    private void Reconciled(ReconciledInput r)
    {
        foreach (var w in r.Warnings)
            _events.Add(new AgentEvent(r.Time, Segment, AgentEventType.Reconciled, w, spot: _spot));
        if (r.Refusal is { } refusal)
        {
            Risk.Set(TradingState.Halted, refusal);
            _events.Add(new AgentEvent(r.Time, Segment, AgentEventType.Halted, $"HALTED: {refusal}", spot: _spot));
        }
        else
        {
            _events.Add(new AgentEvent(r.Time, Segment, AgentEventType.Reconciled,
                $"Kite's orders and positions agree with the ledger{(r.Warnings.Count > 0 ? $" ({r.Warnings.Count} note(s) above)" : "")}", spot: _spot));
        }
    }

    /// <summary>Cancels what works and flattens while only exits may pass; HALTED once flat.</summary>
    private void PressKillSwitch(KillSwitchInput k)
    {
        _flattening = true;
        Risk.Set(TradingState.Reducing, $"kill switch ({k.By}): flattening");
        _events.Add(new AgentEvent(k.Time, Segment, AgentEventType.KillSwitch,
            $"kill switch ({k.By}): working orders cancelled, {(Agent.Position is { } p ? $"closing {p.Quantity} {p.Contract.TradingSymbol}" : "nothing held")}; no new orders until re-armed",
            Agent.Position?.TradeId, Agent.Position?.Contract.TradingSymbol, _spot));
        Agent.CloseNow(k.Time, ExitReason.Manual);
    }

    private void HaltOnceFlat(DateTimeOffset time)
    {
        if (!_flattening || Agent.Position is not null || Agent.WorkingOrders.Count > 0) return;
        _flattening = false;
        Risk.Set(TradingState.Halted, $"kill switch at {Ist.TimeOf(time):HH\\:mm\\:ss}");
        _events.Add(new AgentEvent(time, Segment, AgentEventType.Halted, $"HALTED: flat, no order is sent until a person re-arms ({Risk.StateReason})", spot: _spot));
    }

    private void Commit(DateTimeOffset time)
    {
        HaltOnceFlat(time);
        var day = Ist.DayOf(time);
        if (day != _winsDay)
        {
            _winsDay = day;
            _winsToday = 0;
        }
        _winsToday += _trades.Count(t => t.NetPnl > 0);
        Status = Card(time);
        var agent = Agent.Snapshot();
        var key = DurableKey(agent);
        if (_events.Count == 0 && _trades.Count == 0 && key == _lastKey) return;
        _store.Commit(Segment, Ist.DayOf(time), JsonSerializer.Serialize(new StoredState(agent, InputsHandled, Risk.State, Risk.StateReason, _flattening,
            _account.StateFor(day))), _events, _trades);
        _lastKey = key;
        foreach (var e in _events) _published(e);
        if (TradeCommitted is { } closed) foreach (var t in _trades) closed(t);
    }

    /// <summary>What must survive a crash, without the spot that moves on every tick: a step that
    /// changes only the last or worst spot is not committed (an fsync per tick otherwise). A replayed
    /// restart still ends in the same state, as it re-handles every input after the last commit; a
    /// live restart can at most understate the adverse excursion seen since then.</summary>
    private static (DateOnly, bool, int, decimal, Core.Instruments.OptionType?, string?, bool, DateTimeOffset?, string?, int, int, int, int, decimal, decimal, string?) DurableKey(AgentSnapshot s) =>
        (s.Day, s.Started, s.TradesToday, s.NetPnlToday, s.Reentry, s.BlockedReason, s.IsPaused, s.LastCandle?.Start,
            s.Position?.TradeId, s.Position?.Buys.Count ?? 0, s.Position?.Sells?.Count ?? 0, s.Orders?.OrdersToday ?? 0, OrdersKey(s.Orders), s.Position?.Trail ?? 0m, s.Position?.BestSpot ?? 0m, s.Position?.CloseRequested);

    /// <summary>The working orders' states, fills and modifications: a step that only moves the
    /// protective stop changes nothing else, yet a restart must find the stop where the venue holds it.</summary>
    private static int OrdersKey(OrderBookSnapshot? book)
    {
        if (book is null) return 0;
        var key = new HashCode();
        key.Add(book.ExitAfterStop is not null);
        key.Add(book.CloseWhenBuysEnd is not null);
        key.Add(book.ReplaceStop);
        key.Add(book.PendingEntry is not null);
        foreach (var o in book.Working)
        {
            key.Add(o.ClientId);
            key.Add(o.State);
            key.Add(o.FilledQuantity);
            key.Add(o.Quantity);
            key.Add(o.Revisions);
        }
        return key.ToHashCode();
    }

    private SegmentStatus Card(DateTimeOffset time)
    {
        var p = Agent.Position;
        decimal? mark = p is null || _spot is not decimal spot ? null : _marks.Mark(p.Contract, time, spot);
        return new SegmentStatus(
            Segment, Agent.Status, p?.Contract.TradingSymbol, p?.Contract.Strike, p?.Contract.Expiry, p?.Contract.Type.ToString(),
            p?.Lots ?? 0, p?.Quantity ?? 0, p?.AverageEntryPrice, p?.Stops.InitialStop, p?.Stops.Trail,
            p is not null && mark is decimal m ? p.OpenProfitAt(m) : null,
            Agent.TradesToday, _winsToday, Agent.NetPnlToday, _spot, time)
        {
            Paused = Agent.IsPaused, Trading = Risk.State.ToString().ToUpperInvariant(), TradingReason = Risk.StateReason,
        };
    }
}
