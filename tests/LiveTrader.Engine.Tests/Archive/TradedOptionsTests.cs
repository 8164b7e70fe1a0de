using LiveTrader.Engine.Archive;
using LiveTrader.Engine.Data;

namespace LiveTrader.Engine.Tests.Archive;

/// <summary>A trade log is any file the trader points <c>history --traded</c> at: it is read within
/// bounds, and what is not a log is refused naming the file and the line.</summary>
public sealed class TradedOptionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"lt-traded-{Guid.NewGuid():N}")).FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string Header = "trade_id,mode,segment,option_symbol,entry_time";

    [Fact]
    public void Each_option_is_read_once_per_trade_day_across_the_logs()
    {
        File.WriteAllText(Path.Combine(_folder, "live_trades_2026-11-30.csv"),
            $"{Header}\nNIFTY-1,LIVE,NIFTY,NIFTY26D0126000CE,2026-11-30 09:20:00\nNIFTY-2,LIVE,NIFTY,NIFTY26D0126000CE,2026-11-30 11:05:00\n");
        File.WriteAllText(Path.Combine(_folder, "live_trades_2026-12-01.csv"),
            $"{Header}\nNIFTY-1,LIVE,NIFTY,NIFTY26D0126000CE,2026-12-01 09:25:00\n");

        var traded = TradedOptions.Read(_folder);

        Assert.Equal([new TradedOption("NIFTY26D0126000CE", Core.Market.Segment.NIFTY, new DateOnly(2026, 11, 30)),
                      new TradedOption("NIFTY26D0126000CE", Core.Market.Segment.NIFTY, new DateOnly(2026, 12, 1))], traded);
    }

    [Fact]
    public void A_binary_file_or_an_endless_line_is_refused_naming_the_file_before_it_is_held_in_memory()
    {
        var binary = Path.Combine(_folder, "live_trades_2026-11-30.csv");
        File.WriteAllBytes(binary, [.. "trade_id,mode"u8, 0, 1, 2, 3]);
        var refused = Assert.Throws<InputFileException>(() => TradedOptions.Read(binary));
        Assert.Contains(binary, refused.Message);
        Assert.Contains("binary", refused.Message);

        var endless = Path.Combine(_folder, "live_trades_2026-12-01.csv");
        File.WriteAllText(endless, Header + "\n" + new string('x', TextLimits.TradeLog.MaxLineLength + 10) + "\n");
        refused = Assert.Throws<InputFileException>(() => TradedOptions.Read(endless));
        Assert.Contains(endless, refused.Message);
        Assert.Equal(2, refused.Line);
        Assert.Contains("longer than", refused.Message);
    }
}
