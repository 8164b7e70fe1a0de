using System.Security.Cryptography;
using System.Text;

namespace LiveTrader.App.Commands;

/// <summary>One varied configuration path and the values it takes, from <c>--vary NAME=V1,V2,...</c>.</summary>
public sealed record SweepAxis(string Name, IReadOnlyList<string> Values)
{
    public static SweepAxis Parse(string text)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1) throw new UsageError($"--vary: '{text}' is not NAME=V1,V2,...");
        var name = text[..eq].Trim();
        var values = text[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (values.Length == 0) throw new UsageError($"--vary: '{text}' names no values");
        return new SweepAxis(name, values);
    }

    /// <summary>The configuration key under the LiveTrader section: dots become colons.</summary>
    public string ConfigKey => Name.Replace('.', ':');
}

/// <summary>One point of the grid: a value per axis, in the axes' order, and its hash.</summary>
public sealed record SweepPoint(IReadOnlyList<string> Values, string Hash);

/// <summary>The full cartesian grid of the axes, in a stable order (the last axis varies fastest).</summary>
public static class SweepGrid
{
    public static IReadOnlyList<SweepPoint> Expand(IReadOnlyList<SweepAxis> axes)
    {
        IEnumerable<IReadOnlyList<string>> rows = [[]];
        foreach (var axis in axes)
            rows = rows.SelectMany(r => axis.Values.Select(v => (IReadOnlyList<string>)[.. r, v]));
        return rows.Select(r => new SweepPoint(r, Hash(axes, r))).ToList();
    }

    /// <summary>A seeded random sample of <paramref name="count"/> points, kept in grid order: each point
    /// is ranked by the hash of the seed and its own hash, so the same seed picks the same sets on
    /// every machine and every shard.</summary>
    public static IReadOnlyList<SweepPoint> Sample(IReadOnlyList<SweepPoint> points, int count, ulong seed)
    {
        if (count <= 0) throw new UsageError($"--sample: {count} must be at least 1");
        if (count >= points.Count) return points;
        var chosen = points.Select((p, i) => (Rank: Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}:{p.Hash}"))), Index: i))
            .OrderBy(r => r.Rank, StringComparer.Ordinal).Take(count).Select(r => r.Index).Order();
        return chosen.Select(i => points[i]).ToList();
    }

    /// <summary>SHA-256 of the parameters as NAME=VALUE lines sorted by name, its first 16 hex digits.</summary>
    public static string Hash(IReadOnlyList<SweepAxis> axes, IReadOnlyList<string> values)
    {
        var text = string.Join("\n", axes.Select((a, i) => $"{a.Name}={values[i]}").OrderBy(s => s, StringComparer.Ordinal));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();
    }
}
