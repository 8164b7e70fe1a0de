namespace LiveTrader.Core.Settings;

/// <summary>Where the Kite credentials live (DECISIONS.md "Credentials"). Environment variables
/// <c>KITE_API_KEY</c> and <c>KITE_ACCESS_TOKEN</c> come first; then this JSON file, e.g. the Risk
/// Management Dashboard's <c>config/config.json</c>; then the token our own login flow saved.</summary>
public sealed class KiteSettings
{
    public string? CredentialsFile { get; set; }
    /// <summary>Where our login flow saves the access token; default <c>~/.livetrader/kite_token.json</c>.</summary>
    public string? TokenFile { get; set; }
    /// <summary>Kite's REST root; point it at the simulator (<c>http://127.0.0.1:7800</c>) to rehearse.</summary>
    public string ApiRoot { get; set; } = "https://api.kite.trade";
    /// <summary>Kite's ticker root.</summary>
    public string TickerRoot { get; set; } = "wss://ws.kite.trade";
    /// <summary>Where the browser logs in.</summary>
    public string LoginRoot { get; set; } = "https://kite.zerodha.com";
}
