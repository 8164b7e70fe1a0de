using System.Collections.Concurrent;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Signals;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Data;

namespace LiveTrader.App.Commands;

/// <summary>A sweep's backtest inputs, prepared once and shared: each candle file is resampled once
/// per timeframe, and its signals are read once per distinct set of strategy lines (RSI period,
/// Price and Volume Strength lengths and sources, timeframe); every stop, trail, pyramid and offset
/// variant of those lines reuses the same tape. Runs keep trades and summaries, no event list. Thread-safe: the sets run on every core.</summary>
public sealed class SweepInputs(IReadOnlyList<(Segment Segment, CandleSeries Series)> sources, DateOnly? from, DateOnly? to)
{
    private readonly ConcurrentDictionary<(int Source, Timeframe Timeframe), Lazy<BacktestInput>> _inputs = new();
    private readonly ConcurrentDictionary<(int Source, Timeframe Timeframe, StrategyParameters Lines), Lazy<SignalReading[]>> _tapes = new();

    /// <summary>How many signal tapes were read: one per candle file and distinct strategy lines.</summary>
    public int TapesRead => _tapes.Count;

    public List<BacktestInput> For(LiveTraderSettings settings)
    {
        var timeframe = SignalsCommand.ResolveTimeframe(null, settings);
        var lines = settings.Strategy.ToStrategyParameters();
        var inputs = new List<BacktestInput>(sources.Count);
        for (var i = 0; i < sources.Count; i++)
        {
            var source = i;
            var input = _inputs.GetOrAdd((source, timeframe), key => new Lazy<BacktestInput>(() =>
                BacktestInputs.FromSeries(sources[key.Source].Segment, sources[key.Source].Series, null, key.Timeframe, from, to))).Value;
            var tape = _tapes.GetOrAdd((source, timeframe, lines), _ => new Lazy<SignalReading[]>(() => SignalTape.Read(input.Candles, lines))).Value;
            inputs.Add(input with { Signals = tape, KeepEvents = false });
        }
        return inputs;
    }
}
