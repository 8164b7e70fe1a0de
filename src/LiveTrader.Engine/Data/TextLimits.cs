namespace LiveTrader.Engine.Data;

/// <summary>How much of a text input file is read before it is refused: a file dropped in the data
/// folder may be anything (a disk image, a log of gigabytes), and the limits are checked while
/// reading, so a refusal costs a buffer, not the file's size in memory.</summary>
/// <param name="MaxBytes">The largest file accepted, checked on its size before it is opened.</param>
/// <param name="MaxLineLength">The longest line, in characters.</param>
/// <param name="Kind">What the file is, in a refusal's words.</param>
/// <param name="Binary">What a NUL says the file is instead.</param>
public sealed record TextLimits(long MaxBytes, int MaxLineLength, string Kind = "a candle file", string Binary = "a binary file, not a text CSV")
{
    /// <summary>Candle CSVs: 100 MB holds about 17 years of 1-minute candles of one index, and a
    /// candle line with Kite's extra <c>oi</c> column is under 100 characters.</summary>
    public static readonly TextLimits CandleFile = new(100L * 1024 * 1024, 1024);

    /// <summary>A session's recording (JSON lines): a day of every tick of three instruments is tens
    /// of MB, and its longest line (an input with its contract) a few hundred characters.</summary>
    public static readonly TextLimits Recording = new(1024L * 1024 * 1024, 64 * 1024, "a recording", "a binary file, not a JSON-lines recording");

    /// <summary>A session's trade log (<c>live_trades_DATE.csv</c>): a day is tens of rows, each a few
    /// hundred characters.</summary>
    public static readonly TextLimits TradeLog = new(100L * 1024 * 1024, 8 * 1024, "a trade log");

    /// <summary>The size in the words a refusal uses.</summary>
    public string MaxSize => MaxBytes >= 1024 * 1024 ? $"{MaxBytes / (1024 * 1024)} MB" : $"{MaxBytes} bytes";
}
