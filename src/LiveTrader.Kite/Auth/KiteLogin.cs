using System.Security.Cryptography;
using System.Text;

namespace LiveTrader.Kite.Auth;

/// <summary>Kite Connect login flow helpers (kite-protocol.md §1.3).</summary>
public static class KiteLogin
{
    public const string DefaultLoginRoot = "https://kite.zerodha.com";

    /// <summary>Lowercase hex SHA-256 of <c>api_key + request_token + api_secret</c> (no separators).</summary>
    public static string Checksum(string apiKey, string requestToken, string apiSecret)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(apiKey + requestToken + apiSecret), hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>The browser login URL: <c>{root}/connect/login?v=3&amp;api_key=KEY</c>.</summary>
    public static Uri LoginUrl(string apiKey, string loginRoot = DefaultLoginRoot) =>
        new($"{loginRoot.TrimEnd('/')}/connect/login?v=3&api_key={Uri.EscapeDataString(apiKey)}");

    /// <summary>
    /// Extracts <c>request_token</c> from the redirect Kite sends after login. Returns false when the redirect does
    /// not carry a token or reports a status other than <c>success</c>.
    /// </summary>
    public static bool TryGetRequestToken(Uri redirect, out string requestToken)
    {
        requestToken = "";
        string? token = null, status = null;
        foreach (var pair in redirect.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            if (key == "request_token") token = value;
            else if (key == "status") status = value;
        }
        if (string.IsNullOrEmpty(token) || (status is not null && status != "success")) return false;
        requestToken = token;
        return true;
    }
}
