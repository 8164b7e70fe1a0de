using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using LiveTrader.Core.Market;

namespace LiveTrader.Engine.Data;

/// <summary>Reads candle CSV files in Kite's historical format
/// (<c>date,open,high,low,close,volume</c>, <c>date</c> = candle start with its IST offset) and
/// refuses anything else with the file, line and field at fault.</summary>
public static class CandleCsvReader
{
    private static readonly string[] Columns = ["date", "open", "high", "low", "close", "volume"];

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd'T'HH:mm:sszzz",
        "yyyy-MM-dd HH:mm:sszzz",
        "yyyy-MM-dd'T'HH:mm:ssK",
    ];

    private static readonly string[] LocalDateFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss"];

    public static CandleSeries Read(string path)
    {
        if (!System.IO.File.Exists(path)) throw new InputFileException(path, null, null, "file not found");
        var limits = TextLimits.CandleFile;
        if (new FileInfo(path).Length > limits.MaxBytes)
            throw new InputFileException(path, null, null, $"the file is larger than {limits.MaxSize}, the most a candle file may hold");
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads through <see cref="TextLimits.CandleFile"/>, so no line or file beyond them is held in memory.</summary>
    public static CandleSeries Read(TextReader text, string name)
    {
        using var bounded = new BoundedTextReader(text, name, TextLimits.CandleFile);
        return ReadBounded(bounded, name);
    }

    private static CandleSeries ReadBounded(TextReader text, string name)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectColumnCountChanges = false,
            BadDataFound = null,
            TrimOptions = TrimOptions.Trim,
        };
        using var csv = new CsvParser(text, config);
        if (!csv.Read()) throw new InputFileException(name, null, null, "the file is empty; expected a header 'date,open,high,low,close,volume'");
        var header = csv.Record!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (header.Length < Columns.Length || !Columns.SequenceEqual(header.Take(Columns.Length)))
            // Not quoted: a file that is not a candle file may hold anything, secrets included.
            throw new InputFileException(name, 1, null, "not a candle file: the first line is not the header 'date,open,high,low,close,volume'");

        var candles = new List<Candle>();
        var dateTexts = new List<string>();
        var dropped = 0;
        DateTimeOffset? previous = null;
        while (csv.Read())
        {
            var line = csv.RawRow;
            var row = csv.Record!;
            if (row.Length == 1 && row[0].Length == 0) continue; // a blank line, e.g. at the end
            if (row.Length != header.Length) // extra columns (e.g. Kite's "oi") are allowed by the header and ignored
                throw new InputFileException(name, line, null, $"expected {header.Length} fields, found {row.Length}");

            var start = ParseDate(row[0], name, line);
            var open = ParsePrice(row[1], "open", name, line);
            var high = ParsePrice(row[2], "high", name, line);
            var low = ParsePrice(row[3], "low", name, line);
            var close = ParsePrice(row[4], "close", name, line);
            if (!long.TryParse(row[5], NumberStyles.Integer, CultureInfo.InvariantCulture, out var volume) || volume < 0)
                throw new InputFileException(name, line, "volume", $"'{Excerpt.Of(row[5])}' is not a whole number of at least 0");
            if (high < Math.Max(open, close) || low > Math.Min(open, close) || low > high)
                throw new InputFileException(name, line, "high", $"high {high} / low {low} do not contain open {open} and close {close}");
            if (previous is DateTimeOffset p && start <= p)
                throw new InputFileException(name, line, "date", $"'{Excerpt.Of(row[0])}' is not after the previous candle ({p:yyyy-MM-dd'T'HH:mm:sszzz}); candles must be in time order without duplicates");
            previous = start;

            if (!MarketHours.Contains(start))
            {
                dropped++;
                continue;
            }
            candles.Add(new Candle(start, open, high, low, close, volume));
            dateTexts.Add(row[0]);
        }
        if (candles.Count == 0) throw new InputFileException(name, null, null, "no candles inside market hours (09:15-15:30 IST)");
        var timeframe = InferTimeframe(candles, name);
        var offGrid = candles.Count(c => (int)(c.Start.TimeOfDay - MarketHours.Open.ToTimeSpan()).TotalMinutes % timeframe.Minutes != 0 || c.Start.Second != 0);
        return new CandleSeries(name, candles, timeframe, dropped, dateTexts) { OffGrid = offGrid };
    }

    private static DateTimeOffset ParseDate(string text, string file, int line)
    {
        // Kite also serves offset-less times; they are IST whatever the machine's zone. Tried first:
        // the 'K' format below also matches a time without an offset and would read it in the
        // machine's local zone.
        if (DateTime.TryParseExact(text, LocalDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return new DateTimeOffset(local, Ist.Offset);
        if (DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
            return Ist.From(withOffset);
        throw new InputFileException(file, line, "date", $"'{Excerpt.Of(text)}' is not a time like 2024-07-26T09:15:00+05:30");
    }

    private static decimal ParsePrice(string text, string field, string file, int line)
    {
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw new InputFileException(file, line, field, $"'{Excerpt.Of(text)}' is not a number");
        if (value <= 0) throw new InputFileException(file, line, field, $"{value} is not a positive price");
        return value;
    }

    /// <summary>The smallest gap between two candles of the same day is the file's timeframe.</summary>
    private static Timeframe InferTimeframe(List<Candle> candles, string file)
    {
        var smallest = TimeSpan.MaxValue;
        for (var i = 1; i < candles.Count; i++)
        {
            var gap = candles[i].Start - candles[i - 1].Start;
            if (gap < smallest && Ist.DayOf(candles[i].Start) == Ist.DayOf(candles[i - 1].Start)) smallest = gap;
        }
        if (smallest == TimeSpan.MaxValue) return Timeframe.FiveMinutes; // one candle a day: nothing to infer from
        var minutes = (int)smallest.TotalMinutes;
        try
        {
            return Timeframe.FromMinutes(minutes);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new InputFileException(file, null, "date", $"candles are {smallest.TotalMinutes} minutes apart; expected 1, 3, 5, 15, 30 or 60");
        }
    }
}
