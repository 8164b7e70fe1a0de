using System.Globalization;
using System.Text;

namespace LiveTrader.App.Tests.Hostile;

/// <summary>Small candle files and a snapshot of a folder, for the hostile-input tests.</summary>
public static class HostileFiles
{
    public const string Header = "date,open,high,low,close,volume";

    /// <summary>A wavy day of 5-minute candles from 09:15 on <paramref name="day"/>.</summary>
    public static string Candles(string day = "2024-07-26", int count = 60, decimal level = 24000m)
    {
        var text = new StringBuilder(Header).Append('\n');
        var previous = level;
        for (var i = 0; i < count; i++)
        {
            var m = 9 * 60 + 15 + i * 5;
            var close = Math.Round(level + (decimal)(60 * Math.Sin(i / 3.0)) + (i % 4) * 3m, 2);
            var open = previous;
            text.Append(CultureInfo.InvariantCulture,
                $"{day}T{m / 60:00}:{m % 60:00}:00+05:30,{open},{Math.Max(open, close) + 2.5m},{Math.Min(open, close) - 1.25m},{close},{1000 + i}\n");
            previous = close;
        }
        return text.ToString();
    }

    /// <summary>Every file under a folder with its bytes, to prove a refused run changed nothing.</summary>
    public static Dictionary<string, byte[]> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes);

    public static void AssertUnchanged(Dictionary<string, byte[]> before, string folder)
    {
        var after = Snapshot(folder);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (name, bytes) in before) Assert.True(bytes.AsSpan().SequenceEqual(after[name]), $"{name} changed");
    }

    /// <summary>Exactly one line on stderr, starting <c>error: </c>, with no stack trace.</summary>
    public static string OneErrorLine(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", stderr);
        return lines.Single(l => l.StartsWith("error: ", StringComparison.Ordinal));
    }
}
