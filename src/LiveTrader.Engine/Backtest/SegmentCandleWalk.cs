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
    private readonly SignalEngine _signals;
    private readonly List<TradeRecord> _trades = [];
    private readonly List<AgentEvent> _events;
    private readonly List<Candle> _inside = [];
    private int _next;
    private int _fineIndex;
    private int _traded;

    public SegmentCandleWalk(BacktestRunner.Part part, ITradeCharges charges, IRiskGate risk)
    {
        _part = part;
        _parameters = AgentParameters.From(part.Settings, part.Input.Segment);
        _events = new List<AgentEvent>(part.Input.Candles.Count * 2);
        _agent = new SegmentAgent(_parameters, part.Contracts, part.Execution, charges, risk, _events.Add, _trades.Add);
        _signals = new SignalEngine(part.Settings.Strategy.ToStrategyParameters());
    }

    public Segment Segment => _part.Input.Segment;

    /// <summary>When the next candle closes; null once the walk is past its last day.</summary>
    public DateTimeOffset? NextClose =>
        _next < _part.Input.Candles.Count ? _part.Input.Candles[_next].Start + _parameters.Timeframe.Length : null;

    /// <summary>The next candle: indicators always, trading only inside the From-To days.</summary>
    public void Step()
    {
        var input = _part.Input;
        var i = _next++;
        var candle = input.Candles[i];
        var reading = _signals.OnCandleClosed(candle);
        var day = Ist.DayOf(candle.Start);
        if (input.From is DateOnly from && day < from) return;
        if (input.To is DateOnly to && day > to)
        {
            _next = input.Candles.Count;
            return;
        }
        _agent.OnBar(candle, reading, StopCandlesInside(candle));
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
