using System.Globalization;
using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Kite.Historical;
using LiveTrader.Kite.Instruments;

namespace LiveTrader.Engine.Archive;

/// <summary>How a segment's near-month future can be archived over the days it still lacks, or why
/// it cannot: exactly one of <see cref="Target"/> and <see cref="Refusal"/> is set.</summary>
public sealed record NearMonthChoice(HistoryTarget? Target, string? Refusal);

/// <summary>Picks the contract for a segment's <c>futures/SEG_FUT_interval.csv</c>. The near-month
/// future of a day is the contract nearest expiry on or after it, and a new one takes over the day
/// after each monthly expiry. Kite lists only live contracts, serves intraday candles only of live
/// ones (an expired future only as day candles, forum staff 2023), and splices expired months only
/// through <c>continuous=1</c>, which works for day candles of NFO (and MCX) futures (historical docs).
/// So: days from the live near-month's first day on come from that contract at any interval; earlier
/// days only as NFO day candles through <c>continuous=1</c>; anything else is refused.</summary>
public static class NearMonthFuture
{
    /// <param name="firstDay">The first day the archive lacks.</param>
    /// <param name="lastDay">The last day asked for.</param>
    /// <param name="today">The exchange's today (the simulator's day): contracts expiring before it are gone.</param>
    public static NearMonthChoice Choose(CandleArchive archive, Segment segment, string exchange, IReadOnlyList<KiteInstrument> liveDump,
        DateOnly firstDay, DateOnly from, DateOnly lastDay, DateOnly today, ExpiryCalendar calendar)
    {
        var live = liveDump
            .Where(i => i.InstrumentType == "FUT" && i.Name == segment.ToString() && i.Exchange == exchange && i.Expiry >= today)
            .MinBy(i => i.Expiry);
        if (live is null)
            return new NearMonthChoice(null, $"{segment}: the instrument dump of {today:yyyy-MM-dd} lists no live {segment} future on {exchange}");

        var expiry = live.Expiry!.Value;
        var previousMonth = new DateOnly(expiry.Year, expiry.Month, 1).AddMonths(-1);
        var liveFrom = calendar.MonthlyExpiry(segment, previousMonth.Year, previousMonth.Month).AddDays(1);
        var target = (bool continuous) => new NearMonthChoice(
            new HistoryTarget(archive, live.InstrumentToken, [new DayRange(from, lastDay)], Series: true, Continuous: continuous), null);

        if (firstDay > lastDay || firstDay >= liveFrom) return target(false);
        if (archive.Interval == KiteInterval.Day && exchange == "NFO") return target(true);

        var why = archive.Interval == KiteInterval.Day
            ? $"Kite's continuous day candles (continuous=1) splice NFO and MCX futures only, not {exchange}"
            : $"Kite serves an expired future only as day candles (--interval day{(exchange == "NFO" ? ", continuous=1" : ", and on NFO only")})";
        return new NearMonthChoice(null,
            $"{segment} from {firstDay:yyyy-MM-dd} needs near-month futures that expired by {liveFrom.AddDays(-1):yyyy-MM-dd}, and {why}; " +
            $"its {HistoricalCandles.WireName(archive.Interval)} archive can start on or after {liveFrom:yyyy-MM-dd} ({live.Tradingsymbol}, live until {expiry.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})" +
            (File.Exists(archive.Path) ? $", and {archive.Path} ends before that: move it aside to start afresh" : ""));
    }
}
