using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Trading;

namespace LiveTrader.Engine.Performance;

/// <summary>Paper days' backtests cached by day and parameter hash, in memory and in the session
/// folder (<c>cache/backtest_&lt;day&gt;_&lt;hash&gt;.json</c>), so a report over a month runs each
/// day's backtest once and a later report with the same parameters runs none. The hash covers the
/// parameters and the size of each recording, so a day still being recorded, or other parameters,
/// is run again.</summary>
public sealed class BacktestCache(string folder)
{
    private static readonly JsonSerializerOptions Json = new();
    private readonly ConcurrentDictionary<string, PaperDayBacktest> _memory = new();

    /// <summary>How many backtests this cache has actually run (not found in memory or on disk).</summary>
    public int Runs => _runs;
    private int _runs;

    public string Folder => Path.Combine(folder, "cache");

    public PaperDayBacktest For(DateOnly day, LiveTraderSettings settings)
    {
        var key = Key(day, settings);
        return _memory.GetOrAdd(key, k =>
        {
            var file = Path.Combine(Folder, $"backtest_{day:yyyy-MM-dd}_{k[..16]}.json");
            if (File.Exists(file))
            {
                try
                {
                    if (JsonSerializer.Deserialize<PaperDayBacktest>(File.ReadAllText(file), Json) is { } cached) return cached;
                }
                catch (JsonException)
                {
                    // A cache file from another version is only a cache: run the backtest again.
                }
            }
            Interlocked.Increment(ref _runs);
            var run = PaperDayBacktest.Run(day, folder, settings);
            // Only what the explanations read: the backtest's skipped and taken signals.
            var kept = run with { Events = run.Events.Where(e => e.Type is AgentEventType.EntrySkipped or AgentEventType.Signal).ToList() };
            Directory.CreateDirectory(Folder);
            Data.AtomicFile.WriteText(file, w => w.Write(JsonSerializer.Serialize(kept, Json)));
            return kept;
        });
    }

    /// <summary>The day, the parameters and each recording's size, hashed.</summary>
    public string Key(DateOnly day, LiveTraderSettings settings)
    {
        var text = new StringBuilder(JsonSerializer.Serialize(settings, Json)).Append('|').Append(day.ToString("yyyy-MM-dd"));
        foreach (var segment in Segments.All)
        {
            var file = new FileInfo(PaperDayBacktest.RecordingOf(folder, segment, day));
            if (file.Exists) text.Append('|').Append(segment).Append(':').Append(file.Length);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
