using System.Globalization;
using Microsoft.Data.Sqlite;

namespace LiveTrader.App.Commands;

/// <summary><c>DIR/sweep.db</c>: the varied names, and one row per finished parameter set keyed by
/// its hash, so a second run skips what is done and shards merge into one store.</summary>
public sealed class SweepStore : IDisposable
{
    public const string FileName = "sweep.db";
    private readonly SqliteConnection _db;
    private readonly Lock _gate = new();

    public SweepStore(string dir)
    {
        Directory.CreateDirectory(dir);
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dir, FileName), Pooling = false }.ToString());
        _db.Open();
        // One commit per finished set: WAL without a flush per commit keeps a thousand of them from
        // waiting on the disk; a set whose row a crash loses is simply run again.
        Exec("PRAGMA journal_mode=WAL");
        Exec("PRAGMA synchronous=NORMAL");
        Exec("CREATE TABLE IF NOT EXISTS axes (pos INTEGER PRIMARY KEY, name TEXT NOT NULL)");
        Exec("CREATE TABLE IF NOT EXISTS results (param_hash TEXT PRIMARY KEY, ord INTEGER NOT NULL, param_values TEXT NOT NULL, " +
             "trades INTEGER, win_rate TEXT, net_pnl TEXT, max_drawdown TEXT, profit_factor TEXT, return_pct TEXT, daily_sharpe TEXT, " +
             "run_hash TEXT NOT NULL DEFAULT '', parameters TEXT NOT NULL DEFAULT '')");
        // A store from before sets kept their full parameters gains the columns; its old rows keep them empty.
        if (!Columns().Contains("run_hash"))
        {
            Exec("ALTER TABLE results ADD COLUMN run_hash TEXT NOT NULL DEFAULT ''");
            Exec("ALTER TABLE results ADD COLUMN parameters TEXT NOT NULL DEFAULT ''");
        }
    }

    /// <summary>Records the axes on a new store; a store of another grid is refused.</summary>
    public void UseAxes(IReadOnlyList<string> names)
    {
        var known = Axes();
        if (known.Count == 0)
        {
            for (var i = 0; i < names.Count; i++) Exec("INSERT INTO axes VALUES ($p, $n)", ("$p", i), ("$n", names[i]));
        }
        else if (!known.SequenceEqual(names))
            throw new UsageError($"{FileName} holds a sweep over {string.Join(", ", known)}, not {string.Join(", ", names)}");
    }

    public IReadOnlyList<string> Axes()
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT name FROM axes ORDER BY pos";
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        while (r.Read()) list.Add(r.GetString(0));
        return list;
    }

    public HashSet<string> DoneHashes() => Rows().Select(r => r.Row.Point.Hash).ToHashSet();

    /// <param name="parameters">The set's full parameters.json text, so its settings can be recovered and run again.</param>
    public void Save(int ord, SweepCommand.SweepRow row, string parameters)
    {
        var m = row.Metrics.Cells().ToArray();
        lock (_gate)
            Exec("INSERT OR IGNORE INTO results VALUES ($h, $o, $v, $t, $w, $n, $d, $pf, $r, $s, $rh, $p)",
                ("$h", row.Point.Hash), ("$o", ord), ("$v", string.Join('\t', row.Point.Values)), ("$t", row.Metrics.Trades),
                ("$w", m[1]), ("$n", m[2]), ("$d", m[3]), ("$pf", m[4]), ("$r", m[5]), ("$s", m[6]), ("$rh", row.RunHash), ("$p", parameters));
    }

    /// <summary>The full parameters.json text of the set with this grid hash ("" for none).</summary>
    public string ParametersOf(string paramHash)
    {
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT parameters FROM results WHERE param_hash = $h";
            cmd.Parameters.AddWithValue("$h", paramHash);
            return cmd.ExecuteScalar() as string ?? "";
        }
    }

    private HashSet<string> Columns()
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT name FROM pragma_table_info('results')";
        using var r = cmd.ExecuteReader();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (r.Read()) names.Add(r.GetString(0));
        return names;
    }

    /// <summary>Every row, in the grid's order.</summary>
    public IReadOnlyList<(int Ord, SweepCommand.SweepRow Row)> OrderedRows() => Rows().ToList();

    private IEnumerable<(int Ord, SweepCommand.SweepRow Row)> RowsCore()
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT param_hash, ord, param_values, trades, win_rate, net_pnl, max_drawdown, profit_factor, return_pct, daily_sharpe, run_hash FROM results ORDER BY ord";
        using var r = cmd.ExecuteReader();
        var inv = CultureInfo.InvariantCulture;
        while (r.Read())
            yield return (r.GetInt32(1), new SweepCommand.SweepRow(new SweepPoint(r.GetString(2).Split('\t'), r.GetString(0)),
                new SweepMetrics(r.GetInt32(3), decimal.Parse(r.GetString(4), inv), decimal.Parse(r.GetString(5), inv), decimal.Parse(r.GetString(6), inv),
                    decimal.Parse(r.GetString(7), inv), decimal.Parse(r.GetString(8), inv), double.Parse(r.GetString(9), inv)), r.GetString(10)));
    }

    private List<(int Ord, SweepCommand.SweepRow Row)> Rows()
    {
        lock (_gate) return RowsCore().ToList();
    }

    private void Exec(string sql, params (string Name, object Value)[] args)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (n, v) in args) cmd.Parameters.AddWithValue(n, v);
        cmd.ExecuteNonQuery();
    }

    public void Dispose() => _db.Dispose();
}
