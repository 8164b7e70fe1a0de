using LiveTrader.Core.Market;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Data;
using LiveTrader.Engine.Journal;
using LiveTrader.Engine.Reports;

namespace LiveTrader.Engine.Session;

/// <summary>The Excel export of a paper day on demand: every segment's trades and events from the
/// journal (the source of truth), in the backtest workbook's sheets, as <c>live_&lt;date&gt;.xlsx</c>.</summary>
public static class DayWorkbook
{
    public static string FileName(DateOnly day) => $"live_{day:yyyy-MM-dd}.xlsx";

    /// <returns>The workbook's path.</returns>
    public static string Write(SessionJournal journal, DateOnly day, string folder, decimal initialCapital, string mode)
    {
        var trades = journal.Trades(day);
        var events = journal.Events(day);
        var path = Path.Combine(folder, FileName(day));
        AtomicFile.Write(path, stream => BacktestWorkbook.Write(stream, string.Join(", ", trades.Select(t => t.Segment).Concat(events.Select(e => e.Segment)).Distinct().Order()),
            trades, events, PerformanceSummary.From(trades, initialCapital), events.Count(e => e.Type == Core.Trading.AgentEventType.CandleProcessed), mode,
            "Option prices are the live quotes the paper session filled at (bid/ask where known).", journal.OrderLog(day)));
        return path;
    }

    public static DateOnly? LatestDay(SessionJournal journal) => journal.Days() is { Count: > 0 } days ? days[^1] : null;
}
