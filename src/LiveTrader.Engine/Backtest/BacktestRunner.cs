using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Signals;
using LiveTrader.Core.Trading;

namespace LiveTrader.Engine.Backtest;

/// <summary>Drives one segment's <see cref="SegmentAgent"/> over candles with a data-driven clock:
/// the candle's own time is the only time there is.</summary>
public static class BacktestRunner
{
    public static BacktestResult Run(
        BacktestInput input,
        LiveTraderSettings settings,
        IContractSelector contracts,
        IOptionExecution execution,
        ITradeCharges charges,
        IProgress<int>? progress = null)
    {
        var parameters = AgentParameters.From(settings, input.Segment);
        var trades = new List<TradeRecord>();
        var events = new List<AgentEvent>(input.Candles.Count * 2);
        var risk = new SessionRiskBook(settings.Risk.DailyLossLimit, settings.Risk.DailyProfitTarget);
        var agent = new SegmentAgent(parameters, contracts, execution, charges, risk, events.Add, trades.Add);
        var signals = new SignalEngine(settings.Strategy.ToStrategyParameters());

        var fine = input.StopCandles;
        var fineIndex = 0;
        var traded = 0;
        var buffer = new List<Candle>();
        for (var i = 0; i < input.Candles.Count; i++)
        {
            var candle = input.Candles[i];
            var reading = signals.OnCandleClosed(candle);
            var day = Ist.DayOf(candle.Start);
            if (input.From is DateOnly from && day < from) continue;
            if (input.To is DateOnly to && day > to) break;

            IReadOnlyList<Candle>? inside = null;
            if (fine is not null)
            {
                var end = candle.Start + parameters.Timeframe.Length;
                while (fineIndex < fine.Count && fine[fineIndex].Start < candle.Start) fineIndex++;
                buffer.Clear();
                while (fineIndex < fine.Count && fine[fineIndex].Start < end) buffer.Add(fine[fineIndex++]);
                inside = buffer;
            }
            agent.OnBar(candle, reading, inside);
            traded++;
            if ((i & 1023) == 0) progress?.Report(i);
        }
        agent.Finish();
        progress?.Report(input.Candles.Count);
        return new BacktestResult(input.Segment, trades, events, PerformanceSummary.From(trades, settings.InitialCapital), traded);
    }
}
