using System.Globalization;
using System.IO.Compression;
using LiveTrader.App.Commands;

namespace LiveTrader.App.Tests;

/// <summary>The <c>signals</c> command over the whole real files agrees, candle by candle, with the
/// fixtures the independent Node.js reference (tests/indicator-reference) produced.</summary>
public sealed class SignalsCommandFixtureTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), $"lt-signals-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_out)) Directory.Delete(_out, recursive: true);
    }

    [Theory]
    [InlineData("NIFTY_5minute_2024-07-25_2025-07-25.csv", "NIFTY_5minute_2024-07-25_2025-07-25.csv.gz", 18676)]
    [InlineData("NIFTY_minute_2024-01-01_2024-08-23.csv", "NIFTY_5minute_from_minute_2024-01-01_2024-08-23.csv.gz", 11592)]
    [InlineData("BANKNIFTY_minute_2024-01-01_2024-08-23.csv", "BANKNIFTY_5minute_from_minute_2024-01-01_2024-08-23.csv.gz", 11592)]
    public void Signals_over_a_whole_real_file_match_the_independent_reference(string input, string fixture, int candles)
    {
        var outFile = Path.Combine(_out, "signals.csv");
        var exit = SignalsCommand.Run(Path.Combine(RepoPaths.SharedData, input), "5minute", null, outFile);

        Assert.Equal(0, exit);
        var ours = File.ReadAllLines(outFile);
        var expected = ReadGzipLines(Path.Combine(RepoPaths.Fixtures, fixture));
        Assert.Equal("date,open,high,low,close,volume,rsi,price_strength,volume_strength,signal", ours[0]);
        Assert.Equal(candles + 1, ours.Length);
        Assert.Equal(expected.Count, ours.Length);
        var signals = 0;
        for (var i = 1; i < ours.Length; i++)
        {
            var a = ours[i].Split(',');
            var e = expected[i].Split(',');
            Assert.Equal(e[0], a[0]);
            for (var col = 1; col <= 4; col++)
                Assert.Equal(decimal.Parse(e[col], CultureInfo.InvariantCulture), decimal.Parse(a[col], CultureInfo.InvariantCulture));
            for (var col = 6; col <= 8; col++)
            {
                if (e[col].Length == 0)
                {
                    Assert.True(a[col].Length == 0, $"line {i + 1} column {col}: expected empty during warm-up, got {a[col]}");
                    continue;
                }
                Assert.True(a[col].Split('.')[1].Length >= 6, $"line {i + 1}: fewer than 6 decimals in {a[col]}");
                var diff = Math.Abs(double.Parse(e[col], CultureInfo.InvariantCulture) - double.Parse(a[col], CultureInfo.InvariantCulture));
                Assert.True(diff <= 1e-6, $"line {i + 1} column {col}: {a[col]} vs reference {e[col]}");
            }
            Assert.Equal(e[9], a[9]);
            if (a[9] != "HOLD") signals++;
        }
        Assert.True(signals > 1000, $"only {signals} signals in a whole file");
    }

    private static List<string> ReadGzipLines(string path)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0) lines.Add(line);
        }
        return lines;
    }
}
