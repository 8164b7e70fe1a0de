using System.Globalization;
using LiveTrader.Core.Market;

namespace LiveTrader.Core.Instruments;

/// <summary>Kite (exchange) trading symbols for index options (kite-protocol.md section 2):
/// weekly <c>NIFTY25D2326000CE</c> = name + YY + month code (1-9, O, N, D) + DD + strike + type;
/// monthly <c>NIFTY25DEC26000CE</c> = name + YY + MMM + strike + type. The expiry that is the month's
/// monthly one is listed only in the monthly form.</summary>
public static class OptionSymbol
{
    private static readonly string[] MonthNames =
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    // Weekly symbols squeeze the month into one character: digits for Jan-Sep, letters after.
    private const string WeeklyMonthCodes = "123456789OND";

    /// <summary>The symbol for an option; <paramref name="isMonthly"/> picks the MMM form.</summary>
    public static string For(Segment segment, DateOnly expiry, decimal strike, OptionType type, bool isMonthly)
    {
        if (strike <= 0) throw new ArgumentOutOfRangeException(nameof(strike), strike, "strike must be positive");
        var yy = (expiry.Year % 100).ToString("00", CultureInfo.InvariantCulture);
        var when = isMonthly
            ? yy + MonthNames[expiry.Month - 1]
            : yy + WeeklyMonthCodes[expiry.Month - 1] + expiry.Day.ToString("00", CultureInfo.InvariantCulture);
        return UnderlyingName(segment) + when + FormatStrike(strike) + type;
    }

    /// <summary>The symbol, asking the calendar whether the expiry is the monthly one.</summary>
    public static string For(ExpiryCalendar calendar, Segment segment, DateOnly expiry, decimal strike, OptionType type) =>
        For(segment, expiry, strike, type, calendar.IsMonthlyExpiry(segment, expiry));

    /// <summary>The <c>name</c> column of the instrument dump, which starts every option symbol.</summary>
    public static string UnderlyingName(Segment segment) => segment switch
    {
        Segment.NIFTY => "NIFTY",
        Segment.BANKNIFTY => "BANKNIFTY",
        Segment.SENSEX => "SENSEX",
        _ => throw new ArgumentOutOfRangeException(nameof(segment), segment, null),
    };

    /// <summary>Whole strikes carry no decimals (26000); fractional ones keep only the digits they need (8.5).</summary>
    public static string FormatStrike(decimal strike) =>
        strike.ToString("0.##########", CultureInfo.InvariantCulture);
}
