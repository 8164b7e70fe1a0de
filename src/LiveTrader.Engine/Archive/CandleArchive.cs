using System.Globalization;
using System.Text;
using LiveTrader.Core.Market;
using LiveTrader.Engine.Data;
using LiveTrader.Kite.Historical;

namespace LiveTrader.Engine.Archive;

/// <summary>One archive file of one interval in the data folder, in the format the Backtest page and
/// <c>backtest</c> read: an index's <c>NIFTY_minute.csv</c>, or beside it the near-month future's
/// <c>futures/NIFTY_FUT_minute.csv</c> and a traded option's <c>options/&lt;TRADINGSYMBOL&gt;_minute.csv</c>,
/// which carry Kite's open interest as a last <c>oi</c> column (the candle reader ignores extra columns;
/// the Backtest page lists neither folder, as neither holds an index's candles). It only ever grows at
/// its end, and every growth is staged beside it and moved over it whole, so a killed run leaves the
/// file as it was before the step or after it, never half a step.</summary>
public sealed class CandleArchive
{
    public const string Header = "date,open,high,low,close,volume";
    public const string OpenInterestHeader = Header + ",oi";

    /// <summary>Folders of the data folder that hold derivatives' candles, not an index's.</summary>
    public const string FuturesFolder = "futures", OptionsFolder = "options";

    public CandleArchive(string folder, Segment segment, KiteInterval interval)
        : this(System.IO.Path.Combine(System.IO.Path.GetFullPath(folder), FileName(segment, interval)), segment.ToString(), interval, openInterest: false)
    {
    }

    private CandleArchive(string path, string name, KiteInterval interval, bool openInterest)
    {
        Name = name;
        Interval = interval;
        Path = path;
        OpenInterest = openInterest;
    }

    /// <summary>The segment's near-month future, one contract a day (the one nearest expiry), with open interest.</summary>
    public static CandleArchive NearMonthFuture(string folder, Segment segment, KiteInterval interval) =>
        new(System.IO.Path.Combine(System.IO.Path.GetFullPath(folder), FuturesFolder, $"{segment}_FUT_{HistoricalCandles.WireName(interval)}.csv"),
            $"{segment} FUT", interval, openInterest: true);

    /// <summary>One option contract by its Kite tradingsymbol, with open interest.</summary>
    public static CandleArchive Option(string folder, string tradingsymbol, KiteInterval interval) =>
        new(System.IO.Path.Combine(System.IO.Path.GetFullPath(folder), OptionsFolder, $"{tradingsymbol}_{HistoricalCandles.WireName(interval)}.csv"),
            tradingsymbol, interval, openInterest: true);

    /// <summary>What the archive holds, as the trader names it: NIFTY, NIFTY FUT, NIFTY26D0824000CE.</summary>
    public string Name { get; }
    public KiteInterval Interval { get; }
    public string Path { get; }
    /// <summary>Rows end with the contract's open interest (asked of Kite with <c>oi=1</c>).</summary>
    public bool OpenInterest { get; }

    public static string FileName(Segment segment, KiteInterval interval) => $"{segment}_{HistoricalCandles.WireName(interval)}.csv";

    /// <summary>A name relative to the data folder lies in the futures or options folder.</summary>
    public static bool IsDerivative(string relativeName)
    {
        var first = relativeName.Split('/', '\\')[0];
        return first.Equals(FuturesFolder, StringComparison.OrdinalIgnoreCase) || first.Equals(OptionsFolder, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The start of the newest candle in the file, or null when there is no file yet. The
    /// whole file is read through the candle reader first, so a damaged archive is refused with its
    /// line rather than extended.</summary>
    public DateTimeOffset? LastCandle()
    {
        if (!File.Exists(Path)) return null;
        var series = CandleCsvReader.Read(Path);
        // The reader drops candles outside market hours (Kite serves special sessions' late rows); the
        // file's own last row is where the archive ends.
        var last = File.ReadLines(Path).Skip(1).LastOrDefault(l => l.Length > 0);
        if (last is null) return series.Candles[^1].Start;
        var text = last[..last.IndexOf(',')];
        return Ist.From(DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
    }

    /// <summary>Appends candles strictly after <paramref name="after"/> (the archive's last candle),
    /// each checked first; a candle that is out of order or not a candle stops the step with nothing written.</summary>
    public int Append(IReadOnlyList<KiteCandle> candles, DateTimeOffset? after)
    {
        var rows = new StringBuilder();
        var previous = after;
        var count = 0;
        foreach (var c in candles)
        {
            Check(c, previous);
            previous = c.Time;
            rows.Append(Row(c)).Append('\n');
            count++;
        }
        // Nothing to add leaves no file either: a header alone is not a candle file the next run could read.
        if (count == 0) return 0;

        var folder = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(folder);
        var temp = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            if (File.Exists(Path)) File.Copy(Path, temp);
            using (var stream = new FileStream(temp, FileMode.Append, FileAccess.Write))
            {
                var bytes = new UTF8Encoding(false).GetBytes((stream.Length == 0 ? (OpenInterest ? OpenInterestHeader : Header) + "\n" : "") + rows);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, Path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return count;
    }

    /// <summary>Removes what a killed run staged and never moved into place.</summary>
    public void RemoveStaleStaging()
    {
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        if (!Directory.Exists(folder)) return;
        foreach (var stale in Directory.EnumerateFiles(folder, $".{System.IO.Path.GetFileName(Path)}.*.tmp"))
            File.Delete(stale);
    }

    private void Check(KiteCandle c, DateTimeOffset? previous)
    {
        string? fault = null;
        if (previous is { } p && c.Time <= p) fault = $"is not after the previous candle ({Stamp(p)})";
        else if (c.Open <= 0 || c.High <= 0 || c.Low <= 0 || c.Close <= 0) fault = "has a price that is not positive";
        else if (c.High < Math.Max(c.Open, c.Close) || c.Low > Math.Min(c.Open, c.Close)) fault = $"high {c.High} / low {c.Low} do not contain open {c.Open} and close {c.Close}";
        else if (c.Volume < 0) fault = $"has volume {c.Volume}";
        else if (OpenInterest && c.OpenInterest is not >= 0) fault = c.OpenInterest is null ? "has no open interest" : $"has open interest {c.OpenInterest}";
        if (fault is not null)
            throw new InvalidDataException($"{Name} {HistoricalCandles.WireName(Interval)} candle {Stamp(c.Time)} {fault}; nothing of this step was written to {Path}");
    }

    private string Row(KiteCandle c)
    {
        var inv = CultureInfo.InvariantCulture;
        var row = string.Join(',', Stamp(c.Time), c.Open.ToString("0.00##", inv), c.High.ToString("0.00##", inv),
            c.Low.ToString("0.00##", inv), c.Close.ToString("0.00##", inv), c.Volume.ToString(inv));
        return OpenInterest ? row + "," + c.OpenInterest!.Value.ToString(inv) : row;
    }

    private static string Stamp(DateTimeOffset t) => Ist.From(t).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
