using LiveTrader.Core.Market;
using LiveTrader.Core.Signals;
using LiveTrader.Engine.Data;
using LiveTrader.Engine.Reports;

namespace LiveTrader.Engine.Tests;

/// <summary>The signals CSV as written through <see cref="AtomicFile"/>: exact header, one line per
/// reading, the writer's own line ending, empty warm-up cells.</summary>
public sealed class SignalsCsvWriterTests
{
    private static readonly TimeSpan IstOffset = TimeSpan.FromMinutes(330);

    [Fact]
    public void Lines_end_with_the_newline_AtomicFile_asks_for()
    {
        var start = new DateTimeOffset(2024, 7, 26, 9, 15, 0, IstOffset);
        var readings = new[]
        {
            new SignalReading(new Candle(start, 100m, 101m, 99m, 100.5m, 7), null, null, null, Cross.None, Signal.Hold),
            new SignalReading(new Candle(start.AddMinutes(5), 100.5m, 102m, 100m, 101.25m, 8), 61.5, 55.125, 54.0, Cross.Up, Signal.BuyCe),
        };
        var path = Path.Combine(Path.GetTempPath(), $"lt-signals-{Guid.NewGuid():N}.csv");
        try
        {
            AtomicFile.WriteText(path, w => SignalsCsvWriter.Write(w, readings, ["2024-07-26T09:15:00+05:30", "2024-07-26T09:20:00+05:30"]));
            Assert.Equal(
                "date,open,high,low,close,volume,rsi,price_strength,volume_strength,signal\n" +
                "2024-07-26T09:15:00+05:30,100,101,99,100.5,7,,,,HOLD\n" +
                "2024-07-26T09:20:00+05:30,100.5,102,100,101.25,8,61.50000000,55.12500000,54.00000000,BUY_CE\n",
                File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_writer_that_throws_leaves_no_file_and_no_temp_file()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"lt-atomic-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var target = Path.Combine(folder, "out.csv");
            File.WriteAllText(target, "before");
            Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteText(target, w =>
            {
                w.Write("half a file");
                throw new InvalidOperationException("boom");
            }));
            Assert.Equal("before", File.ReadAllText(target));
            Assert.Equal(["out.csv"], Directory.EnumerateFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
