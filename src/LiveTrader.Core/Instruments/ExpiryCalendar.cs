using System.Collections.Concurrent;
using System.Reflection;
using LiveTrader.Core.Market;

namespace LiveTrader.Core.Instruments;

/// <summary>Which days options expire and which days the exchanges trade, from the rules and holiday
/// lists in <c>expiry-calendar.json</c> (DECISIONS.md: the calendar is data, not code). A backtest
/// and paper pricing use it; live trading takes the expiry from Kite's instrument dump.</summary>
public sealed class ExpiryCalendar
{
    private const string ResourceName = "LiveTrader.Core.Instruments.expiry-calendar.json";
    private static readonly Lazy<ExpiryCalendar> Embedded = new(LoadEmbedded);

    private readonly Dictionary<Segment, IReadOnlyList<ExpiryRule>> _rules;
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _specialTradingDays;
    // A month's expiries never change once the calendar is read, and every entry of a backtest asks
    // for them: worked out once per month, shared by every thread of a sweep.
    private readonly ConcurrentDictionary<(Segment, int, int), IReadOnlyList<DateOnly>> _months = new();
    private readonly ConcurrentDictionary<(Segment, int, int), DateOnly> _monthlies = new();

    /// <summary>The calendar shipped inside LiveTrader.Core.</summary>
    public static ExpiryCalendar Default => Embedded.Value;

    /// <summary>Years whose holiday list is known; outside them only weekends are closed.</summary>
    public IReadOnlySet<int> HolidayYears { get; }

    public ExpiryCalendar(
        IReadOnlyDictionary<Segment, IReadOnlyList<ExpiryRule>> rules,
        IEnumerable<DateOnly> holidays,
        IEnumerable<DateOnly>? specialTradingDays = null,
        IEnumerable<int>? holidayYears = null)
    {
        _rules = rules.ToDictionary(r => r.Key, r => (IReadOnlyList<ExpiryRule>)r.Value.OrderBy(x => x.From).ToList());
        _holidays = [.. holidays];
        _specialTradingDays = [.. specialTradingDays ?? []];
        HolidayYears = new HashSet<int>(holidayYears ?? _holidays.Select(h => h.Year));
    }

    /// <summary>Reads a calendar in the format of the embedded <c>expiry-calendar.json</c>.</summary>
    public static ExpiryCalendar FromJson(string json)
    {
        var data = ExpiryCalendarData.Parse(json);
        var rules = new Dictionary<Segment, IReadOnlyList<ExpiryRule>>();
        foreach (var (name, rows) in data.Rules)
        {
            if (!Segments.TryParse(name, out var segment))
                throw new FormatException($"expiry calendar: unknown segment '{name}' (expected {Segments.Names})");
            rules[segment] = rows.Select(r => new ExpiryRule(
                r.From, r.To,
                string.IsNullOrEmpty(r.Weekly) ? null : ParseDay(r.Weekly, name),
                ParseDay(r.Monthly, name))).ToList();
        }
        return new ExpiryCalendar(
            rules,
            data.Holidays.Select(h => h.Date),
            data.SpecialSessions.Where(s => s.CountsAsTradingDay).Select(s => s.Date),
            data.HolidayYears.Count > 0 ? data.HolidayYears : null);
    }

    private static DayOfWeek ParseDay(string text, string segment) =>
        Enum.TryParse<DayOfWeek>(text, ignoreCase: true, out var day) && !int.TryParse(text, out _)
            ? day
            : throw new FormatException($"expiry calendar: '{text}' in {segment} is not a weekday name");

    private static ExpiryCalendar LoadEmbedded()
    {
        using var stream = typeof(ExpiryCalendar).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from LiveTrader.Core");
        using var reader = new StreamReader(stream);
        return FromJson(reader.ReadToEnd());
    }

