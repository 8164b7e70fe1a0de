using System.Globalization;

namespace LiveTrader.Core.Tests;

/// <summary>Finds the shared real-market data next to the repository (../shared/data from the folder
/// holding LiveTrader.sln), wherever the test binaries run from.</summary>
internal static class TestData
{
    public static string SharedDataFolder => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LiveTrader.sln")))
                dir = dir.Parent;
            if (dir is null) throw new InvalidOperationException("LiveTrader.sln not found above " + AppContext.BaseDirectory);
            return dir.FullName;
        }
    }

    /// <summary>One row of kite-2025-12-23/NIFTY_option_premiums_2025-12.csv.</summary>
    public sealed record PremiumObservation(
        DateTimeOffset Time, string TradingSymbol, string Underlying, DateOnly? Expiry, decimal Strike,
        string OptionType, decimal Premium, string ObservationType, decimal? IndexSpot);

    public static IReadOnlyList<PremiumObservation> OptionPremiums()
    {
        var path = Path.Combine(SharedDataFolder, "kite-2025-12-23", "NIFTY_option_premiums_2025-12.csv");
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException("no column " + name);
        int ts = Col("timestamp_ist"), sym = Col("tradingsymbol"), und = Col("underlying"), exp = Col("expiry"),
            strike = Col("strike"), type = Col("option_type"), prem = Col("premium"), obs = Col("observation_type"), spot = Col("index_spot");
        var inv = CultureInfo.InvariantCulture;
        var rows = new List<PremiumObservation>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            // The note column may hold quoted commas, but every column we read comes before it.
            var f = line.Split(',');
            rows.Add(new PremiumObservation(
                DateTimeOffset.Parse(f[ts], inv), f[sym], f[und],
                f[exp].Length == 0 ? null : DateOnly.ParseExact(f[exp], "yyyy-MM-dd", inv),
                decimal.Parse(f[strike], inv), f[type], decimal.Parse(f[prem], inv), f[obs],
                f[spot].Length == 0 ? null : decimal.Parse(f[spot], inv)));
        }
        return rows;
    }
}
