using LiveTrader.Core.Settings;
using Microsoft.Extensions.Configuration;

namespace LiveTrader.App.Configuration;

/// <summary>Loads <see cref="LiveTraderSettings"/>: the embedded default
/// <c>config/livetrader.json</c>, then the user's <c>--config</c> file, then environment variables
/// (<c>LIVETRADER_</c> prefix, e.g. <c>LIVETRADER_LiveTrader__InitialCapital=200000</c>).</summary>
public static class SettingsLoader
{
    public const string EnvironmentPrefix = "LIVETRADER_";

    public static void AddLiveTraderConfiguration(IConfigurationBuilder builder, string? configFile)
    {
        builder.Sources.Clear();
        builder.AddJsonStream(DefaultJson());
        if (configFile is not null)
        {
            var full = Path.GetFullPath(configFile);
            if (!File.Exists(full)) throw new ConfigurationError($"{configFile}: configuration file not found");
            CheckShape(configFile, full);
            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
        }
        builder.AddEnvironmentVariables(EnvironmentPrefix);
    }

    /// <summary>The whole configuration with every field given is under 10 KB.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    // Refused on its size before it is read, and on its keys before the configuration builder makes a dictionary of them.
    private static void CheckShape(string configFile, string full)
    {
        if (new FileInfo(full).Length > MaxFileBytes)
            throw new ConfigurationError($"{configFile}: the file is larger than {MaxFileBytes / (1024 * 1024)} MB, the most a configuration file may hold");
        if (Engine.Data.JsonLimits.Problem(File.ReadAllBytes(full)) is { } problem)
            throw new ConfigurationError($"{configFile}: {problem}");
    }

    /// <summary>Loads and validates; throws <see cref="ConfigurationError"/> naming every bad field.
    /// A configuration builder and the binder, not a host: a sweep loads one per parameter set.</summary>
    /// <param name="overrides">Values laid over everything else by configuration path under the
    /// <c>LiveTrader</c> section (e.g. <c>Segments:NIFTY:StopLossPoints</c>), checked like the rest: a sweep's varied parameters.</param>
    public static LiveTraderSettings Load(string? configFile, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var builder = new ConfigurationBuilder();
        IConfigurationRoot configuration;
        try
        {
            AddLiveTraderConfiguration(builder, configFile);
            if (overrides is not null)
                builder.AddInMemoryCollection(overrides.Select(o => new KeyValuePair<string, string?>($"{LiveTraderSettings.SectionName}:{o.Key}", o.Value)));
            configuration = builder.Build();
        }
        catch (InvalidDataException e)
        {
            throw new ConfigurationError($"{configFile}: not valid JSON: {e.InnerException?.Message ?? e.Message}");
        }
        catch (FormatException e)
        {
            throw new ConfigurationError($"{configFile}: not valid JSON: {e.Message}");
        }
        // A misspelled top-level section would otherwise be ignored and the defaults used silently.
        var strays = configuration.GetChildren()
            .Where(c => !string.Equals(c.Key, LiveTraderSettings.SectionName, StringComparison.OrdinalIgnoreCase))
            .Select(c => $"{c.Path}: unknown section (settings belong under \"{LiveTraderSettings.SectionName}\")")
            .ToList();
        if (strays.Count > 0) throw new ConfigurationError(Describe(configFile, strays));
        var section = configuration.GetSection(LiveTraderSettings.SectionName);
        LiveTraderSettings settings;
        try
        {
            settings = section.Get<LiveTraderSettings>(o => o.ErrorOnUnknownConfiguration = true) ?? new LiveTraderSettings();
        }
        catch (InvalidOperationException e)
        {
            // The binder refuses a value of the wrong type (naming its path) or stops at the first
            // unknown key (naming the key but not where it is): list every unknown key by its path.
            var problems = UnknownKeys(section, typeof(LiveTraderSettings)).ToList();
            var binder = Innermost(e);
            if (problems.Count == 0 || !binder.Contains(nameof(BinderOptions.ErrorOnUnknownConfiguration))) problems.Add(binder);
            throw new ConfigurationError(Describe(configFile, problems));
        }
        var errors = SettingsValidator.Validate(settings);
        if (errors.Count > 0) throw new ConfigurationError(Describe(configFile, errors));
        return settings;
    }

    /// <summary>A copy of <paramref name="configured"/> with <paramref name="overrides"/> (configuration
    /// paths under the LiveTrader section, as in <see cref="Load"/>) bound over it by the same binder and
    /// checked by the same validator: a sweep's sets over the settings already loaded, or the page's.</summary>
    /// <param name="origin">Names where the values came from in a refusal.</param>
    public static LiveTraderSettings Overlay(LiveTraderSettings configured, IEnumerable<KeyValuePair<string, string?>> overrides, string origin)
    {
        var settings = Copy(configured);
        var section = new ConfigurationBuilder()
            .AddInMemoryCollection(overrides.Select(o => new KeyValuePair<string, string?>($"{LiveTraderSettings.SectionName}:{o.Key}", o.Value)))
            .Build().GetSection(LiveTraderSettings.SectionName);
        try
        {
            section.Bind(settings, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException e)
        {
            var problems = UnknownKeys(section, typeof(LiveTraderSettings)).ToList();
            var binder = Innermost(e);
            if (problems.Count == 0 || !binder.Contains(nameof(BinderOptions.ErrorOnUnknownConfiguration))) problems.Add(binder);
            throw new ConfigurationError(Describe(origin, problems));
        }
        var errors = SettingsValidator.Validate(settings);
        if (errors.Count > 0) throw new ConfigurationError(Describe(origin, errors));
        return settings;
    }

    /// <summary>A deep copy, so one run's values never leak into the configured defaults.</summary>
    public static LiveTraderSettings Copy(LiveTraderSettings s)
    {
        var copy = System.Text.Json.JsonSerializer.Deserialize<LiveTraderSettings>(System.Text.Json.JsonSerializer.Serialize(s))!;
        copy.Segments = new Dictionary<string, SegmentSettings>(copy.Segments, StringComparer.OrdinalIgnoreCase);
        return copy;
    }

    private static IEnumerable<string> UnknownKeys(IConfigurationSection section, Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var generic = type.IsGenericType ? type.GetGenericTypeDefinition() : null;
        var element = generic == typeof(Dictionary<,>) ? type.GetGenericArguments()[1]
            : generic == typeof(List<>) ? type.GetGenericArguments()[0]
            : null;
        foreach (var child in section.GetChildren())
        {
            var childType = element ?? type.GetProperty(child.Key,
                System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase)?.PropertyType;
            if (childType is null) yield return $"{child.Path}: unknown setting (misspelled?)";
            else foreach (var unknown in UnknownKeys(child, childType)) yield return unknown;
        }
    }

    private static string Describe(string? configFile, IEnumerable<string> failures)
    {
        var source = configFile ?? "the default configuration";
        var lines = failures.ToList();
        return $"Bad configuration in {source} ({lines.Count} problem{(lines.Count == 1 ? "" : "s")}):\n  - " + string.Join("\n  - ", lines);
    }

    /// <summary>The binder wraps its precise complaint (which key, which type) in a generic one.</summary>
    private static string Innermost(Exception e)
    {
        var message = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is InvalidOperationException) message = inner.Message;
        }
        return message;
    }

    private static Stream DefaultJson() =>
        typeof(SettingsLoader).Assembly.GetManifestResourceStream("livetrader.json")
        ?? throw new InvalidOperationException("The embedded default configuration is missing from the build.");
}
