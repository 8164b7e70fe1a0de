namespace LiveTrader.Core.Settings;

/// <summary>Account-level protection (spec 9 "risk management modules"), on the day's net of all
/// segments together: realised net after charges plus every open position marked to market. Each
/// rule, once it fires, stops new entries and closes every open position (exit reason
/// <c>Risk limit</c>) for the rest of the day. Each is off unless configured.</summary>
public sealed class AccountProtectionSettings
{
    /// <summary>Daily loss protection: the account is closed once its net reaches this loss in rupees.</summary>
    public decimal? DailyLoss { get; set; }

    /// <summary>Profit protection: once the net reaches this many rupees, <see cref="ProfitLockPercent"/>
    /// of it is locked, and the account is closed if the net falls back to the locked level.</summary>
    public decimal? ProfitLockAt { get; set; }

    /// <summary>The share of <see cref="ProfitLockAt"/> that is locked, in percent (above 0, at most 100).</summary>
    public decimal ProfitLockPercent { get; set; } = 50m;

    /// <summary>A trailing stop on the account: the account is closed once its net falls this many
    /// rupees below the day's highest net (which starts the day at 0).</summary>
    public decimal? TrailingStop { get; set; }
}
