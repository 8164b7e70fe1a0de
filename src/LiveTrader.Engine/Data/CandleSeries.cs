using LiveTrader.Core.Market;

namespace LiveTrader.Engine.Data;

/// <summary>Candles read from a file, in time order, with what was dropped on the way in.</summary>
/// <param name="Candles">The market-hours candles.</param>
/// <param name="Timeframe">The file's candle length, inferred from the spacing of its candles.</param>
/// <param name="DroppedOutsideHours">Candles starting before 09:15 or at/after 15:30 IST, never used.</param>
/// <param name="DateTexts">Each kept candle's <c>date</c> text exactly as in the file.</param>
public sealed record CandleSeries(
    string File,
    IReadOnlyList<Candle> Candles,
    Timeframe Timeframe,
    int DroppedOutsideHours,
    IReadOnlyList<string> DateTexts)
{
    /// <summary>Candles whose start is not on the timeframe's 09:15 grid (a 5-minute candle at 09:17):
    /// kept, but a trader should know their file is not what its timeframe says.</summary>
    public int OffGrid { get; init; }

    /// <summary>What the trader should hear about this file before trusting a run on it, one line each.</summary>
    public IReadOnlyList<string> Warnings(Segment? segment = null)
    {
        var warnings = new List<string>();
        if (DroppedOutsideHours > 0)
            warnings.Add($"{File}: dropped {DroppedOutsideHours} candles outside market hours (09:15-15:30 IST)");
        if (OffGrid > 0)
            warnings.Add($"{File}: {OffGrid} candles start off the {Timeframe} grid from 09:15 IST");
        // Outside the calendar's known years an expiry or a holiday may be wrong: the run goes on, said out loud.
        var known = Core.Instruments.ExpiryCalendar.Default.HolidayYears;
        var unknown = Candles.Select(c => Ist.DayOf(c.Start).Year).Distinct().Where(y => !known.Contains(y)).Order().ToList();
        if (unknown.Count > 0)
            warnings.Add($"{File}: candles in {string.Join(", ", unknown)}, outside the expiry calendar's known years ({known.Min()}-{known.Max()}): "
                + "their exchange holidays are not known, so option expiries and trading days there count only weekends as closed");
        var name = Path.GetFileName(File);
        var named = Segments.All.Where(o => name.StartsWith(o + "_", StringComparison.OrdinalIgnoreCase)).Cast<Segment?>().FirstOrDefault();
        if (segment is Segment s && named is Segment other && other != s)
            warnings.Add($"{File}: the file's name says {other}, but it is run as {s}");
        return warnings;
    }
}
