using System.Text.Json;
using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;
using Microsoft.Data.Sqlite;

namespace LiveTrader.Engine.Journal;

/// <summary>The paper/live session's memory, in SQLite with write-ahead logging. After every input an
/// agent handles, its new events, its completed trades and a snapshot of its state are committed in
/// one transaction before anything else (CSV rows, the page) sees them. A process killed at any
/// moment therefore restarts from the last commit: nothing lost, nothing counted twice. The CSV logs
/// are projections of this journal (see <see cref="CsvLogProjection"/>).</summary>
public sealed class SessionJournal : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();

    private SessionJournal(SqliteConnection connection) => _connection = connection;

    /// <summary>The journal's name inside a session's output folder.</summary>
    public const string FileName = "journal.db";

    public static string PathIn(string folder) => Path.Combine(folder, FileName);

    /// <summary>The folder's journal on a connection of its own (WAL lets readers beside the writer),
    /// or null when no session ever wrote there; never creates one.</summary>
    public static SessionJournal? OpenExisting(string folder) =>
        File.Exists(PathIn(folder)) ? Open(PathIn(folder)) : null;

    public static SessionJournal Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            CREATE TABLE IF NOT EXISTS agent_state (
                segment TEXT NOT NULL, day TEXT NOT NULL, snapshot TEXT NOT NULL, updated TEXT NOT NULL,
                PRIMARY KEY (segment, day));
            CREATE TABLE IF NOT EXISTS events (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, day TEXT NOT NULL, segment TEXT NOT NULL, body TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS trades (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, day TEXT NOT NULL, trade_id TEXT NOT NULL UNIQUE, body TEXT NOT NULL);
            """);
        return new SessionJournal(connection);
    }

    /// <summary>Commits one step of one agent atomically. A trade id already journalled is refused,
    /// so a replayed step can never produce a second row for the same trade.</summary>
    public void Commit(Segment segment, DateOnly day, string snapshot, IReadOnlyList<AgentEvent> events, IReadOnlyList<TradeRecord> trades)
    {
        lock (_lock)
        {
            using var tx = _connection.BeginTransaction();
            var dayText = Day(day);
            foreach (var e in events)
                Insert(tx, "INSERT INTO events (day, segment, body) VALUES ($day, $segment, $body)",
                    ("$day", Day(Ist.DayOf(e.Time))), ("$segment", segment.ToString()), ("$body", JsonSerializer.Serialize(e, Json)));
            foreach (var t in trades)
                Insert(tx, "INSERT INTO trades (day, trade_id, body) VALUES ($day, $id, $body)",
                    ("$day", Day(Ist.DayOf(t.ExitTime))), ("$id", t.TradeId), ("$body", JsonSerializer.Serialize(t, Json)));
            Insert(tx, """
                INSERT INTO agent_state (segment, day, snapshot, updated) VALUES ($segment, $day, $snapshot, $updated)
                ON CONFLICT (segment, day) DO UPDATE SET snapshot = excluded.snapshot, updated = excluded.updated
                """,
                ("$segment", segment.ToString()), ("$day", dayText), ("$snapshot", snapshot),
                ("$updated", DateTimeOffset.UtcNow.ToString("O")));
            tx.Commit();
        }
    }

    /// <summary>The agent's last committed state for that trading day, or null if it has none: a
    /// restart on a later day starts fresh and inherits nothing.</summary>
    public string? Snapshot(Segment segment, DateOnly day)
    {
        lock (_lock)
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "SELECT snapshot FROM agent_state WHERE segment = $segment AND day = $day";
            cmd.Parameters.AddWithValue("$segment", segment.ToString());
            cmd.Parameters.AddWithValue("$day", Day(day));
            return cmd.ExecuteScalar() as string;
        }
    }

    /// <summary>The day's events of every segment, in the order they were committed.</summary>
    public IReadOnlyList<AgentEvent> Events(DateOnly day) => Read<AgentEvent>("SELECT body FROM events WHERE day = $day ORDER BY seq", day);

    /// <summary>One segment's events of the day of the given types only (e.g. entries and exits for a
    /// chart), without reading the many candle and trail rows.</summary>
    public IReadOnlyList<AgentEvent> Events(DateOnly day, Segment segment, IReadOnlyCollection<string> types)
    {
        var names = types.Select((_, i) => "$t" + i).ToList();
        return Read<AgentEvent>(
            $"SELECT body FROM events WHERE day = $day AND segment = $segment AND json_extract(body, '$.Type') IN ({string.Join(", ", names)}) ORDER BY seq",
            day, [("$segment", segment.ToString()), .. types.Select((t, i) => (names[i], (object)t))]);
    }

    /// <summary>The day's completed trades of every segment, in the order they closed.</summary>
    public IReadOnlyList<TradeRecord> Trades(DateOnly day) => Read<TradeRecord>("SELECT body FROM trades WHERE day = $day ORDER BY seq", day);

    /// <summary>Every trading day the journal holds events for, oldest first.</summary>
    public IReadOnlyList<DateOnly> Days()
    {
        lock (_lock)
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "SELECT DISTINCT day FROM events ORDER BY day";
            using var reader = cmd.ExecuteReader();
            var days = new List<DateOnly>();
            while (reader.Read()) days.Add(DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            return days;
        }
    }

    public void Dispose() => _connection.Dispose();

    private List<T> Read<T>(string sql, DateOnly day, params (string Name, object Value)[] parameters)
    {
        lock (_lock)
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = sql;
            cmd.Parameters.AddWithValue("$day", Day(day));
            foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
            using var reader = cmd.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read()) rows.Add(JsonSerializer.Deserialize<T>(reader.GetString(0), Json)!);
            return rows;
        }
    }

    private void Insert(SqliteTransaction tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        cmd.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
