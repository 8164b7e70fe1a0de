using System.Runtime.CompilerServices;
using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;
using LiveTrader.Core.Signals;

namespace LiveTrader.Core.Trading;

/// <summary>The spec's <c>RSITradingAgent</c> for one segment: turns signals into one ITM option
/// position at a time, manages its stop, trail, target and pyramid, squares off at the end of the
/// day and enforces the day's limits. It never reads a clock, a file or a socket: time arrives with
/// the data, so a backtest, a replayed recording and a live session run exactly this code.
/// <para>Candle backtests call <see cref="OnBar"/>; live and paper sessions call
/// <see cref="OnIndexTick"/>, <see cref="OnOptionTick"/>, <see cref="OnCandleClosed"/> and
/// <see cref="OnClock"/>. Not thread-safe: each agent runs on its own loop.</para>
/// <para>It never receives a fill from a call: it asks for orders and learns their fate from
/// <see cref="IOrderVenue.Submit"/>'s answers or from <see cref="OnOrderUpdate"/> (see
/// SegmentAgent.Orders.cs).</para></summary>
public sealed partial class SegmentAgent
{
    private readonly AgentParameters _p;
    private readonly IContractSelector _contracts;
    private readonly IOrderVenue _venue;
    private readonly IMarkPrice _marks;
    private readonly ITradeCharges _charges;
    private readonly IRiskGate _risk;
    // Null when nobody reads the event log (a sweep keeps trades only): the per-candle messages
    // are then never built, which is most of a year backtest's garbage.
    private readonly Action<AgentEvent>? _onEvent;
    private readonly Action<TradeRecord> _onTrade;

    private DateOnly _day;
    private bool _started;
    private OptionType? _reentry;
    private Candle? _lastCandle;
    private decimal? _lastSpot;
    private string? _blockedReason;
    // The latest market time a live session has shown the agent (an index tick or the clock): a
    // candle close handled after the next candle has ended is an old signal, not an entry.
    private DateTimeOffset? _marketTime;

    public SegmentAgent(
        AgentParameters parameters,
        IContractSelector contracts,
        IOrderVenue venue,
        IMarkPrice marks,
        ITradeCharges charges,
        IRiskGate risk,
        Action<AgentEvent>? onEvent,
        Action<TradeRecord> onTrade)
    {
        _p = parameters;
        _contracts = contracts;
        _venue = venue;
        _marks = marks;
        _charges = charges;
        _risk = risk;
        _onEvent = onEvent;
        _onTrade = onTrade;
    }

    public Segment Segment => _p.Segment;
    public OpenPosition? Position { get; private set; }
    public bool IsPaused { get; private set; }
    public int TradesToday { get; private set; }
    public decimal NetPnlToday { get; private set; }
    public OptionType? ReentryArmedFor => _reentry;

    public AgentStatus Status =>
        Position is { } held ? (Working(OrderPurpose.Exit) is not null || held.Quantity == 0 ? AgentStatus.ExitPending
            : Working(OrderPurpose.Add) is not null ? AgentStatus.AddPending : AgentStatus.InPosition)
        : _pendingEntry is not null ? AgentStatus.EntryPending
        : IsPaused ? AgentStatus.Paused
        : _blockedReason is not null ? AgentStatus.Blocked
        : _started ? AgentStatus.WaitingForSignal
        : AgentStatus.Idle;

    // ---------------------------------------------------------------- candle backtest

    /// <summary>One completed candle of a backtest, following DECISIONS.md "Candle backtest, step
    /// by step". <paramref name="stopCandles"/>, when given, are the finer candles inside this one:
    /// stops, trail and pyramiding then run on them, by the same rules at the finer step.</summary>
    public void OnBar(in Candle candle, in SignalReading reading, IReadOnlyList<Candle>? stopCandles = null)
    {
        ManageBar(candle, stopCandles);
        CloseBar(candle, reading);
    }

    /// <summary>The first half of <see cref="OnBar"/> (steps 1 and 2): the day, then stops, target,
    /// trail and pyramid through the candle. Several segments trading one account run this for all
    /// of them before any <see cref="CloseBar"/> of the same close, so every exit up to that close is
    /// in the risk book before an entry asks it.</summary>
    public void ManageBar(in Candle candle, IReadOnlyList<Candle>? stopCandles = null)
    {
        var close = candle.Start + _p.Timeframe.Length;
        StartDayIfNew(candle.Start);
        if (stopCandles is { Count: > 0 })
        {
            var step = stopCandles.Count > 1 ? stopCandles[1].Start - stopCandles[0].Start : _p.Timeframe.Length;
            foreach (var fine in stopCandles)
            {
                ManageOnCandle(fine, fine.Start + step);
                VenueSees(new MarketMove(fine.Start + step, fine.Open, fine.High, fine.Low, fine.Close));
            }
        }
        else
        {
            ManageOnCandle(candle, close);
            VenueSees(new MarketMove(close, candle.Open, candle.High, candle.Low, candle.Close));
        }
    }

