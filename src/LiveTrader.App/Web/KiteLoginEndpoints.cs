using System.Net;
using System.Security.Cryptography;
using System.Text;
using LiveTrader.App.Feeds;
using LiveTrader.Kite.Rest;

namespace LiveTrader.App.Web;

/// <summary>The Kite login button: off to Kite's login page, back through the redirect that
/// carries the request_token, which is exchanged (with the API secret, server side) and saved.
/// The button leaves a one-time state in a cookie and in Kite's <c>redirect_params</c>; a callback
/// without the matching state was not started here and is refused, so no other site can slip its
/// own login into the trader's app.</summary>
public static class KiteLoginEndpoints
{
    /// <summary>Kite's redirect URL to register for the app: the simulator's default points here too.</summary>
    public const string CallbackPath = "/kite/callback";

    public const string StateCookie = "LiveTrader-KiteLogin";

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/kite/login", (HttpContext context, KiteAccount account) =>
        {
            if (account.LoginUrl() is not { } url)
                return Results.Conflict(ApiError.Body("Kite login needs an API key and secret: configure LiveTrader:Kite:CredentialsFile (api_key, api_secret) or set KITE_API_KEY and KITE_API_SECRET"));
            var state = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            // Lax: the cookie must come back on Kite's top-level redirect to the callback.
            context.Response.Cookies.Append(StateCookie, state, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromMinutes(10), Path = CallbackPath,
            });
            return Results.Redirect($"{url}&redirect_params={Uri.EscapeDataString("state=" + state)}");
        });

        app.MapGet(CallbackPath, async (HttpContext context, KiteAccount account, CancellationToken ct) =>
        {
            var expected = context.Request.Cookies[StateCookie];
            var given = context.Request.Query["state"].ToString();
            context.Response.Cookies.Delete(StateCookie, new CookieOptions { Path = CallbackPath });
            if (string.IsNullOrEmpty(expected) || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given)))
                return Failed("this login was not started from this Live Trader page (its state does not match, or it is over 10 minutes old). Press the Kite login button again.");
            var redirect = new Uri($"http://localhost{context.Request.Path}{context.Request.QueryString}");
            try
            {
                await account.CompleteLoginAsync(redirect, ct);
                return Results.Redirect("../");
            }
            catch (Exception e) when (e is KiteException or HttpRequestException or TimeoutException)
            {
                return Failed(e.Message);
            }
        });
    }

    /// <summary>A small page, not JSON: the browser arrived here from Kite, not from our script.</summary>
    private static IResult Failed(string why) => Results.Content(
        $"<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Kite login failed</title><body><h1>Kite login failed</h1><p>{WebUtility.HtmlEncode(why)}</p><p><a href=\"../\">Back to Live Trader</a></p></body></html>",
        "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
}