    /// <summary>True on a weekday that is not an exchange holiday, and on the listed full Saturday
    /// sessions (e.g. Budget day 2025-02-01).</summary>
    public bool IsTradingDay(DateOnly day)
    {
        if (_specialTradingDays.Contains(day)) return true;
        if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) return false;
        return !_holidays.Contains(day);
    }

    /// <summary>The last trading day on or before <paramref name="day"/>.</summary>
    public DateOnly OnOrBeforeTradingDay(DateOnly day)
    {
        // Expiries never land on a Saturday session, so only ordinary weekdays qualify here.
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || !IsTradingDay(day))
            day = day.AddDays(-1);
        return day;
    }

    /// <summary>The nearest expiry on or after the trade date (the expiry day itself counts: its
    /// contracts trade until 15:30).</summary>
    public DateOnly NextExpiry(Segment segment, DateOnly tradeDate)
    {
        var month = new DateOnly(tradeDate.Year, tradeDate.Month, 1);
        // Three months always suffice: every segment has at least a monthly expiry.
        for (var i = 0; i < 3; i++)
        {
            var expiries = ExpiriesInMonth(segment, month.Year, month.Month);
            for (var k = 0; k < expiries.Count; k++)
                if (expiries[k] >= tradeDate) return expiries[k];
            month = month.AddMonths(1);
        }
        throw new InvalidOperationException($"no {segment} expiry found after {tradeDate:yyyy-MM-dd}");
    }

    /// <summary>True when the expiry is the month's monthly one (its symbol then uses the MMM form).</summary>
    public bool IsMonthlyExpiry(Segment segment, DateOnly expiry) =>
        MonthlyExpiry(segment, expiry.Year, expiry.Month) == expiry;

    /// <summary>The month's monthly expiry after any holiday shift.</summary>
    public DateOnly MonthlyExpiry(Segment segment, int year, int month) =>
        _monthlies.GetOrAdd((segment, year, month), static (key, calendar) =>
            calendar.OnOrBeforeTradingDay(calendar.NominalMonthly(key.Item1, key.Item2, key.Item3)), this);

    /// <summary>Every expiry of the segment whose contract is named for this month, in date order,
    /// after holiday shifts.</summary>
    public IReadOnlyList<DateOnly> ExpiriesInMonth(Segment segment, int year, int month) =>
        _months.GetOrAdd((segment, year, month), static (key, calendar) => calendar.WorkOutMonth(key.Item1, key.Item2, key.Item3), this);

    private IReadOnlyList<DateOnly> WorkOutMonth(Segment segment, int year, int month)
    {
        var monthly = NominalMonthly(segment, year, month);
        var monthlyWeek = WeekStart(monthly);
        var result = new SortedSet<DateOnly> { OnOrBeforeTradingDay(monthly) };
        var days = DateTime.DaysInMonth(year, month);
        for (var d = 1; d <= days; d++)
        {
            var day = new DateOnly(year, month, d);
            var rule = RuleFor(segment, day);
            if (rule.WeeklyDay != day.DayOfWeek) continue;
            // The monthly stands in for the weekly of its own week.
            if (WeekStart(day) == monthlyWeek) continue;
            result.Add(OnOrBeforeTradingDay(day));
        }
        return [.. result];
    }

    /// <summary>The rule in force for a nominal expiry date.</summary>
    public ExpiryRule RuleFor(Segment segment, DateOnly day)
    {
        if (!_rules.TryGetValue(segment, out var rules))
            throw new InvalidOperationException($"expiry calendar has no rules for {segment}");
        for (var i = 0; i < rules.Count; i++)
            if (rules[i].Covers(day)) return rules[i];
        throw new InvalidOperationException($"expiry calendar has no {segment} rule for {day:yyyy-MM-dd}; extend expiry-calendar.json");
    }

    private DateOnly NominalMonthly(Segment segment, int year, int month)
    {
        var day = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        while (day.DayOfWeek != RuleFor(segment, day).MonthlyDay) day = day.AddDays(-1);
        return day;
    }

    private static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
