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

    public static BacktestResult Run(string file, LiveTraderSettings settings)
    {
        if (!File.Exists(file)) throw new InputFileException(file, null, null, "file not found");
        var store = new MemoryStepStore();
        var recording = RecordedSession.Load(file, settings, store,
            new SessionRiskBook(settings.Risk.DailyLossLimit, settings.Risk.DailyProfitTarget),
            new RateTableCharges(new ChargesCalculator(settings.ChargeRates)));
        for (var i = 0; i < recording.Inputs.Count; i++) recording.Handle(i);
        return new BacktestResult(recording.Segment, store.TradeLog, store.Events,
            PerformanceSummary.From(store.TradeLog, settings.InitialCapital), recording.Inputs.Count(i => i is CandleClosedInput));
    }
}
