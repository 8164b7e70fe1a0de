using System.Globalization;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Journal;

namespace LiveTrader.Engine.Performance;

/// <summary>One row of the per-day table: a segment (or the account) on one day, both sides.</summary>
public sealed record PerformanceDay(DateOnly Day, string Scope, int PaperTrades, decimal PaperNet, int BacktestTrades, decimal BacktestNet,
    int Agreed, int Pairs, decimal AgreementPct, string? MainCause)
{
    public decimal Difference => PaperNet - BacktestNet;
}

/// <summary>A segment, or the account, over the whole period: both sides' numbers, the agreement
/// rate (pairs both sides traded, of every pair) and each side's equity curve.</summary>
public sealed record PerformanceScope(string Scope, PerformanceStats Paper, PerformanceStats Backtest, int Agreed, int Pairs,
    decimal AgreementPct, IReadOnlyList<EquityPoint> PaperEquity, IReadOnlyList<EquityPoint> BacktestEquity);

/// <summary>A difference cause's total over the period: how many pairs it touched and its rupees.</summary>
public sealed record CauseTotal(string Cause, int Pairs, decimal Amount);

/// <summary>Spec 9's "backtest vs paper for the same period": for every day with a paper session in
/// the range, the paper trades beside a backtest of the same candles with the same parameters
/// (cached by day and parameter hash), paired and explained (<see cref="TradePairing"/>), per
/// segment and for the account. A day whose recordings are refused is <see cref="LeftOut"/>, with why.</summary>
public sealed record PerformanceReport(
    DateOnly From,
    DateOnly To,
    IReadOnlyList<DateOnly> Days,
    IReadOnlyList<PerformanceDay> DayRows,
    IReadOnlyList<PerformanceScope> Scopes,
    IReadOnlyList<TradePair> Pairs,
    IReadOnlyList<CauseTotal> Causes,
    string Note,
    IReadOnlyList<string> LeftOut)
{
    public const string Account = "ACCOUNT";

    public PerformanceScope AccountScope => Scopes.First(s => s.Scope == Account);

    /// <summary>The report over <paramref name="from"/>..<paramref name="to"/> from the session folder's
    /// journal and recordings; an empty report when the folder has no journal or no day in the range.</summary>
    public static PerformanceReport Build(string folder, DateOnly from, DateOnly to, LiveTraderSettings settings, BacktestCache cache)
    {
        var pairs = new List<TradePair>();
        var paperAll = new List<TradeRecord>();
        var backtestAll = new List<TradeRecord>();
        var rows = new List<PerformanceDay>();
        var days = new List<DateOnly>();
        var leftOut = new List<string>();
        using (var journal = SessionJournal.OpenExisting(folder))
        {
            foreach (var day in journal?.Days().Where(d => d >= from && d <= to) ?? [])
            {
                PaperDayBacktest backtest;
                try
                {
                    backtest = cache.For(day, settings);
                }
                catch (Data.InputFileException e)
                {
                    // One day's broken recording leaves that day out, named; the other days are reported.
                    leftOut.Add($"{day:yyyy-MM-dd} is left out: {e.Message}");
                    continue;
                }
                days.Add(day);
                var paper = journal!.Trades(day);
                var events = journal.Events(day);
                var facts = Facts(settings, backtest);
                var ofDay = TradePairing.Pair(day, paper, backtest.Trades, events, backtest.Events, facts);
                pairs.AddRange(ofDay);
                paperAll.AddRange(paper);
                backtestAll.AddRange(backtest.Trades);
                foreach (var scope in ScopesOf(paper.Concat(backtest.Trades)))
                    rows.Add(DayRow(day, scope, Of(scope, paper), Of(scope, backtest.Trades), ofDay.Where(p => In(scope, p.Segment)).ToList()));
            }
        }
        var scopes = ScopesOf(paperAll.Concat(backtestAll)).Select(scope =>
        {
            var inScope = pairs.Where(p => In(scope, p.Segment)).ToList();
            var paper = Of(scope, paperAll);
            var backtest = Of(scope, backtestAll);
            return new PerformanceScope(scope, PerformanceStats.From(paper, settings.InitialCapital), PerformanceStats.From(backtest, settings.InitialCapital),
                inScope.Count(p => p.Agreed), inScope.Count, Agreement(inScope), EquityPoint.Curve(paper), EquityPoint.Curve(backtest));
        }).ToList();
        var causes = DifferenceCause.All
            .Select(c => new CauseTotal(c, pairs.Count(p => p.Differences.Any(d => d.Cause == c)), pairs.Sum(p => p.Differences.Where(d => d.Cause == c).Sum(d => d.Amount))))
            .Where(c => c.Pairs > 0).ToList();
        var note = "The backtest runs on the candles each paper session recorded, with the configured parameters, its premiums modelled by Black-Scholes; " +
            "paper filled at the live quotes and ran its stops on every tick. Trades are paired by segment, entry candle and direction.";
        return new PerformanceReport(from, to, days, rows, scopes, pairs, causes, note, leftOut);
    }

    private static Dictionary<Segment, SegmentFacts> Facts(LiveTraderSettings settings, PaperDayBacktest backtest)
    {
        var facts = new Dictionary<Segment, SegmentFacts>();
        foreach (var segment in Segments.All)
        {
            if (!settings.Segments.TryGetValue(segment.ToString(), out var seg)) continue;
            var recorded = backtest.Candles.FirstOrDefault(c => c.Segment == segment);
            var timeframe = recorded is not null && Timeframe.TryParse(recorded.Timeframe, out var tf) ? tf : settings.Strategy.ParsedTimeframe();
            facts[segment] = new SegmentFacts(timeframe.Length, recorded?.SlippageTicks ?? seg.SlippageTicks, seg.SlippageTicks, seg.TickSize);
        }
        return facts;
    }

    private static PerformanceDay DayRow(DateOnly day, string scope, IReadOnlyList<TradeRecord> paper, IReadOnlyList<TradeRecord> backtest, List<TradePair> pairs) =>
        new(day, scope, paper.Count, paper.Sum(t => t.NetPnl), backtest.Count, backtest.Sum(t => t.NetPnl),
            pairs.Count(p => p.Agreed), pairs.Count, Agreement(pairs),
            pairs.SelectMany(p => p.Differences).GroupBy(d => d.Cause).OrderByDescending(g => Math.Abs(g.Sum(d => d.Amount))).FirstOrDefault()?.Key);

    private static decimal Agreement(IReadOnlyCollection<TradePair> pairs) =>
        pairs.Count == 0 ? 100m : decimal.Round(100m * pairs.Count(p => p.Agreed) / pairs.Count, 2);

    /// <summary>The account first, then each segment that traded on either side, in segment order.</summary>
    private static List<string> ScopesOf(IEnumerable<TradeRecord> trades) =>
        [Account, .. trades.Select(t => t.Segment).Distinct().Order().Select(s => s.ToString())];

    private static bool In(string scope, Segment segment) => scope == Account || scope == segment.ToString();

    private static List<TradeRecord> Of(string scope, IEnumerable<TradeRecord> trades) => trades.Where(t => In(scope, t.Segment)).ToList();

    public static string FileStem(DateOnly from, DateOnly to) =>
        string.Create(CultureInfo.InvariantCulture, $"performance_{from:yyyy-MM-dd}_{to:yyyy-MM-dd}");
}
