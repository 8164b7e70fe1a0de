namespace LiveTrader.Core.Settings;

/// <summary>Session-wide controls (spec 8 "Global risk controls"). Off unless configured.</summary>
public sealed class RiskSettings
{
    /// <summary>Net loss in rupees, all segments together, that blocks new entries for the day.</summary>
    public decimal? DailyLossLimit { get; set; }
    /// <summary>Net profit in rupees, all segments together, after which no new entries are taken.</summary>
    public decimal? DailyProfitTarget { get; set; }
    public TimeOnly SquareOffTime { get; set; } = new(15, 15);

    /// <summary>Account-level protection that closes positions as well as stopping entries (spec 9).</summary>
    public AccountProtectionSettings Protection { get; set; } = new();

    /// <summary>A protective stop-limit sell rests at the venue for every open position (DECISIONS.md
    /// "Stops at the broker").</summary>
    public bool ProtectiveStops { get; set; } = true;

    /// <summary>The stop-limit's limit this far below its trigger, in percent of the trigger.</summary>
    public decimal ProtectiveStopBufferPercent { get; set; } = 10m;

    /// <summary>The trail moves the protective stop's trigger only once it has moved this many index points.</summary>
    public decimal ProtectiveStopStepPoints { get; set; } = 5m;
}
