using LiveTrader.Engine.Journal;

namespace LiveTrader.Engine.Tests.Journal;

public sealed class CsvLogProjectionTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"lt-csvlog-{Guid.NewGuid():N}");
    private static readonly string[] Header = ["id", "message"];

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private string FilePath => Path.Combine(_folder, "live_events_2026-01-06.csv");

    private static List<IEnumerable<string>> Rows(int n) =>
        Enumerable.Range(1, n).Select(i => (IEnumerable<string>)[$"{i}", $"row {i}, with a comma and \"quotes\""]).ToList();

    [Fact]
    public void A_new_file_gets_the_header_and_every_row_once()
    {
        var log = new CsvLogProjection(FilePath, Header);
        log.Sync(Rows(2));
        log.Sync(Rows(2));
        log.Sync(Rows(3));

        var lines = File.ReadAllLines(FilePath);
        Assert.Equal("id,message", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Equal("3,\"row 3, with a comma and \"\"quotes\"\"\"", lines[3]);
    }

    [Fact]
    public void A_restart_appends_only_the_rows_the_file_does_not_have()
    {
        new CsvLogProjection(FilePath, Header).Sync(Rows(2));

        var restarted = new CsvLogProjection(FilePath, Header);
        Assert.Equal(2, restarted.Rows);
        restarted.Sync(Rows(4));

        Assert.Equal(5, File.ReadAllLines(FilePath).Length);
    }

    [Fact]
    public void A_torn_last_line_from_a_killed_writer_is_cut_and_written_again_whole()
    {
        new CsvLogProjection(FilePath, Header).Sync(Rows(2));
        File.AppendAllText(FilePath, "3,\"row 3, with a co"); // the process died mid-row

        var restarted = new CsvLogProjection(FilePath, Header);
        Assert.Equal(2, restarted.Rows);
        restarted.Sync(Rows(3));

        var lines = File.ReadAllLines(FilePath);
        Assert.Equal(4, lines.Length);
        Assert.Equal("3,\"row 3, with a comma and \"\"quotes\"\"\"", lines[3]);
        Assert.EndsWith("\n", File.ReadAllText(FilePath));
    }

    [Fact]
    public void A_torn_header_is_rewritten()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(FilePath, "id,mes");

        var log = new CsvLogProjection(FilePath, Header);
        Assert.Equal(0, log.Rows);
        log.Sync(Rows(1));

        Assert.Equal(["id,message", "1,\"row 1, with a comma and \"\"quotes\"\"\""], File.ReadAllLines(FilePath));
    }
}
