namespace LiveTrader.Core.Settings;

/// <summary>Session-wide controls (spec 8 "Global risk controls"). Off unless configured.</summary>
public sealed class RiskSettings
{
    /// <summary>Net loss in rupees, all segments together, that blocks new entries for the day.</summary>
    public decimal? DailyLossLimit { get; set; }
    /// <summary>Net profit in rupees, all segments together, after which no new entries are taken.</summary>
    public decimal? DailyProfitTarget { get; set; }
    public TimeOnly SquareOffTime { get; set; } = new(15, 15);
}
