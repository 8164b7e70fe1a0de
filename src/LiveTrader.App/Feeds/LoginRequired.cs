using LiveTrader.Kite.Rest;

namespace LiveTrader.App.Feeds;

/// <summary>The daily login, said the same way wherever Kite refuses the token (DECISIONS.md
/// "Credentials"): a Kite session, a Kite backtest, the command line. Kite tokens lapse every morning
/// at 06:00 IST, so this is an everyday state, never an unexpected failure.</summary>
public static class LoginRequired
{
    public const string Message = "login required: Kite refused the access token (tokens expire every morning at 06:00 IST); "
        + "log in again with the Kite login button, or set KITE_ACCESS_TOKEN";

    /// <summary>Where the page's Kite login button leads.</summary>
    public const string LoginPath = "/api/kite/login";

    /// <summary>Kite's 403 TokenException, or our own "no token", anywhere in the exception's causes.</summary>
    public static bool Is(Exception e) => e switch
    {
        TokenException or Web.KiteLoginRequiredException => true,
        AggregateException a => a.InnerExceptions.Any(Is),
        { InnerException: { } inner } => Is(inner),
        _ => false,
    };

    /// <summary>What to tell the trader: no token at all says so; a refused one says Kite refused it.</summary>
    public static string MessageOf(Exception e) => e switch
    {
        Web.KiteLoginRequiredException => e.Message,
        AggregateException a when a.InnerExceptions.FirstOrDefault(Is) is { } inner => MessageOf(inner),
        { InnerException: { } inner } when Is(inner) => MessageOf(inner),
        _ => Message,
    };

    /// <summary>The web answer: 401 in the one error shape, with the login button's address when this app can log in.</summary>
    public static IResult Answer(KiteAccount account, Exception e, string? field = null)
    {
        // The saved token is the one Kite just refused; a newer login clears it.
        account.LoginRequired(account.LoggedIn()?.AccessToken);
        var message = MessageOf(e);
        var login = account.Status().CanLogin ? LoginPath : null;
        object body = field is null
            ? new { message, field, error = message, loginRequired = true, login }
            : new { message, field, error = message, loginRequired = true, login, errors = new Dictionary<string, string> { [field] = message } };
        return Results.Json(body, statusCode: StatusCodes.Status401Unauthorized);
    }
}
