using LiveTrader.Core.Market;

namespace LiveTrader.App.Tests.Web;

/// <summary>The real clock moved to a trading morning: a session on the Kite feed runs in market
/// hours whatever the hour the tests run at (after 15:30 IST it would stop itself at once).</summary>
public sealed class MarketHoursClock(DateOnly day, TimeOnly at) : TimeProvider
{
    private readonly TimeSpan _shift = Ist.At(day, at) - DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _shift;
}
