using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Data;

namespace LiveTrader.Engine.Runs;

/// <summary>One input file a run read (a candle file, or a session's recording): where it was, and
/// what it held (its size and SHA-256), so a re-run can tell the same file from one changed since.</summary>
public sealed record InputFileFact(string Segment, string Path, long Bytes, string Sha256)
{
    public static InputFileFact Of(string segment, string path)
    {
        using var stream = File.OpenRead(path);
        return new InputFileFact(segment, System.IO.Path.GetFullPath(path), stream.Length, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }
}

/// <summary><c>parameters.json</c>: everything that decides a run's trades (the effective settings:
/// strategy, segments, risk, charges; the source, the days, the seed, the candle files by content) and
/// its hash, so any result can be run again exactly (<c>backtest --parameters FILE</c>). Where a run
/// lives (data and output folders) and how it logs in (Kite, the web token) decide nothing and are
/// left out, which also keeps secrets out of the file.</summary>
public sealed record RunParameters
{
    public const string FileName = "parameters.json";
    public const string BacktestKind = "backtest";

    /// <summary>backtest, paper or live.</summary>
    public required string Kind { get; init; }

    /// <summary>files, sim, kite (a backtest's candles) or the live feed a session ran on.</summary>
    public required string Source { get; init; }

    public required IReadOnlyList<string> Segments { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }

    /// <summary>The simulator's seed, when the simulator made the candles.</summary>
    public ulong? Seed { get; init; }

    public IReadOnlyList<InputFileFact> Candles { get; init; } = [];
    public IReadOnlyList<InputFileFact> StopCandles { get; init; } = [];

    /// <summary>The paper sessions' recordings a <c>backtest --ticks</c> replayed.</summary>
    public IReadOnlyList<InputFileFact> Recordings { get; init; } = [];

    /// <summary>The settings as the configuration file spells them (section LiveTrader).</summary>
    public required JsonObject Settings { get; init; }

    private static readonly string[] NotParameters = [nameof(LiveTraderSettings.Kite), nameof(LiveTraderSettings.Web), nameof(LiveTraderSettings.DataFolder), nameof(LiveTraderSettings.OutputFolder)];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The effective settings as JSON, without the where and the how-to-log-in.</summary>
    public static JsonObject SettingsJson(LiveTraderSettings settings)
    {
        var node = JsonSerializer.SerializeToNode(settings)!.AsObject();
        foreach (var name in NotParameters) node.Remove(name);
        return node;
    }

