namespace LiveTrader.Kite.Auth;

/// <summary>Masks secrets for display: never more than the last two characters are shown.</summary>
public static class Redact
{
    public static string Secret(string? value) => string.IsNullOrEmpty(value)
        ? "(none)"
        : value.Length <= 8 ? "****" : "****" + value[^2..];
}
