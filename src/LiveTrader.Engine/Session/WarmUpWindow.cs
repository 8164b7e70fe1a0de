using LiveTrader.Core.Market;

namespace LiveTrader.Engine.Session;

/// <summary>How far back to fetch history so the indicators see at least
/// <see cref="PaperSession.WarmUpCandles"/> completed candles (DECISIONS.md) before the first signal:
/// ten calendar days at 5 minutes, weeks at 30 minutes and an hour.</summary>
public static class WarmUpWindow
{
    public static int CalendarDays(Timeframe timeframe)
    {
        var perSession = (int)Math.Ceiling((MarketHours.Close - MarketHours.Open).TotalMinutes / timeframe.Minutes);
        var sessions = (int)Math.Ceiling((double)PaperSession.WarmUpCandles / perSession);
        // Five sessions a week, and a week's slack for holidays.
        return Math.Max(10, sessions * 7 / 5 + 7);
    }
}