    /// <summary>SHA-256 of the canonical JSON (keys sorted, no spaces) of everything but the files' paths:
    /// the same settings on the same candles hash the same wherever the files sit.</summary>
    public string Hash
    {
        get
        {
            var doc = Document(withPaths: false);
            doc.Remove("hash");
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(doc)!.ToJsonString())));
        }
    }

    /// <summary>The hash of a settings object alone (a sweep row's full settings).</summary>
    public static string SettingsHash(JsonObject settings) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(settings)!.ToJsonString())));

    public string ToJson() => Document(withPaths: true).ToJsonString(Indented);

    /// <summary>Writes <c>parameters.json</c> into the folder whole (staged, then moved); returns its path.</summary>
    public string Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, FileName);
        AtomicFile.WriteText(path, w => w.Write(ToJson()));
        return path;
    }

    private JsonObject Document(bool withPaths)
    {
        JsonArray Files(IEnumerable<InputFileFact> files) => new(files.Select(f =>
        {
            var o = new JsonObject { ["segment"] = f.Segment, ["bytes"] = f.Bytes, ["sha256"] = f.Sha256 };
            if (withPaths) o["path"] = f.Path;
            return (JsonNode)o;
        }).ToArray());
        var document = new JsonObject
        {
            ["hash"] = withPaths ? Hash : null,
            ["kind"] = Kind,
            ["source"] = Source,
            ["segments"] = new JsonArray(Segments.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()),
            ["from"] = From,
            ["to"] = To,
            ["seed"] = Seed,
            ["candles"] = Files(Candles),
            ["stopCandles"] = Files(StopCandles),
            ["settings"] = Settings.DeepClone(),
        };
        // Only a replay has recordings: a file written before they were recorded keeps its hash.
        if (Recordings.Count > 0) document["recordings"] = Files(Recordings);
        return document;
    }

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Canonical).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    /// <summary>Reads a <c>parameters.json</c>; refusals name the file and what is wrong in it.</summary>
    public static RunParameters Read(string path)
    {
        if (!File.Exists(path)) throw new InputFileException(path, null, null, "no such parameters file");
        JsonObject doc;
        try
        {
            doc = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InputFileException(path, null, null, "not a JSON object");
        }
        catch (JsonException e)
        {
            throw new InputFileException(path, (int?)(e.LineNumber + 1), null, $"not valid JSON: {e.Message}");
        }
        string Text(string key) => doc[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s
            : throw new InputFileException(path, null, key, $"'{key}' is missing or not text");
        string? Optional(string key) => doc[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        IReadOnlyList<InputFileFact> FilesOf(string key)
        {
            if (doc[key] is null) return [];
            if (doc[key] is not JsonArray a) throw new InputFileException(path, null, key, $"'{key}' is not a list of files");
            return a.Select((n, i) => n is JsonObject f && f["segment"]?.GetValue<string>() is { } s && f["path"]?.GetValue<string>() is { } p
                    && f["bytes"]?.GetValue<long>() is long b && f["sha256"]?.GetValue<string>() is { } h
                ? new InputFileFact(s, p, b, h)
                : throw new InputFileException(path, null, $"{key}[{i}]", "a file needs segment, path, bytes and sha256")).ToList();
        }
        var recorded = new RunParameters
        {
            Kind = Text("kind"),
            Source = Text("source"),
            Segments = doc["segments"] is JsonArray segs ? segs.Select(s => s?.GetValue<string>() ?? "").ToList()
                : throw new InputFileException(path, null, "segments", "'segments' is missing or not a list"),
            From = Optional("from"),
            To = Optional("to"),
            Seed = doc["seed"] is JsonValue seed && seed.TryGetValue<ulong>(out var n) ? n : null,
            Candles = FilesOf("candles"),
            StopCandles = FilesOf("stopCandles"),
            Recordings = FilesOf("recordings"),
            Settings = doc["settings"] as JsonObject ?? throw new InputFileException(path, null, "settings", "'settings' is missing or not an object"),
        };
        if (Optional("hash") is { } hash && hash != recorded.Hash)
            throw new InputFileException(path, null, "hash", $"the file was edited after the run: its contents hash to {recorded.Hash}, not the {hash} it records");
        return recorded;
    }

    /// <summary>The recorded settings, checked by the same validator as a configuration file; an
    /// unknown or misspelled setting is refused, not ignored.</summary>
    public LiveTraderSettings ToSettings(string file)
    {
        LiveTraderSettings settings;
        try
        {
            settings = Settings.Deserialize<LiveTraderSettings>(new JsonSerializerOptions { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow })
                ?? throw new InputFileException(file, null, "settings", "'settings' is empty");
        }
        catch (JsonException e)
        {
            throw new InputFileException(file, null, "settings" + (e.Path is { Length: > 1 } p ? p.TrimStart('$') : ""), e.Message);
        }
        settings.Segments = new Dictionary<string, SegmentSettings>(settings.Segments, StringComparer.OrdinalIgnoreCase);
        var errors = SettingsValidator.Validate(settings);
        if (errors.Count > 0) throw new InputFileException(file, null, "settings", string.Join("; ", errors));
        return settings;
    }

    /// <summary>Each recorded file is where it was and holds what it held; else why not.</summary>
    public void CheckFiles(string file)
    {
        foreach (var (key, f) in Candles.Select(f => ("candles", f)).Concat(StopCandles.Select(f => ("stopCandles", f))).Concat(Recordings.Select(f => ("recordings", f))))
        {
            if (!File.Exists(f.Path)) throw new InputFileException(file, null, key, $"{f.Path} ({f.Segment}) is not there any more");
            var now = InputFileFact.Of(f.Segment, f.Path);
            if (now.Bytes != f.Bytes || now.Sha256 != f.Sha256)
                throw new InputFileException(file, null, key, $"{f.Path} changed since the run ({now.Bytes} bytes, SHA-256 {now.Sha256[..16]}…; the run read {f.Bytes} bytes, {f.Sha256[..16]}…): the same trades cannot be promised");
        }
    }
}
