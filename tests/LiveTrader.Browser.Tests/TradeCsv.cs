using System.Text;

namespace LiveTrader.Browser.Tests;

/// <summary>A downloaded trade log: its header and its rows as column → value (RFC 4180 quoting).</summary>
public sealed record TradeCsv(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows)
{
    /// <summary>The trade log's columns, in order (README "Trade log columns").</summary>
    public static readonly string[] Columns =
    [
        "trade_id", "mode", "segment", "index_symbol", "index_entry_spot", "time_interval", "rsi_period", "signal_type",
        "option_symbol", "option_type", "strike_price", "expiry", "lots", "entry_time", "entry_price", "stop_loss_points",
        "initial_sl_price", "trailing_stop_points", "exit_time", "exit_price", "exit_reason", "pnl_points", "pnl_value",
        "return_pct", "index_exit_spot", "charges", "net_pnl", "max_quantity", "pyramid_adds", "max_favorable_excursion",
        "max_adverse_excursion",
    ];

    public static TradeCsv Parse(string text)
    {
        var records = Records(text.TrimStart('\uFEFF')).Where(r => r.Count > 1 || r[0].Length > 0).ToList();
        if (records.Count == 0) throw new FormatException("empty CSV");
        var header = records[0];
        var rows = records.Skip(1).Select(r =>
        {
            if (r.Count != header.Count) throw new FormatException($"a row has {r.Count} cells, the header {header.Count}: {string.Join(",", r)}");
            return (IReadOnlyDictionary<string, string>)header.Zip(r).ToDictionary(p => p.First, p => p.Second);
        }).ToList();
        return new TradeCsv(header, rows);
    }

    private static IEnumerable<List<string>> Records(string text)
    {
        var record = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                record.Add(cell.ToString()); cell.Clear();
                yield return record;
                record = [];
            }
            else cell.Append(c);
        }
        if (cell.Length > 0 || record.Count > 0)
        {
            record.Add(cell.ToString());
            yield return record;
        }
    }
}
