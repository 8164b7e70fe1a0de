using System.Text.Json;
using LiveTrader.Core.Market;
using LiveTrader.Core.Signals;
using LiveTrader.Core.Trading;
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
    private readonly List<AgentEvent> _events = [];
    private readonly List<TradeRecord> _trades = [];
    private (DateOnly, bool, int, decimal, Core.Instruments.OptionType?, string?, bool, DateTimeOffset?, string?, int, decimal, decimal, string?)? _lastKey;
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
        IOptionExecution execution,
        ITradeCharges charges,
        IRiskGate risk,
        IStepStore store,
        QuoteBook? quotes = null,
        Action<AgentEvent>? published = null)
    {
        _signals = new SignalEngine(strategy);
        _store = store;
        _quotes = quotes;
        _published = published ?? (_ => { });
        _execution = execution;
        Agent = new SegmentAgent(parameters, contracts, execution, charges, risk, _events.Add, _trades.Add);
        Status = SegmentStatus.Idle(parameters.Segment);
    }

    public SegmentAgent Agent { get; }

    /// <summary>The latest status card; replaced whole after every input, safe to read anywhere.</summary>
    public SegmentStatus Status { get; private set; } = SegmentStatus.Idle(Core.Market.Segment.NIFTY);

    private readonly IOptionExecution _execution;

    public Segment Segment => Agent.Segment;

    /// <summary>Picks up the agent where the journal left it today, if it ran today; a new day
    /// starts fresh. Call after the warm-up candles, before the first live input.</summary>
    public bool ResumeFromJournal(DateOnly day)
    {
        if (Stored(day) is not { } state) return false;
        Agent.Restore(state.Agent);
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

    /// <summary>What the journal keeps per segment and day.</summary>
    private sealed record StoredState(AgentSnapshot Agent, long InputsHandled);

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
            case CandleCheckInput k:
                _events.Add(CandleCheck.Event(k, Segment, _spot));
                break;
            case FeedStatusInput f:
                _events.Add(new AgentEvent(f.Time, Segment, AgentEventType.Feed, $"market feed {f.Status}", spot: _spot));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(input), input, "unknown agent input");
        }
        Commit(input.Time);
    }

    private void Commit(DateTimeOffset time)
    {
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
        _store.Commit(Segment, Ist.DayOf(time), JsonSerializer.Serialize(new StoredState(agent, InputsHandled)), _events, _trades);
        _lastKey = key;
        foreach (var e in _events) _published(e);
    }

    /// <summary>What must survive a crash, without the spot that moves on every tick: a step that
    /// changes only the last or worst spot is not committed (an fsync per tick otherwise). A replayed
    /// restart still ends in the same state, as it re-handles every input after the last commit; a
    /// live restart can at most understate the adverse excursion seen since then.</summary>
    private static (DateOnly, bool, int, decimal, Core.Instruments.OptionType?, string?, bool, DateTimeOffset?, string?, int, decimal, decimal, string?) DurableKey(AgentSnapshot s) =>
        (s.Day, s.Started, s.TradesToday, s.NetPnlToday, s.Reentry, s.BlockedReason, s.IsPaused, s.LastCandle?.Start,
            s.Position?.TradeId, s.Position?.Buys.Count ?? 0, s.Position?.Trail ?? 0m, s.Position?.BestSpot ?? 0m, s.Position?.CloseRequested);

    private SegmentStatus Card(DateTimeOffset time)
    {
        var p = Agent.Position;
        decimal? mark = p is null || _spot is not decimal spot ? null : _execution.Mark(p.Contract, time, spot);
        return new SegmentStatus(
            Segment, Agent.Status, p?.Contract.TradingSymbol, p?.Contract.Strike, p?.Contract.Expiry, p?.Contract.Type.ToString(),
            p?.Lots ?? 0, p?.Quantity ?? 0, p?.AverageEntryPrice, p?.Stops.InitialStop, p?.Stops.Trail,
            p is not null && mark is decimal m ? p.OpenProfitAt(m) : null,
            Agent.TradesToday, _winsToday, Agent.NetPnlToday, _spot, time) { Paused = Agent.IsPaused };
    }
}
