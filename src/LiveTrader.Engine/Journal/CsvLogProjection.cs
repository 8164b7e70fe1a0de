using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace LiveTrader.Engine.Journal;

/// <summary>Keeps a CSV log equal to the journal's rows: appends only the rows the file does not yet
/// have, each whole, and on start cuts a torn last line left by a killed process. Because the
/// journal is the source of truth, every row reaches the file exactly once.</summary>
public sealed class CsvLogProjection(string path, IReadOnlyList<string> header)
{
    private static readonly CsvConfiguration Config = new(CultureInfo.InvariantCulture) { NewLine = "\n" };
    private int? _rows;

    public string Path { get; } = path;

    /// <summary>Data rows the file holds now (header excluded).</summary>
    public int Rows => _rows ??= Recover();

    /// <summary>Appends rows[Rows..] to the file and flushes them to disk.</summary>
    public void Sync(IReadOnlyList<IEnumerable<string>> rows) => SyncTail(0, rows);

    /// <summary>The rows from row number <paramref name="first"/> on: appends those the file lacks.</summary>
    public void SyncTail(int first, IReadOnlyList<IEnumerable<string>> rows)
    {
        var have = Rows;
        if (have < first)
            throw new InvalidOperationException($"{Path} holds {have} rows; cannot append rows from row {first} without a gap");
        var skip = Math.Min(have - first, rows.Count);
        if (skip == rows.Count) return;
        var text = new StringBuilder();
        using (var writer = new StringWriter(text) { NewLine = "\n" })
        using (var csv = new CsvWriter(writer, Config))
        {
            for (var i = skip; i < rows.Count; i++)
            {
                foreach (var field in rows[i]) csv.WriteField(field);
                csv.NextRecord();
            }
        }
        using (var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            file.Write(Encoding.UTF8.GetBytes(text.ToString()));
            file.Flush(flushToDisk: true);
        }
        _rows = first + rows.Count;
    }

    /// <summary>Creates the file with its header if missing, cuts a torn last line, counts rows.</summary>
    private int Recover()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        if (File.Exists(Path)) CutTornTail();
        if (!File.Exists(Path) || new FileInfo(Path).Length == 0)
        {
            var headerLine = string.Join(',', header) + "\n";
            File.WriteAllText(Path, headerLine, new UTF8Encoding(false));
            return 0;
        }
        using var reader = new StreamReader(Path);
        using var csv = new CsvParser(reader, Config);
        var records = 0;
        while (csv.Read()) records++;
        return Math.Max(0, records - 1);
    }

    private void CutTornTail()
    {
        using var file = new FileStream(Path, FileMode.Open, FileAccess.ReadWrite);
        var length = file.Length;
        var position = length;
        // Walk back to the last newline: anything after it is half a row from a killed writer.
        var one = new byte[1];
        while (position > 0)
        {
            file.Position = position - 1;
            file.ReadExactly(one);
            if (one[0] == (byte)'\n') break;
            position--;
        }
        if (position < length) file.SetLength(position);
    }
}
