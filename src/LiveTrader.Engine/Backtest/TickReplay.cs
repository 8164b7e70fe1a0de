using LiveTrader.Core.Charges;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Data;
using LiveTrader.Engine.Paper;
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
        RecordingHeader? header = null;
        var answers = new Queue<ContractAnswer>();
        var inputs = new List<AgentInput>();
        var number = 0;
        foreach (var line in SessionRecorder.Read(file))
        {
            number++;
            if (line.Header is { } h)
            {
                if (header is not null)
                    throw new InputFileException(file, number, null,
                        "a second session starts here (the process was restarted); replay covers one uninterrupted session");
                header = h;
            }
            else if (header is null)
            {
                throw new InputFileException(file, number, null, "not a LiveTrader recording: the first line must be its header");
            }
            if (line.Input is { } input) inputs.Add(input);
            if (line.Answer is { } answer) answers.Enqueue(answer);
        }
        if (header is null) throw new InputFileException(file, null, null, "not a LiveTrader recording: it is empty");
        if (!settings.Segments.TryGetValue(header.Segment.ToString(), out var segment))
            throw new InputFileException(file, 1, "segment", $"{header.Segment} has no settings in the configuration");

        var store = new MemoryStepStore();
        var quotes = new QuoteBook();
        var session = new SegmentSession(
            AgentParameters.From(settings, header.Segment),
            settings.Strategy.ToStrategyParameters(),
            new ReplayContractSelector(answers, file),
            new PaperExecution(quotes, TimeSpan.FromSeconds(header.StaleQuoteSeconds), header.SlippageTicks),
            new RateTableCharges(new ChargesCalculator(settings.ChargeRates)),
            new SessionRiskBook(settings.Risk.DailyLossLimit, settings.Risk.DailyProfitTarget),
            store,
            quotes);
        foreach (var input in inputs) session.Handle(input);
        return new BacktestResult(header.Segment, store.TradeLog, store.Events,
            PerformanceSummary.From(store.TradeLog, settings.InitialCapital), inputs.Count(i => i is CandleClosedInput));
    }
}
