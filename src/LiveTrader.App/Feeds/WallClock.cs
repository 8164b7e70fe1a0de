using LiveTrader.Core.Market;

namespace LiveTrader.App.Feeds;

/// <summary>The real clock in IST: the Kite feed's clock, and "today" for the page. The core and the
/// engine never read a clock; this is where the one real clock, an injected <see cref="TimeProvider"/>
/// (the machine's, or a test's), is read.</summary>
public sealed class WallClock(TimeProvider time)
{
    /// <summary>The machine's clock, for the command line.</summary>
    public static WallClock System { get; } = new(TimeProvider.System);

    public DateTimeOffset Now() => Ist.From(time.GetUtcNow());

    /// <summary>For waits measured on the same clock.</summary>
    public TimeProvider Time => time;
}
