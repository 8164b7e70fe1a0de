using System.Collections.Concurrent;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Archive;
using LiveTrader.Engine.Data;

namespace LiveTrader.App.Web;

/// <summary>The candle CSVs in the configured data folder (and its subfolders), each read once and
/// kept while its size and last write time stay the same, so listing them again is cheap.
/// Names are paths relative to the data folder with '/' separators. The folder is a jail: only regular,
/// non-empty files reached without a symbolic link are read (so no link leads out and no loop is
/// followed), hidden files and folders are never looked at, and a file's contents are shown only once
/// its first line is a candle header.</summary>
public sealed class CandleFileCatalog(LiveTraderSettings settings)
{
    private readonly ConcurrentDictionary<string, Cached> _cache = new(StringComparer.Ordinal);

    private sealed record Cached(DateTime WrittenUtc, long Length, CandleSeries? Series, InputFileException? Error);

    /// <summary>A listed file: its series, or why it cannot be used.</summary>
    public sealed record CandleFile(string Name, Segment? Segment, CandleSeries? Series, string? Error);

    /// <summary>The data folder, relative to the current directory when the configuration says so.</summary>
    public string Folder => Path.GetFullPath(settings.DataFolder);

    public bool FolderExists => Directory.Exists(Folder);

    /// <summary>Hidden entries and links (to files or folders) are skipped; a FIFO or device shows a
    /// length of 0 and is left out before it is opened, so nothing blocks on it.</summary>
    private static readonly EnumerationOptions Jail = new()
    {
        RecurseSubdirectories = true,
        MaxRecursionDepth = 16,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.ReparsePoint | FileAttributes.System,
        IgnoreInaccessible = true,
        MatchCasing = MatchCasing.CaseInsensitive,
    };

    /// <summary>Every CSV whose header is a candle header, by name. Other CSVs (trade logs, option
    /// premium notes) are not candle files and are left out rather than shown as broken; so are the
    /// archive's futures and options folders, whose candles are no index's (a NIFTY_FUT file would
    /// otherwise be offered as NIFTY's).</summary>
    public IReadOnlyList<CandleFile> List()
    {
        if (!FolderExists) return [];
        var folder = Folder;
        return Directory.EnumerateFiles(folder, "*.csv", Jail)
            .Where(path => new FileInfo(path).Length > 0 && HasCandleHeader(path))
            .Select(path => Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(name => !CandleArchive.IsDerivative(name))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                var (series, error) = TryRead(name);
                return new CandleFile(name, SegmentOf(name), series, error?.Message);
            })
            .ToList();
    }

    /// <summary>The segment a file is named for: its name starts with NIFTY_, BANKNIFTY_ or SENSEX_.</summary>
    public static Segment? SegmentOf(string name)
    {
        var file = name[(name.LastIndexOf('/') + 1)..];
        foreach (var s in Segments.All)
            if (file.StartsWith(s + "_", StringComparison.OrdinalIgnoreCase)) return s;
        return null;
    }

    /// <summary>The full path of a name inside the data folder, or why it is refused.</summary>
    public string? Resolve(string name, out string? refusal)
    {
        refusal = null;
        var parts = name.Split('/', '\\');
        if (name.Length == 0 || Path.IsPathRooted(name) || parts.Any(p => p is ".." or "." or ""))
        {
            refusal = $"'{name}' is not a file name inside the data folder";
            return null;
        }
        // Only candle CSVs, never a hidden file: the data folder may be a home folder holding secrets.
        if (!name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || parts.Any(p => p.StartsWith('.')))
        {
            refusal = $"'{name}' is not a candle CSV file in the data folder";
            return null;
        }
        var folder = Folder;
        var path = Path.GetFullPath(Path.Combine(folder, name));
        if (!path.StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            refusal = $"'{name}' is not a file name inside the data folder";
            return null;
        }
        if (!File.Exists(path))
        {
            refusal = $"no file '{name}' in the data folder";
            return null;
        }
        if (ThroughLink(folder, path))
        {
            refusal = $"'{name}' is reached through a symbolic link; only files kept inside the data folder are read";
            return null;
        }
        if (new FileInfo(path).Length == 0)
        {
            refusal = $"'{name}' is empty or not a regular file";
            return null;
        }
        return path;
    }

    /// <summary>The candles of a name inside the data folder (see <see cref="Resolve"/>); refusals
    /// name the file, line and field, with the file named as the trader picked it.</summary>
    public CandleSeries Read(string name)
    {
        var (series, error) = TryRead(name);
        if (error is not null) throw error;
        return series!;
    }

    private (CandleSeries? Series, InputFileException? Error) TryRead(string name)
    {
        var path = Resolve(name, out var refusal);
        if (path is null) return (null, new InputFileException(name, null, null, refusal!));
        var info = new FileInfo(path);
        if (_cache.TryGetValue(path, out var hit) && hit.WrittenUtc == info.LastWriteTimeUtc && hit.Length == info.Length)
            return (hit.Series, hit.Error);
        Cached entry;
        try
        {
            var limits = TextLimits.CandleFile;
            if (info.Length > limits.MaxBytes)
                throw new InputFileException(name, null, null, $"the file is larger than {limits.MaxSize}, the most a candle file may hold");
            using var reader = new StreamReader(path);
            entry = new Cached(info.LastWriteTimeUtc, info.Length, CandleCsvReader.Read(reader, name), null);
        }
        catch (InputFileException e)
        {
            entry = new Cached(info.LastWriteTimeUtc, info.Length, null, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not cached: a file locked or unreadable now may be readable on the next look.
            return (null, new InputFileException(name, null, null, "the file cannot be read (" + (e is UnauthorizedAccessException ? "no permission" : "I/O error") + ")"));
        }
        _cache[path] = entry;
        return (entry.Series, entry.Error);
    }

    /// <summary>The file or a folder on its way from the data folder is a symbolic link.</summary>
    private static bool ThroughLink(string folder, string path)
    {
        var step = path;
        while (step.Length > folder.Length)
        {
            if (File.GetAttributes(step).HasFlag(FileAttributes.ReparsePoint)) return true;
            step = Path.GetDirectoryName(step)!;
        }
        return false;
    }

    /// <summary>Reads at most the first 256 characters: a file of one endless line (or of NULs) costs no more.</summary>
    private static bool HasCandleHeader(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            var start = new char[256];
            var read = reader.ReadBlock(start, 0, start.Length);
            var text = new string(start, 0, read);
            var end = text.IndexOfAny(['\r', '\n']);
            var header = (end < 0 ? text : text[..end]).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
            return header.StartsWith("date,open,high,low,close,volume", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
