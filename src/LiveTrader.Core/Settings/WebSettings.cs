namespace LiveTrader.Core.Settings;

/// <summary>The web app (<c>serve</c>). Listening on anything but the loopback address needs an
/// access token; every request then carries it (header <c>X-LiveTrader-Token</c> or the cookie).</summary>
public sealed class WebSettings
{
    public string? AccessToken { get; set; }
}
