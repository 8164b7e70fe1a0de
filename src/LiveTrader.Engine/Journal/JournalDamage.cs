using System.Text.Json;
using LiveTrader.Engine.Data;
using Microsoft.Data.Sqlite;

namespace LiveTrader.Engine.Journal;

/// <summary>A <c>journal.db</c> that is not a sound SQLite database (cut short by a full disk, a
/// half-copied backup, a file that is something else) is refused as the one input it is, naming the
/// file and what is wrong, and is never written to: every reader (the page, <c>report</c>,
/// <c>export</c>) and a session restarting into its folder say the same.</summary>
public static class JournalDamage
{
    private const string Advice = "nothing was written to it; move it aside (the session then starts afresh) or restore it from a backup";

    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    /// <summary>SQLite makes an empty file a database, so only a file that holds bytes is checked:
    /// a header that is not SQLite's, or shorter than one, is not a journal.</summary>
    public static void CheckHeader(string path)
    {
        if (!File.Exists(path)) return;
        Span<byte> head = stackalloc byte[100];
        int read;
        using (var file = File.OpenRead(path)) read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (read == 0) return;
        if (read < head.Length || !head[..SqliteHeader.Length].SequenceEqual(SqliteHeader))
            throw new InputFileException(path, null, null, $"not a SQLite journal ({(read < head.Length ? $"only {read} bytes, cut short" : "the file starts with something else")}); {Advice}");
    }

    /// <summary>Every page of the b-trees, walked once (linear in the file's size: milliseconds for a
    /// month of sessions); a truncated file fails here rather than in the middle of a step.</summary>
    public static void CheckPages(SqliteConnection connection, string path)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA quick_check(1)";
        var verdict = cmd.ExecuteScalar() as string;
        if (verdict != "ok") throw new InputFileException(path, null, null, $"the journal is damaged ({Excerpt.Of(verdict ?? "no answer")}); {Advice}");
    }

    /// <summary>The file's fault (an I/O error reading it, a malformed page, not a database, cannot
    /// be opened), not a refused statement such as a trade journalled twice.</summary>
    public static bool Is(SqliteException e) => e.SqliteErrorCode is SQLitePCL.raw.SQLITE_IOERR or SQLitePCL.raw.SQLITE_CORRUPT
        or SQLitePCL.raw.SQLITE_CANTOPEN or SQLitePCL.raw.SQLITE_NOTADB;

    public static InputFileException Of(string path, SqliteException e) =>
        new(path, null, null, $"the journal is damaged or unreadable (SQLite: {SqliteWords(e)}); {Advice}");

    // SQLite's own words ("database disk image is malformed", "file is not a database"), not the provider's wrapping.
    private static string SqliteWords(SqliteException e)
    {
        var words = e.Message;
        var (open, close) = (words.IndexOf('\''), words.LastIndexOf('\''));
        return close > open + 1 ? words[(open + 1)..close] : words;
    }

    public static InputFileException Of(string path, JsonException e) =>
        new(path, null, null, $"the journal holds a row that is not LiveTrader's ({Excerpt.Of(e.Message)}); {Advice}");
}
