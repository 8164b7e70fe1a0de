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

    // Stamps the bookkeeping columns (when a state was written, when a command was left): the machine's
    // clock unless a test gives its own; market time is in the rows themselves.
    private readonly TimeProvider _time;

    private readonly string _path;

    private SessionJournal(SqliteConnection connection, TimeProvider time, string path)
    {
        _connection = connection;
        _time = time;
        _path = path;
    }

    /// <summary>The journal's name inside a session's output folder.</summary>
    public const string FileName = "journal.db";

    public static string PathIn(string folder) => Path.Combine(folder, FileName);

    /// <summary>The folder's journal on a connection of its own (WAL lets readers beside the writer),
    /// or null when no session ever wrote there; never creates one. A reader meets damage when it
    /// reads the damaged pages, as a <see cref="JournalDamage"/> refusal naming the file; one that will
    /// write (a command left for the session) verifies it first.</summary>
    public static SessionJournal? OpenExisting(string folder, bool verify = false) =>
        File.Exists(PathIn(folder)) ? Open(PathIn(folder), verify: verify) : null;

    /// <summary>Opens (or creates) the journal. A session that will write to it verifies every page
    /// first (<c>PRAGMA quick_check</c>), so a damaged journal is refused before a step is added to it.</summary>
    public static SessionJournal Open(string path, TimeProvider? time = null, bool verify = true)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        JournalDamage.CheckHeader(path);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            connection.Open();
            if (verify) JournalDamage.CheckPages(connection, path);
            CreateTables(connection);
        }
        catch (SqliteException e) when (JournalDamage.Is(e))
        {
            connection.Dispose();
            throw JournalDamage.Of(path, e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return new SessionJournal(connection, time ?? TimeProvider.System, path);
    }

    private static void CreateTables(SqliteConnection connection) =>
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
            CREATE TABLE IF NOT EXISTS commands (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, by TEXT NOT NULL, sent TEXT NOT NULL, taken INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS order_log (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, day TEXT NOT NULL, client_id TEXT NOT NULL, action TEXT NOT NULL,
                state TEXT NOT NULL, filled_quantity INTEGER NOT NULL, revision INTEGER NOT NULL, body TEXT NOT NULL,
                UNIQUE (client_id, action, state, filled_quantity, revision));
            CREATE TABLE IF NOT EXISTS orders (
                client_id TEXT PRIMARY KEY, day TEXT NOT NULL, segment TEXT NOT NULL, trade_id TEXT NOT NULL, purpose TEXT NOT NULL,
                side TEXT NOT NULL, order_type TEXT NOT NULL, quantity INTEGER NOT NULL, limit_price TEXT, trigger_price TEXT,
                state TEXT NOT NULL, broker_order_id TEXT, filled_quantity INTEGER NOT NULL, average_price TEXT NOT NULL,
                placed_at TEXT NOT NULL, updated_at TEXT NOT NULL);
            """);

    /// <summary>Commits one step of one agent atomically. A trade id already journalled is refused,
    /// so a replayed step can never produce a second row for the same trade.</summary>
    public void Commit(Segment segment, DateOnly day, string snapshot, IReadOnlyList<AgentEvent> events, IReadOnlyList<TradeRecord> trades)
    {
        Locked(() =>
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
                ("$updated", _time.GetUtcNow().ToString("O")));
            tx.Commit();
        });
    }

    /// <summary>Writes one state of an order, durably, before the caller goes on: the ledger's history
    /// row (a state already written, as a replayed step writes it again, is not written twice) and
    /// the order's current row.</summary>
    public void RecordOrder(OrderLedgerRow row)
    {
        Locked(() =>
        {
            using var tx = _connection.BeginTransaction();
            Insert(tx, """
                INSERT OR IGNORE INTO order_log (day, client_id, action, state, filled_quantity, revision, body)
                VALUES ($day, $id, $action, $state, $filled, $revision, $body)
                """,
                ("$day", Day(Ist.DayOf(row.Time))), ("$id", row.ClientId), ("$action", row.Action.ToString()), ("$state", row.State.ToString()),
                ("$filled", row.FilledQuantity), ("$revision", row.Revision), ("$body", JsonSerializer.Serialize(row, Json)));
            if (row.Action == Core.Orders.OrderAction.Place)
                Insert(tx, """
                    INSERT INTO orders (client_id, day, segment, trade_id, purpose, side, order_type, quantity, limit_price, trigger_price,
                        state, broker_order_id, filled_quantity, average_price, placed_at, updated_at)
                    VALUES ($id, $day, $segment, $trade, $purpose, $side, $type, $quantity, $limit, $trigger, $state, $broker, $filled, $average, $time, $time)
                    ON CONFLICT (client_id) DO UPDATE SET state = excluded.state, broker_order_id = COALESCE(excluded.broker_order_id, broker_order_id),
                        filled_quantity = MAX(filled_quantity, excluded.filled_quantity),
                        average_price = CASE WHEN excluded.filled_quantity >= filled_quantity THEN excluded.average_price ELSE average_price END,
                        updated_at = excluded.updated_at
                    """,
                    ("$id", row.ClientId), ("$day", Day(Ist.DayOf(row.Time))), ("$segment", row.Segment.ToString()), ("$trade", row.TradeId),
                    ("$purpose", row.Purpose.ToString()), ("$side", row.Side.ToString()), ("$type", row.Type.ToString()), ("$quantity", row.Quantity),
                    ("$limit", (object?)Money(row.LimitPrice) ?? DBNull.Value), ("$trigger", (object?)Money(row.TriggerPrice) ?? DBNull.Value),
                    ("$state", row.State.ToString()), ("$broker", (object?)row.BrokerOrderId ?? DBNull.Value), ("$filled", row.FilledQuantity),
                    ("$average", Money(row.AveragePrice)!), ("$time", Ist.Format(row.Time)));
            tx.Commit();
        });
    }

    /// <summary>Leaves a command for the session that runs on this folder (another process: the
    /// <c>kill-switch</c> command); it takes it on its next beat, or at its next start.</summary>
    public void SendCommand(SessionCommand kind, string by)
    {
        Locked(() =>
        {
            using var tx = _connection.BeginTransaction();
            Insert(tx, "INSERT INTO commands (kind, by, sent) VALUES ($kind, $by, $sent)",
                ("$kind", kind.ToString()), ("$by", by), ("$sent", _time.GetUtcNow().ToString("O")));
            tx.Commit();
        });
    }

    /// <summary>The commands not taken yet, oldest first, marked taken in the same transaction.</summary>
    public IReadOnlyList<(SessionCommand Kind, string By)> TakeCommands()
    {
        return Locked(() =>
        {
            using var tx = _connection.BeginTransaction();
            using var cmd = _connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT seq, kind, by FROM commands WHERE taken = 0 ORDER BY seq";
            var taken = new List<(long, SessionCommand, string)>();
            using (var reader = cmd.ExecuteReader())
                while (reader.Read()) taken.Add((reader.GetInt64(0), Enum.Parse<SessionCommand>(reader.GetString(1)), reader.GetString(2)));
            foreach (var (seq, _, _) in taken) Insert(tx, "UPDATE commands SET taken = 1 WHERE seq = $seq", ("$seq", seq));
            tx.Commit();
            return taken.Select(t => (t.Item2, t.Item3)).ToList();
        });
    }

    /// <summary>Every state of every order of the day, in the order they were written.</summary>
    public IReadOnlyList<OrderLedgerRow> OrderLog(DateOnly day) => Read<OrderLedgerRow>("SELECT body FROM order_log WHERE day = $day ORDER BY seq", day);

    /// <summary>The day's orders as they stand now: (client id, state, cumulative filled, average price).</summary>
    public IReadOnlyList<(string ClientId, Core.Orders.OrderState State, int FilledQuantity, decimal AveragePrice)> Orders(DateOnly day)
    {
        return Locked(() =>
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "SELECT client_id, state, filled_quantity, average_price FROM orders WHERE day = $day ORDER BY placed_at, client_id";
            cmd.Parameters.AddWithValue("$day", Day(day));
            using var reader = cmd.ExecuteReader();
            var rows = new List<(string, Core.Orders.OrderState, int, decimal)>();
            while (reader.Read())
                rows.Add((reader.GetString(0), Enum.Parse<Core.Orders.OrderState>(reader.GetString(1)), reader.GetInt32(2),
                    decimal.Parse(reader.GetString(3), System.Globalization.CultureInfo.InvariantCulture)));
            return rows;
        });
    }

    /// <summary>The agent's last committed state for that trading day, or null if it has none: a
    /// restart on a later day starts fresh and inherits nothing.</summary>
    public string? Snapshot(Segment segment, DateOnly day)
    {
        return Locked(() =>
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "SELECT snapshot FROM agent_state WHERE segment = $segment AND day = $day";
            cmd.Parameters.AddWithValue("$segment", segment.ToString());
            cmd.Parameters.AddWithValue("$day", Day(day));
            return cmd.ExecuteScalar() as string;
        });
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
        return Locked(() =>
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "SELECT DISTINCT day FROM events ORDER BY day";
            using var reader = cmd.ExecuteReader();
            var days = new List<DateOnly>();
            while (reader.Read()) days.Add(DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            return days;
        });
    }

    public void Dispose() => _connection.Dispose();

    // Every read and write under the one lock, a damaged page or row answered as the file's refusal.
    private T Locked<T>(Func<T> body)
    {
        lock (_lock)
        {
            try
            {
                return body();
            }
            catch (SqliteException e) when (JournalDamage.Is(e))
            {
                throw JournalDamage.Of(_path, e);
            }
            catch (JsonException e)
            {
                throw JournalDamage.Of(_path, e);
            }
        }
    }

    private void Locked(Action body) => Locked(() => { body(); return 0; });

    private List<T> Read<T>(string sql, DateOnly day, params (string Name, object Value)[] parameters)
    {
        return Locked(() =>
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = sql;
            cmd.Parameters.AddWithValue("$day", Day(day));
            foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
            using var reader = cmd.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read()) rows.Add(JsonSerializer.Deserialize<T>(reader.GetString(0), Json)!);
            return rows;
        });
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

    private static string? Money(decimal? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
