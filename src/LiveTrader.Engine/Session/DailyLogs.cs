using System.Globalization;
using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Journal;
using LiveTrader.Engine.Reports;

namespace LiveTrader.Engine.Session;

/// <summary>The day's <c>live_trades_&lt;date&gt;.csv</c> and <c>live_events_&lt;date&gt;.csv</c>
/// (spec 7), shared by every agent of the session. Rows are appended in journal order by one writer
/// at a time; on start the files are brought level with the journal, so a killed process neither
/// loses nor repeats a row.</summary>
public sealed class DailyLogs(string folder, string mode)
{
    private readonly Dictionary<DateOnly, (CsvLogProjection Trades, CsvLogProjection Events, int TradeRows, int EventRows)> _days = [];

    public static string TradesFile(DateOnly day) => $"live_trades_{day:yyyy-MM-dd}.csv";

    public static string EventsFile(DateOnly day) => $"live_events_{day:yyyy-MM-dd}.csv";

    public static string OrdersFile(DateOnly day) => $"live_orders_{day:yyyy-MM-dd}.csv";

    /// <summary>Brings the day's order log level with the ledger (a day holds few orders: read whole).</summary>
    public void SyncOrders(SessionJournal journal, DateOnly day) =>
        new CsvLogProjection(Path.Combine(folder, OrdersFile(day)), OrderLogCsv.Columns)
            .Sync(journal.OrderLog(day).Select(r => OrderLogCsv.Values(r, mode)).ToList());

    /// <summary>Writes every journalled row of the day the files do not have yet.</summary>
    public void Reconcile(SessionJournal journal, DateOnly day)
    {
        var (trades, events, _, _) = Files(day);
        var journalTrades = journal.Trades(day);
        var journalEvents = journal.Events(day);
        trades.Sync(journalTrades.Select(t => TradeLogCsv.Values(t, mode)).ToList());
        events.Sync(journalEvents.Select(e => EventLogCsv.Values(e, mode)).ToList());
        if (journal.OrderLog(day).Count > 0) SyncOrders(journal, day);
        _days[day] = (trades, events, journalTrades.Count, journalEvents.Count);
    }

    /// <summary>Appends a step's rows, already committed to the journal, after the day's earlier rows.</summary>
    public void Append(SessionJournal journal, IReadOnlyList<AgentEvent> events, IReadOnlyList<TradeRecord> trades)
    {
        foreach (var day in events.Select(e => Ist.DayOf(e.Time)).Concat(trades.Select(t => Ist.DayOf(t.ExitTime))).Distinct())
        {
            if (!_days.TryGetValue(day, out var state))
            {
                // First rows of a day in this process: the journal already holds this step, so
                // bringing the files level with it writes these rows too.
                Reconcile(journal, day);
                continue;
            }
            var eventRows = events.Where(e => Ist.DayOf(e.Time) == day).Select(e => EventLogCsv.Values(e, mode)).ToList();
            var tradeRows = trades.Where(t => Ist.DayOf(t.ExitTime) == day).Select(t => TradeLogCsv.Values(t, mode)).ToList();
            state.Events.SyncTail(state.EventRows, eventRows);
            state.Trades.SyncTail(state.TradeRows, tradeRows);
            _days[day] = state with { EventRows = state.EventRows + eventRows.Count, TradeRows = state.TradeRows + tradeRows.Count };
        }
    }

    private (CsvLogProjection, CsvLogProjection, int, int) Files(DateOnly day) => (
        new CsvLogProjection(Path.Combine(folder, TradesFile(day)), TradeLogCsv.Columns),
        new CsvLogProjection(Path.Combine(folder, EventsFile(day)), EventLogCsv.Columns),
        0, 0);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{mode} logs in {folder}");
}
