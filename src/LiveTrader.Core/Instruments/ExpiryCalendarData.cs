using System.Text.Json;

namespace LiveTrader.Core.Instruments;

/// <summary>The shape of <c>expiry-calendar.json</c>; only the fields the calendar uses are bound,
/// the file's prose (sources, uncertainty notes) is for the people who maintain it.</summary>
internal sealed class ExpiryCalendarData
{
    public Dictionary<string, List<RuleRow>> Rules { get; set; } = new();
    public List<int> HolidayYears { get; set; } = [];
    public List<DayRow> Holidays { get; set; } = [];
    public List<SpecialSessionRow> SpecialSessions { get; set; } = [];

    internal sealed class RuleRow
    {
        public DateOnly From { get; set; }
        public DateOnly? To { get; set; }
        public string? Weekly { get; set; }
        public string Monthly { get; set; } = "";
    }

    internal class DayRow
    {
        public DateOnly Date { get; set; }
        public string Name { get; set; } = "";
    }

    internal sealed class SpecialSessionRow : DayRow
    {
        public bool CountsAsTradingDay { get; set; }
    }

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    public static ExpiryCalendarData Parse(string json) =>
        JsonSerializer.Deserialize<ExpiryCalendarData>(json, Options)
        ?? throw new FormatException("expiry calendar JSON is empty");
}
