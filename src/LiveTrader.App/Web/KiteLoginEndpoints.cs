using System.Net;
using LiveTrader.Kite.Rest;

namespace LiveTrader.App.Web;

/// <summary>The Kite login button: off to Kite's login page, back through the redirect that
/// carries the request_token, which is exchanged (with the API secret, server side) and saved.</summary>
public static class KiteLoginEndpoints
{
    /// <summary>Kite's redirect URL to register for the app: the simulator's default points here too.</summary>
    public const string CallbackPath = "/kite/callback";

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/kite/login", (KiteAccount account) => account.LoginUrl() is { } url
            ? Results.Redirect(url.ToString())
            : Results.Conflict(new { error = "Kite login needs an API key and secret: configure LiveTrader:Kite:CredentialsFile (api_key, api_secret) or set KITE_API_KEY and KITE_API_SECRET" }));

        app.MapGet(CallbackPath, async (HttpContext context, KiteAccount account, CancellationToken ct) =>
        {
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