    /// <summary>The second half of <see cref="OnBar"/> (step 3): the signal, re-entry and entry at the close.</summary>
    public void CloseBar(in Candle candle, in SignalReading reading)
    {
        // Another segment's exit or mark at this close may have fired the account's protection.
        if (Position is not null) CloseForAccount(candle.Start + _p.Timeframe.Length, candle.Close);
        EvaluateClose(candle, reading, candle.Start + _p.Timeframe.Length);
        _lastCandle = candle;
    }

    /// <summary>Step 2 for one candle: square-off at its open, else the stop as it stood at the
    /// open against the adverse extreme, else the target, else the trail and the pyramid.</summary>
    private void ManageOnCandle(in Candle candle, DateTimeOffset close)
    {
        AskAgainIfDue(candle.Start, candle.Open);
        if (Position is { } held) KeepProtectiveStop(held, candle.Start, candle.Open);
        _lastSpot = candle.Close;
        if (Position is not { } position) return;
        if (Ist.TimeOf(candle.Start) >= _p.SquareOff)
        {
            Exit(candle.Start, candle.Open, ExitReason.SquareOff);
            return;
        }
        if (position.TargetHitBy(candle.Open))
        {
            // The candle opened beyond the target: the open came first, before any later extreme.
            position.SeeAdverse(candle.Open);
            Exit(close, candle.Open, ExitReason.Target);
            return;
        }
        var stops = position.Stops;
        var adverse = stops.IsLong ? candle.Low : candle.High;
        var favourable = stops.IsLong ? candle.High : candle.Low;
        if (stops.IsHitBy(adverse))
        {
            var level = stops.Effective;
            // A candle that opened beyond the stop (a gap) fills at its open, not at the stop.
            var gapped = stops.IsHitBy(candle.Open);
            position.SeeAdverse(gapped ? candle.Open : level);
            Exit(close, gapped ? candle.Open : level, stops.ReasonIfHit);
            return;
        }
        if (position.TargetHitBy(favourable))
        {
            var target = position.TargetSpot!.Value;
            var gapped = position.TargetHitBy(candle.Open);
            position.SeeAdverse(adverse);
            Exit(close, gapped ? candle.Open : target, ExitReason.Target);
            return;
        }
        position.SeeAdverse(adverse);
        FollowTrail(position, favourable, close);
        CheckPyramid(position, close, candle.Close);
        ReportOpen(close, candle.Close);
        CloseForAccount(close, candle.Close);
    }

    // ---------------------------------------------------------------- live and paper

    /// <summary>An index tick: stops, target and trail are checked on every one.</summary>
    public void OnIndexTick(DateTimeOffset time, decimal spot)
    {
        ManageOnTick(time, spot);
        VenueSees(MarketMove.Tick(time, spot));
    }

    private void ManageOnTick(DateTimeOffset time, decimal spot)
    {
        StartDayIfNew(time);
        _lastSpot = spot;
        SeeMarketTime(time);
        AskAgainIfDue(time, spot);
        if (Position is { } held) KeepProtectiveStop(held, time, spot);
        if (Position is not { } position || RetryRequestedClose(time, spot)) return;
        if (Ist.TimeOf(time) >= _p.SquareOff)
        {
            Exit(time, spot, ExitReason.SquareOff);
            return;
        }
        if (position.Stops.IsHitBy(spot))
        {
            position.SeeAdverse(spot);
            Exit(time, spot, position.Stops.ReasonIfHit);
            return;
        }
        if (position.TargetHitBy(spot))
        {
            Exit(time, spot, ExitReason.Target);
            return;
        }
        position.SeeAdverse(spot);
        FollowTrail(position, spot, time);
        ReportOpen(time, spot);
        CloseForAccount(time, spot);
    }

    /// <summary>A tick of the held option: pyramiding is checked on every one.</summary>
    public void OnOptionTick(DateTimeOffset time)
    {
        if (Position is { } position && _lastSpot is decimal spot && !RetryRequestedClose(time, spot))
        {
            CheckPyramid(position, time, spot);
            ReportOpen(time, spot);
            CloseForAccount(time, spot);
        }
        if (_lastSpot is decimal last) VenueSees(MarketMove.Tick(time, last));
    }

