using LiveTrader.Core.Market;

namespace LiveTrader.App.Feeds;

/// <summary>The machine's clock in IST: the Kite feed's clock, and "today" for the page. The core and
/// the engine never read a clock; this is where the real one is read.</summary>
public static class WallClock
{
    public static DateTimeOffset Now() => Ist.From(DateTimeOffset.UtcNow);
}
