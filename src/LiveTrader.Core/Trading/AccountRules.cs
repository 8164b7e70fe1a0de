using LiveTrader.Core.Settings;

namespace LiveTrader.Core.Trading;

/// <summary>The account's rules for one day, all on its net (realised plus open): the global daily
/// loss limit and profit target stop entries (spec 8); the protections of spec 9 stop entries and
/// close every position.</summary>
public sealed record AccountRules(
    decimal? DailyLossLimit = null,
    decimal? DailyProfitTarget = null,
    decimal? LossProtection = null,
    decimal? ProfitLockAt = null,
    decimal ProfitLockPercent = 50m,
    decimal? TrailingStop = null)
{
    public static AccountRules From(RiskSettings risk) => new(
        risk.DailyLossLimit, risk.DailyProfitTarget, risk.Protection.DailyLoss, risk.Protection.ProfitLockAt,
        risk.Protection.ProfitLockPercent, risk.Protection.TrailingStop);

    public bool AnyOn => DailyLossLimit is not null || DailyProfitTarget is not null || Protects;

    /// <summary>True when a rule closes positions, not only entries.</summary>
    public bool Protects => LossProtection is not null || ProfitLockAt is not null || TrailingStop is not null;

    /// <summary>The net the profit protection keeps once it is armed.</summary>
    public decimal? LockedLevel => ProfitLockAt is decimal at ? decimal.Round(at * ProfitLockPercent / 100m, 2) : null;
}
