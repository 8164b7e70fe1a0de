namespace LiveTrader.Core.Market;

/// <summary>India Standard Time. India keeps no daylight saving, so a fixed +05:30 offset is exact
/// and does not depend on the machine's time-zone database.</summary>
public static class Ist
{
    public static readonly TimeSpan Offset = TimeSpan.FromMinutes(330);

    public static DateTimeOffset From(DateTimeOffset time) => time.ToOffset(Offset);

    public static DateTimeOffset At(DateOnly day, TimeOnly time) =>
        new(day.ToDateTime(time), Offset);

    public static DateOnly DayOf(DateTimeOffset time) => DateOnly.FromDateTime(From(time).DateTime);

    public static TimeOnly TimeOf(DateTimeOffset time) => TimeOnly.FromDateTime(From(time).DateTime);

    /// <summary>A trading day as every command, file and page writes it: <c>YYYY-MM-DD</c>.</summary>
    public static bool TryParseDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out day);

    /// <summary>The wall-clock text used in every CSV file: <c>YYYY-MM-DD HH:MM:SS</c> in IST.</summary>
    public static string Format(DateTimeOffset time) =>
        From(time).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