    /// <summary>The open position marked to market for the account's limits, when they count it.</summary>
    private void ReportOpen(DateTimeOffset time, decimal spot)
    {
        if (!_risk.WantsOpenProfit || Position is not { } position) return;
        _risk.ReportOpenProfit(_p.Segment, _day, _marks.Mark(position.Contract, time, spot) is decimal price ? position.OpenProfitAt(price) : null);
    }

    /// <summary>A candle completed in a live session: the signal and entries.</summary>
    public void OnCandleClosed(in Candle candle, in SignalReading reading)
    {
        var close = candle.Start + _p.Timeframe.Length;
        StartDayIfNew(candle.Start);
        _lastSpot ??= candle.Close;
        EvaluateClose(candle, reading, close);
        _lastCandle = candle;
    }

    /// <summary>The clock's own beat: squares off at the configured time without waiting for a tick.</summary>
    public void OnClock(DateTimeOffset now)
    {
        SeeMarketTime(now);
        if (_lastSpot is decimal seen) AskAgainIfDue(now, seen);
        if (_lastSpot is decimal last && RetryRequestedClose(now, last)) return;
        if (Position is not null && _lastSpot is decimal marked && Ist.DayOf(now) == _day && CloseForAccount(now, marked)) return;
        if (Position is not null && Ist.DayOf(now) == _day && Ist.TimeOf(now) >= _p.SquareOff && _lastSpot is decimal spot)
            Exit(now, spot, ExitReason.SquareOff);
    }

    private void SeeMarketTime(DateTimeOffset time)
    {
        if (_marketTime is not DateTimeOffset seen || time > seen) _marketTime = time;
    }

    /// <summary>Closes the open position now, e.g. Stop with "close all" or the kill switch.</summary>
    public void CloseNow(DateTimeOffset time, string reason)
    {
        if (Position is null && _pendingEntry is not null) CancelWorking(OrderPurpose.Entry, time);
        if (Position is not { } position) return;
        position.CloseRequested = reason;
        if (_lastSpot is decimal spot) Exit(time, spot, reason);
    }

    /// <summary>A close the trader asked for and the market has not filled yet is retried on every
    /// price before anything else; true when one was pending (filled or not).</summary>
    private bool RetryRequestedClose(DateTimeOffset time, decimal spot)
    {
        if (Position is not { CloseRequested: { } reason }) return false;
        Exit(time, spot, reason);
        return true;
    }

    public void Pause(DateTimeOffset time)
    {
        if (IsPaused) return;
        IsPaused = true;
        Emit(time, AgentEventType.Paused, "paused: no new entries; the open position keeps its stops");
    }

    public void Resume(DateTimeOffset time)
    {
        if (!IsPaused) return;
        IsPaused = false;
        Emit(time, AgentEventType.Resumed, "resumed");
    }

    /// <summary>The data has ended: a position still open is squared off at the last candle's
    /// close (step 4: a day that ends before the square-off time).</summary>
    public void Finish()
    {
        if (Position is not null && _lastCandle is Candle last)
            Exit(last.Start + _p.Timeframe.Length, last.Close, ExitReason.SquareOff);
    }

    // ---------------------------------------------------------------- restart

    /// <summary>The agent's state after the last input, for the journal.</summary>
    public AgentSnapshot Snapshot() => new(
        _day, _started, TradesToday, NetPnlToday, _reentry, _lastCandle, _lastSpot, _blockedReason, IsPaused,
        Position is not { } p ? null : new PositionSnapshot(
            p.TradeId, p.SignalType, p.Contract, p.Stops.EntrySpot, p.Stops.InitialStop, p.Stops.TrailPoints,
            p.Stops.BestSpot, p.Stops.Trail, p.EntryTime, p.IsReentry, p.Buys.ToArray(), p.WorstSpot, p.TargetSpot, p.CloseRequested, p.ExitDelayedFor,
            p.Sells.ToArray(), p.PyramidAdds),
        _marketTime, OrderBook());

