using LiveTrader.Core.Settings;

namespace LiveTrader.Core.Risk;

/// <summary>The limits the risk stage holds every order of one segment to. The order rates are
/// Kite's (10 a second, 400 a minute, 5000 a day, modifications and cancels counted).</summary>
public sealed record RiskLimits(
    int MaxQuantity,
    int FreezeQuantity,
    TimeOnly WindowStart,
    TimeOnly WindowEnd,
    TimeOnly SquareOff,
    int OrdersPerSecond = 10,
    int OrdersPerMinute = 400,
    int OrdersPerDay = 5000)
{
    public static RiskLimits From(LiveTraderSettings settings, Market.Segment segment)
    {
        var s = settings.Segments[segment.ToString()];
        return new RiskLimits(s.MaxQuantity, s.FreezeQuantity, s.TradingWindowStart, s.TradingWindowEnd, settings.Risk.SquareOffTime);
    }
}
