namespace LiveTrader.Core.Settings;

/// <summary>Where the Kite credentials live (DECISIONS.md "Credentials"). Environment variables
/// <c>KITE_API_KEY</c> and <c>KITE_ACCESS_TOKEN</c> come first; then this JSON file, e.g. the Risk
/// Management Dashboard's <c>config/config.json</c>; then the token our own login flow saved.</summary>
public sealed class KiteSettings
{
    public string? CredentialsFile { get; set; }
    public string? TokenFile { get; set; }
}