    /// <summary>Puts a freshly built agent back exactly where a journalled one stood.</summary>
    public void Restore(AgentSnapshot s)
    {
        _day = s.Day;
        _started = s.Started;
        TradesToday = s.TradesToday;
        NetPnlToday = s.NetPnlToday;
        _reentry = s.Reentry;
        _lastCandle = s.LastCandle;
        _lastSpot = s.LastSpot;
        _marketTime = s.MarketTime;
        _blockedReason = s.BlockedReason;
        IsPaused = s.IsPaused;
        Position = s.Position is not { } p ? null : new OpenPosition
        {
            TradeId = p.TradeId,
            SignalType = p.SignalType,
            Contract = p.Contract,
            Stops = new StopLevels(p.Contract.Type, p.EntrySpot, p.InitialStop, p.TrailPoints, p.BestSpot, p.Trail),
            EntryTime = p.EntryTime,
            IsReentry = p.IsReentry,
            Buys = p.Buys,
            WorstSpot = p.WorstSpot,
            TargetSpot = p.TargetSpot,
            Sells = p.Sells ?? [],
            CloseRequested = p.CloseRequested,
            ExitDelayedFor = p.ExitDelayedFor,
            // Journals written before partial fills existed: every leg after the first was an add.
            PyramidAdds = p.PyramidAdds ?? p.Buys.Count - 1,
        };
        RestoreOrders(s.Orders);
    }

    // ---------------------------------------------------------------- shared rules

    private void StartDayIfNew(DateTimeOffset time)
    {
        var day = Ist.DayOf(time);
        if (_started && day == _day) return;
        if (Position is not null && _lastCandle is Candle last)
        {
            // Yesterday ended before the square-off time (a short session): close at its last close.
            Exit(last.Start + _p.Timeframe.Length, last.Close, ExitReason.SquareOff);
        }
        if (Position is { Quantity: 0 })
        {
            // Kite ends every order with its day: a sold-out trade waiting for a buy's cancel closes
            // on its own day, not left open at 0 to block the new one.
            _orders.RemoveAll(static o => o.Side == OrderSide.Buy);
            CloseIfSoldOut();
        }
        _started = true;
        _day = day;
        TradesToday = 0;
        NetPnlToday = 0;
        _blockedReason = null;
        _reentry = null;
        StartOrderDay(time);
        Emit(time, AgentEventType.DayStarted, $"trading day {day:yyyy-MM-dd}: trade count and re-entry reset");
    }

    private void EvaluateClose(in Candle candle, in SignalReading reading, DateTimeOffset close)
    {
        if (_onEvent is not null) LogClose(candle, reading, close);

        if (_reentry is OptionType armed && (armed == OptionType.CE ? reading.Cross == Cross.Down : reading.Cross == Cross.Up))
        {
            _reentry = null;
            Emit(close, AgentEventType.ReentryDisarmed, $"{armed} re-entry disarmed: the opposite cross happened", spot: candle.Close);
        }

        if (Position is { } open)
        {
            if (reading.Signal != Signal.Hold)
                Skip(close, candle.Close, $"{reading.Signal.ToCode()} ignored: a {open.Contract.Type} position is open ({open.TradeId})");
            return;
        }
        if (_pendingEntry is { } pending)
        {
            if (reading.Signal != Signal.Hold)
                Skip(close, candle.Close, $"{reading.Signal.ToCode()} ignored: the {pending.Contract.TradingSymbol} entry order is still working");
            return;
        }

        OptionType? direction = reading.Signal switch
        {
            Signal.BuyCe => OptionType.CE,
            Signal.BuyPe => OptionType.PE,
            _ => null,
        };
        var isReentry = false;
        if (direction is null && _reentry is OptionType again)
        {
            var colourMatches = again == OptionType.CE ? candle.IsGreen : candle.IsRed;
            var trendHolds = again == OptionType.CE ? reading.TrendUp : reading.TrendDown;
            if (colourMatches && trendHolds)
            {
                direction = again;
                isReentry = true;
            }
        }
        if (direction is not OptionType type) return;

        var what = isReentry ? $"{type} re-entry" : reading.Signal.ToCode();
        if (IsPaused)
        {
            Skip(close, candle.Close, $"{what} skipped: agent paused");
            return;
        }
        var t = Ist.TimeOf(close);
        if (t < _p.WindowStart || t >= _p.WindowEnd || Ist.DayOf(close) != _day)
        {
            Skip(close, candle.Close, $"{what} skipped: {t:HH\\:mm} is outside the trading window {_p.WindowStart:HH\\:mm}-{_p.WindowEnd:HH\\:mm}");
            return;
        }
        if (_marketTime is DateTimeOffset seen && seen - close >= _p.Timeframe.Length)
        {
            // A stalled feed or a late history fetch: the fill would be at a price a candle later.
            Skip(close, candle.Close, $"{what} skipped: the {Ist.TimeOf(candle.Start):HH\\:mm} candle's close came at {Ist.TimeOf(seen):HH\\:mm\\:ss}, after the next candle had ended");
            return;
        }
        if (_blockedReason is not null)
        {
            Skip(close, candle.Close, $"{what} skipped: {_blockedReason}");
            return;
        }
        if (_risk.EntryRefusal(_p.Segment, _day) is string refusal)
        {
            Skip(close, candle.Close, $"{what} skipped: {refusal}");
            // The account's limits latch for the day: the agent's own block keeps them past a restart.
            Block(close, refusal);
            return;
        }
        Enter(type, reading.Signal == Signal.Hold ? (type == OptionType.CE ? Signal.BuyCe : Signal.BuyPe) : reading.Signal, isReentry, close, candle.Close);
    }

