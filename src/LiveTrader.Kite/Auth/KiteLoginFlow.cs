using LiveTrader.Kite.Rest;

namespace LiveTrader.Kite.Auth;

/// <summary>
/// The app's own login flow (DECISIONS.md "Credentials"): send the user to <see cref="KiteLogin.LoginUrl"/>, receive
/// the redirect, exchange the <c>request_token</c> (checksum with <c>api_secret</c>) and store the access token with
/// owner-only permissions. Hosting the redirect callback belongs to the app.
/// </summary>
public static class KiteLoginFlow
{
    /// <summary>
    /// Completes a login from the redirect URL Kite sent the browser to. Returns the new credentials (also set on
    /// <paramref name="client"/>); saves the token to <paramref name="tokenFile"/> when given.
    /// </summary>
    public static async Task<KiteCredentials> CompleteAsync(KiteRestClient client, Uri redirect, string apiSecret,
        string? tokenFile, CancellationToken ct = default)
    {
        if (!KiteLogin.TryGetRequestToken(redirect, out var requestToken))
            throw new InputException("The login redirect carries no request_token or did not succeed.");
        var session = await client.GenerateSessionAsync(requestToken, apiSecret, ct).ConfigureAwait(false);
        var credentials = client.Credentials!;
        if (tokenFile is not null)
        {
            // Judged on the same real clock the stored token is later checked against: a simulator's
            // login_time is on its simulated day, which may be long past.
            var expiry = KiteCredentialStore.TokenExpiry(DateTimeOffset.UtcNow);
            KiteCredentialStore.SaveToken(tokenFile, credentials.ApiKey, session.AccessToken, expiry);
        }
        return credentials;
    }
}
