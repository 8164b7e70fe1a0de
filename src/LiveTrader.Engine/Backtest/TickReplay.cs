using LiveTrader.Core.Charges;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Data;
using LiveTrader.Engine.Session;

namespace LiveTrader.Engine.Backtest;

/// <summary><c>backtest --ticks</c>: replays a paper session's recording through the same segment
/// session, paper execution and agent, with the recorded times as the only clock. The trades come
/// out identical to the session's, but for the mode.</summary>
public static class TickReplay
{
    public const string PremiumNote = "Option prices are the live quotes recorded by the paper session (bid/ask where known), not modelled.";

    /// <summary>Replays the recordings of one day's segments on one timeline against one risk book,
    /// as the session traded them, so the global daily limits count every segment's trades. A line a
    /// killed process left half-written is told to <paramref name="warn"/>.</summary>
    public static IReadOnlyList<BacktestResult> RunAll(IReadOnlyList<string> files, LiveTraderSettings settings, Action<string>? warn = null)
    {
        foreach (var file in files)
            if (!File.Exists(file)) throw new InputFileException(file, null, null, "file not found");
        var risk = new SessionRiskBook(AccountRules.From(settings.Risk));
        var charges = new RateTableCharges(new ChargesCalculator(settings.ChargeRates));
        var stores = files.Select(_ => new MemoryStepStore()).ToList();
        var streams = files.Select((f, k) => RecordedSession.Load(f, settings, stores[k], risk, charges, warn)).ToList();
        for (var k = 1; k < streams.Count; k++)
        {
            if (streams.Take(k).FirstOrDefault(s => s.Segment == streams[k].Segment) is { } first)
                throw new InputFileException(files[k], null, null,
                    $"a second recording of {first.Segment} (after {files[streams.IndexOf(first)]}); replay one day per segment at a time");
        }
        foreach (var (k, i) in RecordedSession.InTimeOrder(streams)) streams[k].Handle(i);
        return streams.Select((s, k) => new BacktestResult(s.Segment, stores[k].TradeLog, stores[k].Events,
            PerformanceSummary.From(stores[k].TradeLog, settings.InitialCapital), s.Inputs.Count(i => i is CandleClosedInput))).ToList();
    }
}
