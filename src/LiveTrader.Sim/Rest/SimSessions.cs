using System.Collections.Concurrent;
using System.Security.Cryptography;
using LiveTrader.Core.Market;
using LiveTrader.Kite.Auth;

namespace LiveTrader.Sim.Rest;

/// <summary>An access token issued by the simulator.</summary>
public sealed record SimSession(string ApiKey, string AccessToken, string PublicToken, DateTimeOffset LoginTime, DateTimeOffset ExpiresAt);

/// <summary>
/// The simulator's own login: single-use request tokens (valid 5 real minutes), access tokens checked against the
/// SHA-256 checksum (same function the client uses, <see cref="KiteLogin.Checksum"/>) and expiring at 06:00 IST of
/// the simulated day after the login (kite-protocol.md §1.3).
/// </summary>
public sealed class SimSessions(SimOptions options, SimClock clock)
{
    private static readonly TimeSpan RequestTokenLifetime = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _requestTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SimSession> _sessions = new(StringComparer.Ordinal);

    public string ApiKey => options.ApiKey;

    /// <summary>Issues a request token, as a successful browser login would.</summary>
    public string IssueRequestToken()
    {
        var token = RandomToken(32);
        _requestTokens[token] = options.TimeProvider.GetUtcNow() + RequestTokenLifetime;
        return token;
    }

    public enum ExchangeResult { Ok, InvalidToken, InvalidChecksum }

    /// <summary>Exchanges a request token for a session (single use).</summary>
    public ExchangeResult TryExchange(string apiKey, string requestToken, string checksum, out SimSession? session)
    {
        session = null;
        if (apiKey != options.ApiKey) return ExchangeResult.InvalidToken;
        if (!_requestTokens.TryRemove(requestToken, out var until) || until < options.TimeProvider.GetUtcNow())
            return ExchangeResult.InvalidToken;
        var expected = KiteLogin.Checksum(apiKey, requestToken, options.ApiSecret);
        if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(expected),
                System.Text.Encoding.ASCII.GetBytes(checksum.Trim().ToLowerInvariant())))
            return ExchangeResult.InvalidChecksum;
        session = CreateSession();
        return ExchangeResult.Ok;
    }

    /// <summary>Creates a session directly (for tests and the app's in-process default mode).</summary>
    public SimSession CreateSession()
    {
        var now = clock.Now;
        var expires = Ist.At(Ist.DayOf(now).AddDays(1), new TimeOnly(6, 0));
        var session = new SimSession(options.ApiKey, RandomToken(32), RandomToken(32), now, expires);
        _sessions[session.AccessToken] = session;
        return session;
    }

    /// <summary>The live session for a key/token pair, or null when unknown, revoked or expired.</summary>
    public SimSession? Validate(string? apiKey, string? accessToken)
    {
        if (string.IsNullOrEmpty(apiKey) || string.IsNullOrEmpty(accessToken)) return null;
        if (!_sessions.TryGetValue(accessToken, out var s) || s.ApiKey != apiKey) return null;
        return clock.Now >= s.ExpiresAt ? null : s;
    }

    /// <summary>Expires every access token issued so far (fault injection); new logins still work.</summary>
    public int ExpireAll()
    {
        int n = _sessions.Count;
        _sessions.Clear();
        return n;
    }

    public bool Invalidate(string apiKey, string accessToken) =>
        _sessions.TryGetValue(accessToken, out var s) && s.ApiKey == apiKey && _sessions.TryRemove(accessToken, out _);

    private static string RandomToken(int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        return RandomNumberGenerator.GetString(alphabet, length);
    }
}
