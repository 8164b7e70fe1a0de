using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using LiveTrader.Core.Market;
using LiveTrader.Engine.Data;
using LiveTrader.Engine.Session;

namespace LiveTrader.Engine.Archive;

/// <summary>An option a session traded, and the IST day it traded (its entry's day: trades are intraday).</summary>
public sealed record TradedOption(string Tradingsymbol, Segment Segment, DateOnly Day);

/// <summary>Reads the options out of paper and live sessions' trade logs (<c>live_trades_DATE.csv</c>,
/// <see cref="Reports.TradeLogCsv"/>): a file, or every trade log in a folder.</summary>
public static class TradedOptions
{
    /// <summary>The names <see cref="DailyLogs.TradesFile"/> gives a day's trade log.</summary>
    private const string TradeLogPattern = "live_trades_*.csv";

    public static IReadOnlyList<TradedOption> Read(string fileOrFolder)
    {
        IEnumerable<string> files;
        if (Directory.Exists(fileOrFolder))
        {
            files = Directory.EnumerateFiles(fileOrFolder, TradeLogPattern).Order(StringComparer.Ordinal).ToList();
            if (!files.Any()) throw new InputFileException(fileOrFolder, null, null, "holds no session trade log (live_trades_<date>.csv)");
        }
        else if (File.Exists(fileOrFolder)) files = [fileOrFolder];
        else throw new InputFileException(fileOrFolder, null, null, "is neither a trade log nor a folder of them");

        var traded = new HashSet<TradedOption>();
        foreach (var file in files)
            foreach (var option in ReadFile(file))
                traded.Add(option);
        return traded.OrderBy(t => t.Day).ThenBy(t => t.Tradingsymbol, StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<TradedOption> ReadFile(string path)
    {
        var limits = TextLimits.TradeLog;
        if (new FileInfo(path).Length > limits.MaxBytes)
            throw new InputFileException(path, null, null, $"the file is larger than {limits.MaxSize}, the most {limits.Kind} may hold");
        // Bounded while read: a log is any file the trader points at, and may be anything.
        using var reader = new BoundedTextReader(new StreamReader(path), path, limits);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null });
        if (!csv.Read()) yield break;
        csv.ReadHeader();
        foreach (var column in new[] { "option_symbol", "segment", "entry_time" })
            if (!csv.HeaderRecord!.Contains(column))
                throw new InputFileException(path, 1, column, "not a session trade log: the header has no such column");
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            var symbol = csv.GetField("option_symbol")!.Trim();
            // The symbol names a file in options/: letters and digits only, never a path.
            if (symbol.Length == 0 || !symbol.All(char.IsAsciiLetterOrDigit))
                throw new InputFileException(path, line, "option_symbol", $"'{Excerpt.Of(symbol)}' is not an option's tradingsymbol");
            if (!Segments.TryParse(csv.GetField("segment"), out var segment))
                throw new InputFileException(path, line, "segment", $"'{Excerpt.Of(csv.GetField("segment") ?? "")}' is not one of {Segments.Names}");
            // The log's times are IST wall clock (Ist.Format), whatever the machine's zone.
            if (!DateTime.TryParseExact(csv.GetField("entry_time"), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var entry))
                throw new InputFileException(path, line, "entry_time", $"'{Excerpt.Of(csv.GetField("entry_time") ?? "")}' is not a time like 2026-11-30 09:20:00");
            yield return new TradedOption(symbol, segment, DateOnly.FromDateTime(entry));
        }
    }
}
