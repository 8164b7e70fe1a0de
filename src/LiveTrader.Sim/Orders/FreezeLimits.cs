using LiveTrader.Core.Market;

namespace LiveTrader.Sim.Orders;

/// <summary>
/// Exchange freeze quantities (units per order) by underlying and date: no API gives them (kite-orders.md §1), so they
/// are dated data. A day uses the newest row effective on it; days before the oldest row use the oldest.
/// </summary>
public static class FreezeLimits
{
    /// <summary>The rows, newest last per underlying. NSE revised its limits on 2 Mar 2026; the late-2025 figures are the
    /// ones confirmed here (they are also the engine's FreezeQuantity settings).</summary>
    public static IReadOnlyList<(Segment Underlying, DateOnly From, int Units)> Rows { get; } =
    [
        (Segment.NIFTY, new DateOnly(2025, 12, 1), 1800),
        (Segment.BANKNIFTY, new DateOnly(2025, 12, 1), 600),
        (Segment.SENSEX, new DateOnly(2025, 12, 1), 1000),
    ];

    /// <summary>The freeze quantity of <paramref name="underlying"/> on <paramref name="day"/>.</summary>
    public static int On(Segment underlying, DateOnly day)
    {
        var rows = Rows.Where(r => r.Underlying == underlying).OrderBy(r => r.From).ToList();
        return (rows.LastOrDefault(r => r.From <= day) is { Units: > 0 } row ? row : rows[0]).Units;
    }
}
