namespace LiveTrader.Engine.Data;

/// <summary>How much of a text input file is read before it is refused: a file dropped in the data
/// folder may be anything (a disk image, a log of gigabytes), and the limits are checked while
/// reading, so a refusal costs a buffer, not the file's size in memory.</summary>
/// <param name="MaxBytes">The largest file accepted, checked on its size before it is opened.</param>
/// <param name="MaxLineLength">The longest line, in characters.</param>
public sealed record TextLimits(long MaxBytes, int MaxLineLength)
{
    /// <summary>Candle CSVs: 100 MB holds about 17 years of 1-minute candles of one index, and a
    /// candle line with Kite's extra <c>oi</c> column is under 100 characters.</summary>
    public static readonly TextLimits CandleFile = new(100L * 1024 * 1024, 1024);

    /// <summary>The size in the words a refusal uses.</summary>
    public string MaxSize => MaxBytes >= 1024 * 1024 ? $"{MaxBytes / (1024 * 1024)} MB" : $"{MaxBytes} bytes";
}
