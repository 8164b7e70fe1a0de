using LiveTrader.Core.Settings;
using LiveTrader.Kite.Auth;
using LiveTrader.Kite.Rest;
using LiveTrader.Kite.Ticker;

namespace LiveTrader.App.Feeds;

/// <summary>The trader's Kite account as the page sees it: whether credentials are known, whether
/// a login is needed, and the login flow itself (DECISIONS.md "Credentials"). Credentials are
/// resolved afresh on every use, so a token saved by a login elsewhere is picked up; no secret
/// ever leaves this class except in a request to Kite.</summary>
public sealed class KiteAccount(LiveTraderSettings settings)
{
    // The token Kite refused: a different one saved since (a login here or in another process) is a new login.
    private volatile string? _refusedToken;

    public string TokenFile { get; } = settings.Kite.TokenFile
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".livetrader", "kite_token.json");

    /// <summary>What the page shows: never a key, token or secret.</summary>
    public sealed record AccountStatus(bool Configured, bool LoggedIn, bool CanLogin, string State);

    public AccountStatus Status()
    {
        KiteCredentials? c;
        try
        {
            c = Credentials();
        }
        catch (InvalidDataException e)
        {
            // A broken file is the trader's to fix; the rest of the page keeps working meanwhile.
            return new(false, false, false, e.Message);
        }
        if (c is null) return new(false, false, false, "not configured");
        var loggedIn = Usable(c);
        return new(true, loggedIn, c.ApiSecret is not null, loggedIn ? "logged in" : "login required");
    }

    public KiteCredentials? Credentials() => KiteCredentialStore.Resolve(new KiteCredentialOptions
    {
        CredentialsFile = settings.Kite.CredentialsFile,
        TokenFile = TokenFile,
    });

    /// <summary>Kite answered 403 TokenException: the token is spent until the next login.</summary>
    public void LoginRequired(string? refusedToken)
    {
        // Null: no token was in use, or it is already the refused one.
        if (refusedToken is not null) _refusedToken = refusedToken;
    }

    /// <summary>Credentials with a token Kite has not refused, or null while a login is needed.</summary>
    public KiteCredentials? LoggedIn()
    {
        try
        {
            return Credentials() is { } c && Usable(c) ? c : null;
        }
        catch (InvalidDataException)
        {
            return null; // Status() says why
        }
    }

    private bool Usable(KiteCredentials c) => c.HasAccessToken && c.AccessToken != _refusedToken;

    /// <summary>The browser's login address, or null when no API key and secret are configured.</summary>
    public Uri? LoginUrl()
    {
        try
        {
            return Credentials() is { ApiSecret: not null } c ? KiteLogin.LoginUrl(c.ApiKey, settings.Kite.LoginRoot) : null;
        }
        catch (InvalidDataException)
        {
            return null; // Status() says why
        }
    }

    /// <summary>Exchanges the redirect's request_token for an access token and saves it (owner-only).</summary>
    public async Task CompleteLoginAsync(Uri redirect, CancellationToken ct)
    {
        var c = Credentials() ?? throw new InputException("No Kite API key is configured.");
        if (c.ApiSecret is null) throw new InputException("No Kite API secret is configured, so this app cannot log in itself.");
        using var client = new KiteRestClient(new KiteCredentials(c.ApiKey, null, c.ApiSecret), RestOptions());
        await KiteLoginFlow.CompleteAsync(client, redirect, c.ApiSecret, TokenFile, ct);
        _refusedToken = null;
    }

    /// <summary>A REST client on the logged-in account, or null when a login is needed.</summary>
    public KiteRestClient? RestClient()
    {
        if (LoggedIn() is not { } c) return null;
        var client = new KiteRestClient(c, RestOptions());
        client.LoginRequired += (_, _) => LoginRequired(c.AccessToken);
        return client;
    }

    public KiteTicker Ticker(KiteCredentials credentials) =>
        new(credentials, new KiteTickerOptions { RootUri = new Uri(settings.Kite.TickerRoot) });

    private KiteRestOptions RestOptions() => new() { BaseUri = new Uri(settings.Kite.ApiRoot) };
}