    // Its own method so the closures' captures are allocated only when someone logs.
    private void LogClose(Candle c, SignalReading r, DateTimeOffset close)
    {
        EmitLazy(close, AgentEventType.CandleProcessed, () =>
            $"{_p.Timeframe} candle {Ist.TimeOf(c.Start):HH\\:mm} O {c.Open} H {c.High} L {c.Low} C {c.Close}; RSI {Line(r.Rsi)} PS {Line(r.PriceStrength)} VS {Line(r.VolumeStrength)}",
            spot: c.Close);
        if (r.Signal != Signal.Hold)
            EmitLazy(close, AgentEventType.Signal, () => $"{r.Signal.ToCode()}: Price Strength crossed {(r.Cross == Cross.Up ? "above" : "below")} Volume Strength on a {(c.IsGreen ? "green" : "red")} candle", spot: c.Close);
    }

    private void FollowTrail(OpenPosition position, decimal favourable, DateTimeOffset time)
    {
        if (position.Stops.Follow(favourable) && _onEvent is not null) LogTrail(position, favourable, time);
    }

    private void LogTrail(OpenPosition position, decimal favourable, DateTimeOffset time)
    {
        var trail = position.Stops.Trail;
        var effective = position.Stops.Effective;
        EmitLazy(time, AgentEventType.StopMoved, () => $"trailing stop moved to {trail} (effective stop {effective})",
            position.TradeId, position.Contract.TradingSymbol, favourable);
    }

    private void UpdateReentry(OpenPosition position, string reason, decimal indexPoints, DateTimeOffset time, decimal spot)
    {
        var direction = position.Contract.Type;
        var stopExit = reason is ExitReason.StopLoss or ExitReason.TrailingStop;
        if (stopExit && indexPoints < 0)
        {
            if (_reentry != direction)
                Emit(time, AgentEventType.ReentryArmed, $"{direction} re-entry armed: stopped out {indexPoints} pts; will re-enter on a {(direction == OptionType.CE ? "green" : "red")} candle while the trend holds", position.TradeId, null, spot);
            _reentry = direction;
        }
        else if (indexPoints > 0 && _reentry == direction)
        {
            _reentry = null;
            Emit(time, AgentEventType.ReentryDisarmed, $"{direction} re-entry disarmed: the trade closed in profit", position.TradeId, null, spot);
        }
    }

    private void Block(DateTimeOffset time, string reason)
    {
        _blockedReason = reason;
        Emit(time, AgentEventType.Blocked, $"no more entries today: {reason}");
    }

    /// <summary>True when someone reads the event log; messages are built only then.</summary>
    internal bool Logging => _onEvent is not null;

    private void Skip(DateTimeOffset time, decimal spot, [InterpolatedStringHandlerArgument("")] ref EventMessage message) =>
        Emit(time, AgentEventType.EntrySkipped, ref message, spot: spot);

    private void Skip(DateTimeOffset time, decimal spot, string message) =>
        Emit(time, AgentEventType.EntrySkipped, message, spot: spot);

    private void Emit(DateTimeOffset time, string type, [InterpolatedStringHandlerArgument("")] ref EventMessage message,
        string? tradeId = null, string? symbol = null, decimal? spot = null, decimal? price = null, int? quantity = null)
    {
        if (_onEvent is not null) Emit(time, type, message.ToStringAndClear(), tradeId, symbol, spot, price, quantity);
    }

    private void Emit(DateTimeOffset time, string type, string message, string? tradeId = null, string? symbol = null,
        decimal? spot = null, decimal? price = null, int? quantity = null) =>
        _onEvent?.Invoke(new AgentEvent(time, _p.Segment, type, message, tradeId, symbol, spot, price, quantity));

    private void EmitLazy(DateTimeOffset time, string type, Func<string> message, string? tradeId = null, string? symbol = null,
        decimal? spot = null) =>
        _onEvent?.Invoke(new AgentEvent(time, _p.Segment, type, message, tradeId, symbol, spot));

    private static string Line(double? value) => value is double v ? v.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) : "-";
}
