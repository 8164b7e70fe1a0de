namespace LiveTrader.App.Configuration;

/// <summary>Configuration that cannot be used; the message lists every bad field.</summary>
public sealed class ConfigurationError(string message) : Exception(message);
