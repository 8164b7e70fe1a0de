using System.Net;
using System.Security.Cryptography;
using System.Text;
using LiveTrader.App.Commands;
using Microsoft.AspNetCore.Http;

namespace LiveTrader.App.Web;

/// <summary>The page's guards: loopback only unless an access token is configured (then every
/// request carries it), and no state-changing request from another site.</summary>
public static class WebSecurity
{
    public const string TokenHeader = "X-LiveTrader-Token";
    public const string TokenCookie = "LiveTrader-Token";
    public const string CsrfHeader = "X-Requested-With";
    public const string CsrfValue = "LiveTrader";

    /// <summary>Refuses, before anything listens, an address other machines can reach when no token guards it.</summary>
    public static void CheckUrls(IEnumerable<string> urls, string? accessToken)
    {
        if (!string.IsNullOrEmpty(accessToken)) return;
        foreach (var url in urls)
        {
            if (!IsLoopback(url))
                throw new UsageError($"--urls: {url} is reachable from other machines; configure LiveTrader:Web:AccessToken first, or listen on 127.0.0.1");
        }
    }

    /// <summary>The Host header names this machine: localhost or a loopback address.</summary>
    public static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    public static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
            return false;
        if (uri.IsLoopback) return true;
        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }

    /// <summary>Middleware: the access token (when configured), then the anti-CSRF check on writes.</summary>
    public static async Task Guard(HttpContext context, Func<Task> next, string? accessToken)
    {
        if (string.IsNullOrEmpty(accessToken) && !IsLoopbackHost(context.Request.Host.Host))
        {
            // Without a token only this machine may talk to us; a page whose own name was re-pointed at
            // 127.0.0.1 (DNS rebinding) would otherwise count as same-origin.
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(ApiError.Body($"host '{context.Request.Host}' is not this machine: open http://127.0.0.1 (or configure LiveTrader:Web:AccessToken to serve other names)"));
            return;
        }
        if (!string.IsNullOrEmpty(accessToken))
        {
            // A link carrying ?token= signs the browser in once with a cookie, then drops it from the address.
            if (HttpMethods.IsGet(context.Request.Method) && context.Request.Query.TryGetValue("token", out var query) && Same(query.ToString(), accessToken))
            {
                context.Response.Cookies.Append(TokenCookie, accessToken, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax });
                context.Response.Redirect(context.Request.PathBase + context.Request.Path);
                return;
            }
            var given = context.Request.Headers[TokenHeader].ToString();
            if (string.IsNullOrEmpty(given)) given = context.Request.Cookies[TokenCookie] ?? "";
            if (!Same(given, accessToken))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsJsonAsync(ApiError.Body($"access token required (header {TokenHeader})"));
                return;
            }
        }
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !SameSite(context))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(ApiError.Body($"cross-site request refused: send header {CsrfHeader}: {CsrfValue} from the same origin"));
            return;
        }
        await next();
    }

    /// <summary>A browser sends a custom header only on a same-origin request (no CORS is allowed), and an
    /// Origin, when present, must be this server.</summary>
    private static bool SameSite(HttpContext context)
    {
        if (context.Request.Headers[CsrfHeader].ToString() != CsrfValue) return false;
        var origin = context.Request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin)) return true;
        return Uri.TryCreate(origin, UriKind.Absolute, out var o)
            && string.Equals(o.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    private static bool Same(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
