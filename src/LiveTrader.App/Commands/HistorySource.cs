using System.Text.Json;
using LiveTrader.Engine.Data;

namespace LiveTrader.App.Commands;

/// <summary>Where a data folder's archive came from, kept beside it as <c>history_source.json</c>:
/// the simulator generates its history backwards from its day, so a resumed run must ask the same
/// simulator (seed and day) or Kite again, or the archive's candles would not join up.</summary>
public sealed record HistorySource(string Name, ulong? Seed, DateOnly? SimDay)
{
    public const string FileName = "history_source.json";

    public string Describe() => Name == "sim" ? $"the simulator (seed {Seed}, day {SimDay:yyyy-MM-dd})" : "Kite";

    public static HistorySource? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<HistorySource>(File.ReadAllText(path))
                ?? throw new InputFileException(path, null, null, "is empty");
        }
        catch (JsonException e)
        {
            throw new InputFileException(path, (int?)e.LineNumber + 1, e.Path, "is not the archive's source record: " + e.Message);
        }
    }

    public void Write(string folder) =>
        AtomicFile.WriteText(Path.Combine(folder, FileName), w => w.Write(JsonSerializer.Serialize(this)));
}
