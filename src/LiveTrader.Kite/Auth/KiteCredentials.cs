using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveTrader.Kite.Auth;

/// <summary>Where a set of credentials came from.</summary>
public enum CredentialSource
{
    None,
    Environment,
    CredentialsFile,
    TokenFile,
    LoginFlow,
}

/// <summary>
/// Kite API credentials. <see cref="ToString"/> masks every secret; the values themselves must only be written to
/// the Authorization header, the session request or the owner-only token file.
/// </summary>
public sealed class KiteCredentials
{
    public KiteCredentials(string apiKey, string? accessToken, string? apiSecret = null, CredentialSource source = CredentialSource.None)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        ApiKey = apiKey.Trim();
        AccessToken = string.IsNullOrWhiteSpace(accessToken) ? null : accessToken.Trim();
        ApiSecret = string.IsNullOrWhiteSpace(apiSecret) ? null : apiSecret.Trim();
        Source = source;
    }

    public string ApiKey { get; }
    public string? AccessToken { get; }
    public string? ApiSecret { get; }
    public CredentialSource Source { get; }

    /// <summary>True when an access token is present (it may still be expired; Kite answers 403 then).</summary>
    public bool HasAccessToken => AccessToken is not null;

    public KiteCredentials WithAccessToken(string accessToken, CredentialSource source) =>
        new(ApiKey, accessToken, ApiSecret, source);

    public override string ToString() =>
        $"KiteCredentials {{ ApiKey = {Redact.Secret(ApiKey)}, AccessToken = {Redact.Secret(AccessToken)}, " +
        $"ApiSecret = {Redact.Secret(ApiSecret)}, Source = {Source} }}";
}

/// <summary>Where to look for credentials (DECISIONS.md "Credentials").</summary>
public sealed class KiteCredentialOptions
{
    /// <summary>
    /// Path of a credentials JSON file with top-level <c>api_key</c>, <c>api_secret</c>, <c>access_token</c>
    /// (the Risk Management Dashboard's <c>config/config.json</c>). Optional.
    /// </summary>
    public string? CredentialsFile { get; set; }

    /// <summary>Where our own login flow stores the access token (owner-only permissions). Optional.</summary>
    public string? TokenFile { get; set; }
}

/// <summary>
/// Resolves credentials in the documented order: environment variables (<c>KITE_API_KEY</c>,
/// <c>KITE_ACCESS_TOKEN</c>), then the configured credentials JSON file, then the token saved by our login flow.
/// When no access token is found the result carries the api key/secret (if known) so the login flow can run.
/// </summary>
public static class KiteCredentialStore
{
    public const string ApiKeyVariable = "KITE_API_KEY";
    public const string AccessTokenVariable = "KITE_ACCESS_TOKEN";
    public const string ApiSecretVariable = "KITE_API_SECRET";

    /// <summary>Returns credentials (possibly without an access token), or null when not even an api key is known.</summary>
    public static KiteCredentials? Resolve(KiteCredentialOptions options, Func<string, string?>? environment = null, DateTimeOffset? now = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var envKey = Clean(environment(ApiKeyVariable));
        var envToken = Clean(environment(AccessTokenVariable));
        var envSecret = Clean(environment(ApiSecretVariable));
        if (envKey is not null && envToken is not null)
            return new KiteCredentials(envKey, envToken, envSecret, CredentialSource.Environment);

        string? apiKey = envKey, apiSecret = envSecret;
        if (options.CredentialsFile is { } path && File.Exists(path))
        {
            var file = ReadJson(path);
            apiKey ??= file.ApiKey;
            apiSecret ??= file.ApiSecret;
            if (file.ApiKey is not null && file.AccessToken is not null && (envKey is null || envKey == file.ApiKey))
                return new KiteCredentials(file.ApiKey, file.AccessToken, apiSecret, CredentialSource.CredentialsFile);
        }

        if (options.TokenFile is { } tokenPath && File.Exists(tokenPath))
        {
            var saved = ReadJson(tokenPath);
            bool fresh = saved.ExpiresAt is null || saved.ExpiresAt > (now ?? DateTimeOffset.UtcNow);
            if (saved.ApiKey is not null && saved.AccessToken is not null && fresh && (apiKey is null || apiKey == saved.ApiKey))
                return new KiteCredentials(saved.ApiKey, saved.AccessToken, apiSecret, CredentialSource.TokenFile);
        }

        return apiKey is null ? null : new KiteCredentials(apiKey, null, apiSecret, CredentialSource.None);
    }

    /// <summary>
    /// Saves an access token from our login flow, readable and writable by the owner only. The file is created with
    /// owner-only permissions before any secret is written to it.
    /// </summary>
    public static void SaveToken(string path, string apiKey, string accessToken, DateTimeOffset? expiresAt)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var tmp = path + ".tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(tmp, fileOptions))
        {
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(stream.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            JsonSerializer.Serialize(stream, new FileModel { ApiKey = apiKey, AccessToken = accessToken, ExpiresAt = expiresAt });
        }
        File.Move(tmp, path, overwrite: true);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>Kite access tokens expire at 06:00 IST on the day after login (kite-protocol.md §1.3).</summary>
    public static DateTimeOffset TokenExpiry(DateTimeOffset loginTime)
    {
        var ist = loginTime.ToOffset(Rest.KiteTime.IstOffset);
        var six = new DateTimeOffset(ist.Year, ist.Month, ist.Day, 6, 0, 0, Rest.KiteTime.IstOffset);
        return ist < six ? six : six.AddDays(1);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private const int MaxFileBytes = 64 * 1024;

    private static FileModel ReadJson(string path)
    {
        try
        {
            // A credentials file is a few hundred bytes; anything far larger is not one.
            if (new FileInfo(path).Length > MaxFileBytes)
                throw new InvalidDataException($"Credentials file '{path}' is larger than {MaxFileBytes / 1024} KB: not a credentials file.");
            using var stream = File.OpenRead(path);
            var model = JsonSerializer.Deserialize<FileModel>(stream) ?? new FileModel();
            model.ApiKey = Clean(model.ApiKey);
            model.ApiSecret = Clean(model.ApiSecret);
            model.AccessToken = Clean(model.AccessToken);
            return model;
        }
        catch (JsonException ex)
        {
            // Never echo the file content: it holds secrets.
            throw new InvalidDataException($"Credentials file '{path}' is not valid JSON (line {ex.LineNumber}).");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"Credentials file '{path}' cannot be read ({(ex is UnauthorizedAccessException ? "no permission" : "I/O error")}).");
        }
    }

    private sealed class FileModel
    {
        [JsonPropertyName("api_key")] public string? ApiKey { get; set; }
        [JsonPropertyName("api_secret")] public string? ApiSecret { get; set; }
        [JsonPropertyName("access_token")] public string? AccessToken { get; set; }
        [JsonPropertyName("expires_at")] public DateTimeOffset? ExpiresAt { get; set; }
    }
}
