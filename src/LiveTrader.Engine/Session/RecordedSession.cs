using LiveTrader.Core.Charges;
using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;
using LiveTrader.Core.Pricing;
using LiveTrader.Core.Risk;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Data;
using LiveTrader.Engine.Execution;
using LiveTrader.Engine.Journal;
using LiveTrader.Engine.Paper;

namespace LiveTrader.Engine.Session;

/// <summary>A paper session fed by recordings instead of a live connection (<c>paper --feed
/// recording</c>): the same segment sessions, journal and CSV logs, with the segments' inputs merged
/// by time so the run is deterministic. Killed at any moment and started again, it rebuilds what
/// the journal does not keep from the inputs its last committed state had seen and carries on, so
/// the day ends with the same files as a run that was never interrupted.</summary>
public static class RecordedSession
{
    public static void Run(string recordings, string folder, LiveTraderSettings settings, CancellationToken ct, Action<string>? warn = null)
    {
        var files = Directory.Exists(recordings) ? Directory.GetFiles(recordings, "ticks_*.jsonl").Order().ToList() : [];
        if (files.Count == 0) throw new InputFileException(recordings, null, null, "no recordings (ticks_<SEGMENT>_<date>.jsonl) in this folder");
        // Every recording is read, and a broken one refused, before the journal is opened or a folder made.
        foreach (var file in files) foreach (var _ in SessionRecorder.Read(file)) { }
        Directory.CreateDirectory(folder);
        using var journal = SessionJournal.Open(SessionJournal.PathIn(folder));
        // The replay's rows carry the recorded session's mode.
        var mode = SessionRecorder.Read(files[0]).FirstOrDefault()?.Header?.Mode ?? PaperSession.PaperMode;
        var store = new JournalStepStore(journal, new DailyLogs(folder, mode));
        var risk = new SessionRiskBook(AccountRules.From(settings.Risk));
        var charges = new RateTableCharges(new ChargesCalculator(settings.ChargeRates));

        var streams = files.Select(f => Load(f, settings, store, risk, charges, warn)).ToList();
        // The global limits count the day's trades already journalled before a restart.
        foreach (var day in streams.Select(s => s.Day).Distinct())
            foreach (var t in journal.Trades(day)) risk.RecordClosedTrade(t.Segment, day, t.NetPnl);
        var resumed = new bool[streams.Count];
        var done = streams.Select(s => s.Session.StoredInputs(s.Day) ?? 0).ToArray();
        foreach (var (pick, i) in InTimeOrder(streams))
        {
            if (ct.IsCancellationRequested) break;
            var s = streams[pick];
            if (i < done[pick])
            {
                s.Session.Rewarm(s.Inputs[i]);
                continue;
            }
            if (!resumed[pick] && done[pick] > 0) s.Session.ResumeFromJournal(s.Day);
            resumed[pick] = true;
            s.Handle(i);
        }
    }

    /// <summary>Every input of every stream, the earliest pending one first (ties in segment order,
    /// NIFTY, BANKNIFTY, SENSEX, whatever the order of the files): the segments' days merged into the
    /// one timeline they were traded on.</summary>
    public static IEnumerable<(int Stream, int Input)> InTimeOrder(IReadOnlyList<Stream> streams)
    {
        var next = new int[streams.Count];
        while (true)
        {
            var pick = -1;
            for (var k = 0; k < streams.Count; k++)
            {
                if (next[k] >= streams[k].Inputs.Count) continue;
                if (pick < 0) { pick = k; continue; }
                var (time, earliest) = (streams[k].Inputs[next[k]].Time, streams[pick].Inputs[next[pick]].Time);
                if (time < earliest || (time == earliest && streams[k].Segment < streams[pick].Segment)) pick = k;
            }
            if (pick < 0) yield break;
            yield return (pick, next[pick]++);
        }
    }

    /// <summary>One segment's recording, loaded into a fresh session that will answer contract
    /// requests from it: queue <see cref="Answers"/>[i] in <see cref="Pending"/> before handling input i.</summary>
    public sealed record Stream(SegmentSession Session, DateOnly Day, List<AgentInput> Inputs, List<List<ContractAnswer>> Answers, Queue<ContractAnswer> Pending)
    {
        public Segment Segment => Session.Segment;

        public void Handle(int i)
        {
            foreach (var answer in Answers[i]) Pending.Enqueue(answer);
            Session.Handle(Inputs[i]);
        }
    }

    public static Stream Load(string file, LiveTraderSettings settings, IStepStore store, IRiskGate risk, ITradeCharges charges, Action<string>? warn = null)
    {
        RecordingHeader? header = null;
        var inputs = new List<AgentInput>();
        var answers = new List<List<ContractAnswer>>();
        var number = 0;
        foreach (var line in SessionRecorder.Read(file, warn))
        {
            number++;
            if (line.Header is { } h)
            {
                if (header is not null)
                    throw new InputFileException(file, number, null, "a second session starts here (the process was restarted); a replay covers one uninterrupted session");
                header = h;
            }
            else if (header is null)
            {
                throw new InputFileException(file, number, null, "not a LiveTrader recording: the first line must be its header");
            }
            if (line.Input is { } input)
            {
                inputs.Add(input);
                answers.Add([]);
            }
            if (line.Answer is { } answer)
            {
                if (answers.Count == 0) throw new InputFileException(file, number, null, "a contract answer before any input");
                answers[^1].Add(answer);
            }
        }
        if (header is null || inputs.Count == 0) throw new InputFileException(file, null, null, "not a LiveTrader recording (no header or no inputs)");
        if (!settings.Segments.TryGetValue(header.Segment.ToString(), out var segment))
            throw new InputFileException(file, 1, "segment", $"{header.Segment} has no settings in the configuration");
        var pending = new Queue<ContractAnswer>();
        var quotes = new QuoteBook();
        var session = new SegmentSession(AgentParameters.From(settings, header.Segment), settings.Strategy.ToStrategyParameters(),
            new ReplayContractSelector(pending, file), ReplayVenue(header, quotes),
            RiskLimits.From(settings, header.Segment), new QuoteMark(quotes, new OptionPricer(ExpiryCalendar.Default), segment.ImpliedVolatility),
            charges, risk, store, quotes, null,
            // A live or dry-run day priced its limits from its quotes; the replay prices them again from the same ones.
            TradingModes.FromLabel(header.Mode) == TradingMode.Paper ? null : settings.Live);
        return new Stream(session, Ist.DayOf(inputs[^1].Time), inputs, answers, pending);
    }

    /// <summary>The venue as the session had it: a live session's answers are recorded inputs, so
    /// its replay sends nothing; paper and dry run fill at the simulated venue on the recorded quotes.</summary>
    private static IOrderVenue ReplayVenue(RecordingHeader header, QuoteBook quotes)
    {
        var simulated = new SimulatedVenue(new QuoteFillModel(quotes, TimeSpan.FromSeconds(header.StaleQuoteSeconds), header.SlippageTicks));
        return TradingModes.FromLabel(header.Mode) switch
        {
            TradingMode.Live => new RecordedAnswersVenue(),
            TradingMode.DryRun => new DryRunVenue(simulated),
            _ => simulated,
        };
    }
}
