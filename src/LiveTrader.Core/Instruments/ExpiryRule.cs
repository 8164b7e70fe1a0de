namespace LiveTrader.Core.Instruments;

/// <summary>How one segment's options expire over a date range, as the exchange's circulars set it.
/// The range is matched against the rule's nominal expiry date (before any holiday shift).</summary>
/// <param name="From">First day the rule applies.</param>
/// <param name="To">Last day it applies; null = still in force.</param>
/// <param name="WeeklyDay">Weekday of weekly expiries; null when the index has monthlies only.</param>
/// <param name="MonthlyDay">The monthly expiry is the last such weekday of the month.</param>
public sealed record ExpiryRule(DateOnly From, DateOnly? To, DayOfWeek? WeeklyDay, DayOfWeek MonthlyDay)
{
    public bool Covers(DateOnly day) => day >= From && (To is null || day <= To);
    public bool HasWeeklies => WeeklyDay is not null;
}
