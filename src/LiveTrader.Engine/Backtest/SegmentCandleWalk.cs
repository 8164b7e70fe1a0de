using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Signals;
using LiveTrader.Core.Trading;

namespace LiveTrader.Engine.Backtest;

/// <summary>One segment's agent walking its candles one at a time, so several segments can be
/// stepped in time order against one risk book (<see cref="BacktestRunner.RunTogether"/>).</summary>
internal sealed class SegmentCandleWalk
{
    private readonly BacktestRunner.Part _part;
    private readonly AgentParameters _parameters;
    private readonly SegmentAgent _agent;
    private readonly SignalEngine? _signals;
    private readonly List<TradeRecord> _trades = [];
    private readonly List<AgentEvent> _events;
    private readonly List<Candle> _inside = [];
    private int _next;
    private int _fineIndex;
    private int _traded;
    private SignalReading _reading;
    private bool _trading;

    public SegmentCandleWalk(BacktestRunner.Part part, ITradeCharges charges, IRiskGate risk)
    {
        _part = part;
        _parameters = AgentParameters.From(part.Settings, part.Input.Segment);
        _events = part.Input.KeepEvents ? new List<AgentEvent>(part.Input.Candles.Count * 2) : [];
        _agent = new SegmentAgent(_parameters, part.Contracts, part.Venue, part.Marks, charges, risk,
            part.Input.KeepEvents ? _events.Add : null, _trades.Add);
        if (part.Input.Signals is { } tape)
        {
            if (tape.Count != part.Input.Candles.Count)
                throw new ArgumentException($"{part.Input.Segment}: {tape.Count} signal readings for {part.Input.Candles.Count} candles");
        }
        else _signals = new SignalEngine(part.Settings.Strategy.ToStrategyParameters());
    }

    public Segment Segment => _part.Input.Segment;

    public BacktestRunner.Part Part => _part;

    public bool HasCandle => _next < _part.Input.Candles.Count;

    /// <summary>When the next candle closes; null once the walk is past its last day.</summary>
    public DateTimeOffset? NextClose =>
        _next < _part.Input.Candles.Count ? _part.Input.Candles[_next].Start + _parameters.Timeframe.Length : null;

    /// <summary>The next candle's first half: indicators always; stops, trail and pyramid inside the
    /// From-To days. <see cref="CloseCandle"/> must follow before the next <see cref="ManageCandle"/>.</summary>
    public void ManageCandle()
    {
        var input = _part.Input;
        var candle = input.Candles[_next];
        _reading = _signals?.OnCandleClosed(candle) ?? _part.Input.Signals![_next];
        var day = Ist.DayOf(candle.Start);
        _trading = !(input.From is DateOnly from && day < from);
        if (input.To is DateOnly to && day > to)
        {
            _trading = false;
            _next = input.Candles.Count;
            return;
        }
        if (_trading) _agent.ManageBar(candle, StopCandlesInside(candle));
    }

    /// <summary>The candle's second half: the signal and any entry at its close.</summary>
    public void CloseCandle()
    {
        if (_next >= _part.Input.Candles.Count) return; // past the last day
        var i = _next++;
        if (!_trading) return;
        _agent.CloseBar(_part.Input.Candles[i], _reading);
        _traded++;
        if ((i & 1023) == 0) _part.Progress?.Report(i);
    }

    /// <summary>Squares off what the data left open and sums the segment up.</summary>
    public BacktestResult Finish()
    {
        _agent.Finish();
        _part.Progress?.Report(_part.Input.Candles.Count);
        return new BacktestResult(_part.Input.Segment, _trades, _events, PerformanceSummary.From(_trades, _part.Settings.InitialCapital), _traded);
    }

    private List<Candle>? StopCandlesInside(in Candle candle)
    {
        if (_part.Input.StopCandles is not { } fine) return null;
        var end = candle.Start + _parameters.Timeframe.Length;
        while (_fineIndex < fine.Count && fine[_fineIndex].Start < candle.Start) _fineIndex++;
        _inside.Clear();
        while (_fineIndex < fine.Count && fine[_fineIndex].Start < end) _inside.Add(fine[_fineIndex++]);
        return _inside;
    }
}
