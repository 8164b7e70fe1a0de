namespace LiveTrader.Core.Trading;

/// <summary>The account's protection as the status card shows it: the day's net (realised and
/// open), its highest point, where each protection stands, and the state: <c>ACTIVE</c>,
/// <c>LOCKED</c> (entries stopped by the loss limit or profit target) or <c>CLOSED</c> (a protection
/// fired: entries stopped and positions closed).</summary>
public sealed record AccountStatus(
    DateOnly Day,
    decimal Realised,
    decimal Open,
    decimal Peak,
    string State,
    string? Reason,
    decimal? LossProtectionAt,
    decimal? ProfitLockAt,
    decimal? LockedLevel,
    bool ProfitLockArmed,
    decimal? TrailingStopAt)
{
    public decimal Net => Realised + Open;

    public const string Active = "ACTIVE";
    public const string Locked = "LOCKED";
    public const string Closed = "CLOSED";
}
