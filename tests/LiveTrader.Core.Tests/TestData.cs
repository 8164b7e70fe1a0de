using System.Globalization;
using System.IO.Compression;
using LiveTrader.Core.Market;

namespace LiveTrader.Core.Tests;

/// <summary>The strategy fixtures and readers of the shared market data.</summary>
public static class TestData
{
    public static string RepoRoot => LiveTrader.Tests.Repository.Root;

    public static string SharedData => LiveTrader.Tests.Repository.SharedData;

    public static string Fixtures => Path.Combine(RepoRoot, "tests", "LiveTrader.Core.Tests", "Fixtures");

    /// <summary>Lines of a text file, transparently gunzipped when the name ends in .gz.</summary>
    public static IEnumerable<string> ReadLines(string path)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal)
            ? new GZipStream(file, CompressionMode.Decompress)
            : file;
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0) yield return line;
        }
    }

    /// <summary>Parses a <c>date,open,high,low,close,volume</c> file (the shared data format).</summary>
    public static List<Candle> ReadCandles(string path)
    {
        var candles = new List<Candle>();
        var first = true;
        foreach (var line in ReadLines(path))
        {
            if (first)
            {
                Assert.StartsWith("date,open,high,low,close,volume", line);
                first = false;
                continue;
            }
            var f = line.Split(',');
            candles.Add(ParseCandle(f));
        }
        return candles;
    }

    public static Candle ParseCandle(string[] f) => new(
        DateTimeOffset.Parse(f[0], CultureInfo.InvariantCulture, DateTimeStyles.None),
        decimal.Parse(f[1], CultureInfo.InvariantCulture),
        decimal.Parse(f[2], CultureInfo.InvariantCulture),
        decimal.Parse(f[3], CultureInfo.InvariantCulture),
        decimal.Parse(f[4], CultureInfo.InvariantCulture),
        long.Parse(f[5], CultureInfo.InvariantCulture));

    /// <summary>A candle in IST from wall-clock text, for hand-written tests.</summary>
    public static Candle C(string istTime, decimal open, decimal high, decimal low, decimal close, long volume = 0) =>
        new(DateTimeOffset.ParseExact(istTime + "+05:30", "yyyy-MM-dd HH:mmzzz", CultureInfo.InvariantCulture),
            open, high, low, close, volume);

    public static string SharedDataFolder => SharedData;

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
