using System.Globalization;
using LiveTrader.App.Commands;
using LiveTrader.Engine.Data;
using static LiveTrader.App.Commands.BacktestCommand;

namespace LiveTrader.App.Tests;

/// <summary>Runs the whole-year NIFTY backtest once (in-process) for the tests that read its files.</summary>
public sealed class YearRunFixture : IDisposable
{
    public TempDir Dir { get; } = new();
    public int ExitCode { get; }

    public YearRunFixture() =>
        ExitCode = BacktestCommand.Run(new BacktestRequest(["NIFTY"], [Repo.NiftyYear5], null, [], null, null, null, Dir.Path));

    public string Trades => Dir.File("backtest_trades_NIFTY.csv");
    public string Events => Dir.File("backtest_events_NIFTY.csv");
    public string Workbook => Dir.File("backtest_NIFTY.xlsx");

    public void Dispose() => Dir.Dispose();
}

public sealed class BacktestCommandTests(YearRunFixture year) : IClassFixture<YearRunFixture>
{
    /// <summary>DECISIONS.md "Files": the spec's 7.1 columns in order, then the six additions.</summary>
    public static readonly string[] ExpectedTradeColumns =
    [
        "trade_id", "mode", "segment", "index_symbol", "index_entry_spot", "time_interval", "rsi_period", "signal_type",
        "option_symbol", "option_type", "strike_price", "expiry", "lots", "entry_time", "entry_price", "stop_loss_points",
        "initial_sl_price", "trailing_stop_points", "exit_time", "exit_price", "exit_reason", "pnl_points", "pnl_value",
        "return_pct",
        "index_exit_spot", "charges", "net_pnl", "max_quantity", "pyramid_adds", "max_favorable_excursion", "max_adverse_excursion",
    ];

    private static readonly string[] ExpectedEventColumns =
        ["time", "mode", "segment", "event_type", "message", "trade_id", "option_symbol", "spot", "price", "quantity"];

    private sealed record SegmentRules(string Segment, int LotSize, int LotAddition, int MaxQuantity, int MaxTradesPerDay);

    private static readonly SegmentRules Nifty = new("NIFTY", 65, 5, 1500, 5);
    private static readonly SegmentRules BankNifty = new("BANKNIFTY", 30, 10, 1000, 5);

    // ---------------------------------------------------------------- whole year, 5-minute NIFTY

    [Fact]
    public void Year_run_exits_zero_and_writes_the_three_files()
    {
        Assert.Equal(CliErrors.Ok, year.ExitCode);
        Assert.True(File.Exists(year.Trades));
        Assert.True(File.Exists(year.Events));
        Assert.True(File.Exists(year.Workbook));
        // Only the three files and parameters.json: the staging folder is gone.
        Assert.Equal(4, Directory.EnumerateFileSystemEntries(year.Dir.Path).Count());
        Assert.True(File.Exists(year.Dir.File("parameters.json")));
    }

    [Fact]
    public void Year_run_trade_header_is_exactly_the_decided_column_order()
    {
        var firstLine = File.ReadLines(year.Trades).First();
        Assert.Equal(string.Join(',', ExpectedTradeColumns), firstLine);
        Assert.Equal(string.Join(',', ExpectedEventColumns), File.ReadLines(year.Events).First());
    }

    [Fact]
    public void Year_run_trades_hold_every_invariant_and_match_the_events()
    {
        var trades = CsvTable.Read(year.Trades);
        Assert.True(trades.Rows.Count > 100, $"only {trades.Rows.Count} trades in a year");
        AssertTradeInvariants(trades, CsvTable.Read(year.Events), Nifty);
    }

    [Fact]
    public void Year_run_is_deterministic_byte_for_byte()
    {
        using var again = new TempDir();
        Assert.Equal(0, BacktestCommand.Run(new BacktestRequest(["NIFTY"], [Repo.NiftyYear5], null, [], null, null, null, again.Path)));
        Assert.Equal(File.ReadAllBytes(year.Trades), File.ReadAllBytes(again.File("backtest_trades_NIFTY.csv")));
        Assert.Equal(File.ReadAllBytes(year.Events), File.ReadAllBytes(again.File("backtest_events_NIFTY.csv")));
    }

    // ---------------------------------------------------------------- --from / --to

    [Fact]
    public void From_to_restricts_trading_days_and_earlier_candles_only_warm_the_indicators()
    {
        // A day on which the full run enters at 09:20 (the close of the first candle): only possible
        // if the indicators were warmed by the days before --from.
        var full = CsvTable.Read(year.Trades);
        var first920 = full.Rows.First(r => full.Get(r, "entry_time").EndsWith(" 09:20:00", StringComparison.Ordinal)
                                             && full.Time(r, "entry_time") >= new DateTime(2024, 9, 1));
        var from = DateOnly.FromDateTime(full.Time(first920, "entry_time"));
        var to = from.AddDays(6);

        using var dir = new TempDir();
        var code = BacktestCommand.Run(new BacktestRequest(["NIFTY"], [Repo.NiftyYear5], null, [],
            from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, dir.Path));
        Assert.Equal(0, code);
        var part = CsvTable.Read(dir.File("backtest_trades_NIFTY.csv"));
        Assert.NotEmpty(part.Rows);
        foreach (var r in part.Rows)
        {
            var entryDay = DateOnly.FromDateTime(part.Time(r, "entry_time"));
            var exitDay = DateOnly.FromDateTime(part.Time(r, "exit_time"));
            Assert.InRange(entryDay, from, to);
            Assert.InRange(exitDay, from, to);
        }
        Assert.Equal($"{from:yyyy-MM-dd} 09:20:00", part.Get(part.Rows[0], "entry_time"));

        // Every day starts flat with its count and re-entry reset, and the indicators carry on, so the
        // window's trades are exactly the full run's trades on those days.
        var expected = full.Rows
            .Where(r => DateOnly.FromDateTime(full.Time(r, "entry_time")) is var d && d >= from && d <= to)
            .Select(r => string.Join(',', r)).ToList();
        Assert.Equal(expected, part.Rows.Select(r => string.Join(',', r)).ToList());
        AssertTradeInvariants(part, CsvTable.Read(dir.File("backtest_events_NIFTY.csv")), Nifty);
    }

    // ---------------------------------------------------------------- 1-minute files, two segments in one run, stop candles

    [Fact]
    public void Two_one_minute_files_resampled_to_five_minutes_in_one_run_each_get_their_own_files()
    {
        using var dir = new TempDir();
        var code = BacktestCommand.Run(new BacktestRequest(
            ["NIFTY", "BANKNIFTY"], [Repo.Nifty1, Repo.BankNifty1], "5minute", [], null, null, null, dir.Path));
        Assert.Equal(0, code);
        var expectedFiles = new[] { "NIFTY", "BANKNIFTY" }
            .SelectMany(s => new[] { $"backtest_trades_{s}.csv", $"backtest_events_{s}.csv", $"backtest_{s}.xlsx" }).Append("parameters.json")
            .Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expectedFiles, Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());

        foreach (var rules in new[] { Nifty, BankNifty })
        {
            var trades = CsvTable.Read(dir.File($"backtest_trades_{rules.Segment}.csv"));
            Assert.NotEmpty(trades.Rows);
            Assert.All(trades.Rows, r => Assert.Equal(rules.Segment, trades.Get(r, "segment")));
            Assert.All(trades.Rows, r => Assert.Equal("5minute", trades.Get(r, "time_interval")));
            AssertTradeInvariants(trades, CsvTable.Read(dir.File($"backtest_events_{rules.Segment}.csv")), rules);
        }

        // Without global limits (the default) a segment run alone gives the same trades as beside another one.
        using var alone = new TempDir();
        Assert.Equal(0, BacktestCommand.Run(new BacktestRequest(["BANKNIFTY"], [Repo.BankNifty1], "5minute", [], null, null, null, alone.Path)));
        Assert.Equal(File.ReadAllBytes(dir.File("backtest_trades_BANKNIFTY.csv")), File.ReadAllBytes(alone.File("backtest_trades_BANKNIFTY.csv")));
    }

    [Fact]
    public void Stop_candles_one_minute_under_five_minute_signals()
    {
        using var plain = new TempDir();
        using var fine = new TempDir();
        Assert.Equal(0, BacktestCommand.Run(new BacktestRequest(["NIFTY"], [Repo.Nifty1], "5minute", [], null, null, null, plain.Path)));
        Assert.Equal(0, BacktestCommand.Run(new BacktestRequest(["NIFTY"], [Repo.Nifty1], "5minute", [Repo.Nifty1], null, null, null, fine.Path)));

        var trades = CsvTable.Read(fine.File("backtest_trades_NIFTY.csv"));
        Assert.NotEmpty(trades.Rows);
        AssertTradeInvariants(trades, CsvTable.Read(fine.File("backtest_events_NIFTY.csv")), Nifty);
        // Entries still happen only at 5-minute closes; stop exits may land on any minute.
        Assert.All(trades.Rows, r => Assert.Equal(0, trades.Time(r, "entry_time").Minute % 5));
        Assert.Contains(trades.Rows, r => trades.Get(r, "exit_reason") != "EOD square-off" && trades.Time(r, "exit_time").Minute % 5 != 0);
        // The finer stops change the result (otherwise the option would have been ignored).
        Assert.NotEqual(File.ReadAllBytes(plain.File("backtest_trades_NIFTY.csv")), File.ReadAllBytes(fine.File("backtest_trades_NIFTY.csv")));
    }

    [Fact]
    public void Built_executable_runs_a_backtest_as_a_child_process()
    {
        using var dir = new TempDir();
        var (code, stdout, stderr) = Repo.RunApp("backtest", "--segment", "NIFTY", "--candles", Repo.NiftyYear5, "--out", dir.Path);
        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.Contains("NIFTY:", stdout);
        Assert.Contains("MODELLED", stdout);
        // Same bytes as the in-process run.
        Assert.Equal(File.ReadAllBytes(year.Trades), File.ReadAllBytes(dir.File("backtest_trades_NIFTY.csv")));
        Assert.Equal(4, Directory.EnumerateFileSystemEntries(dir.Path).Count());
    }

    [Fact]
    public void Built_executable_refuses_with_exit_code_2_and_one_error_line()
    {
        using var dir = new TempDir();
        var outDir = Path.Combine(dir.Path, "out");
        var (code, _, stderr) = Repo.RunApp("backtest", "--segment", "FOO", "--candles", Repo.NiftyYear5, "--out", outDir);
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", stderr);
        Assert.Contains("FOO", stderr);
        Assert.DoesNotContain("   at ", stderr); // no stack trace
        Assert.False(Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any());
    }

    // ---------------------------------------------------------------- refusals

    public static TheoryData<string> RefusalCases => new()
    {
        "unknown segment", "from after to", "bad date text", "segment/candles count mismatch", "bad csv line",
        "not a candle file", "stop candles coarser than the interval", "segment given twice", "stop candles count mismatch",
    };

    [Theory]
    [MemberData(nameof(RefusalCases))]
    public void Refused_runs_exit_2_name_the_fault_and_write_nothing(string @case)
    {
        using var dir = new TempDir();
        var five = SyntheticCandles.Write(dir.File("five.csv"), 3, 5, new DateOnly(2024, 9, 2));
        var (request, expected) = Refusal(@case, dir, five, outDir: Path.Combine(dir.Path, "out"));

        var error = Assert.ThrowsAny<Exception>(() => BacktestCommand.Run(request));
        foreach (var fragment in expected) Assert.Contains(fragment, error.Message);
        Assert.Equal(CliErrors.BadInput, CliErrors.Run(() => BacktestCommand.Run(request)));
        Assert.True(!Directory.Exists(request.Out) || !Directory.EnumerateFileSystemEntries(request.Out).Any(),
            "the refused run wrote into the out folder: " + string.Join(", ", Directory.Exists(request.Out) ? Directory.EnumerateFileSystemEntries(request.Out) : []));
    }

    [Theory]
    [MemberData(nameof(RefusalCases))]
    public void A_file_already_in_the_out_folder_survives_a_refused_run_unchanged(string @case)
    {
        using var dir = new TempDir();
        var five = SyntheticCandles.Write(dir.File("five.csv"), 3, 5, new DateOnly(2024, 9, 2));
        var outDir = Path.Combine(dir.Path, "out");
        Directory.CreateDirectory(outDir);
        var keep = Path.Combine(outDir, "backtest_trades_NIFTY.csv");
        File.WriteAllText(keep, "an earlier run's trades\n");
        var stamp = File.GetLastWriteTimeUtc(keep);
        var (request, _) = Refusal(@case, dir, five, outDir);

        Assert.Equal(CliErrors.BadInput, CliErrors.Run(() => BacktestCommand.Run(request)));
        Assert.Equal(new[] { keep }, Directory.EnumerateFileSystemEntries(outDir).ToArray()); // no staging folder either
        Assert.Equal("an earlier run's trades\n", File.ReadAllText(keep));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(keep));
    }

    private static (BacktestRequest Request, string[] Expected) Refusal(string @case, TempDir dir, string five, string outDir)
    {
        BacktestRequest R(string[] segments, string[] candles, string[]? stops = null, string? from = null, string? to = null, string? interval = null) =>
            new(segments, candles, interval, stops ?? [], from, to, null, outDir);

        switch (@case)
        {
            case "unknown segment":
                return (R(["FOO"], [five]), ["--segment", "FOO", "NIFTY"]);
            case "from after to":
                return (R(["NIFTY"], [five], from: "2024-09-10", to: "2024-09-03"), ["--from 2024-09-10", "after --to 2024-09-03"]);
            case "bad date text":
                return (R(["NIFTY"], [five], from: "03/09/2024"), ["--from", "03/09/2024"]);
            case "segment/candles count mismatch":
                return (R(["NIFTY", "BANKNIFTY"], [five]), ["2 segment(s)", "1 candle file(s)"]);
            case "stop candles count mismatch":
                return (R(["NIFTY", "BANKNIFTY"], [five, five], stops: [five]), ["--stop-candles", "2 segment(s)"]);
            case "bad csv line":
            {
                var bad = dir.File("bad.csv");
                var lines = File.ReadAllLines(five);
                lines[3] = lines[3].Split(',') is var f ? $"{f[0]},{f[1]},{f[2]},{f[3]},12x45.5,0" : "";
                File.WriteAllLines(bad, lines);
                return (R(["NIFTY"], [bad]), [$"{bad}:4", "close", "12x45.5"]);
            }
            case "not a candle file":
            {
                var trades = dir.File("trades.csv");
                File.WriteAllText(trades, "trade_id,mode,segment\nNIFTY-20240902-01,BACKTEST,NIFTY\n");
                return (R(["NIFTY"], [trades]), [trades, "not a candle file", "date,open,high,low,close,volume"]);
            }
            case "stop candles coarser than the interval":
            {
                var fifteen = SyntheticCandles.Write(dir.File("fifteen.csv"), 3, 15, new DateOnly(2024, 9, 2));
                return (R(["NIFTY"], [five], stops: [fifteen], interval: "5minute"), [fifteen, "15minute", "finer"]);
            }
            case "segment given twice":
                return (R(["NIFTY", "nifty"], [five, five]), ["NIFTY", "twice"]);
            default:
                throw new ArgumentOutOfRangeException(nameof(@case), @case, null);
        }
    }

    // ---------------------------------------------------------------- invariants

    private static void AssertTradeInvariants(CsvTable trades, CsvTable events, SegmentRules rules)
    {
        Assert.Equal(ExpectedTradeColumns, trades.Header);
        Assert.Equal(ExpectedEventColumns, events.Header);
        var windowStart = new TimeSpan(9, 20, 0);
        var squareOff = new TimeSpan(15, 15, 0);
        var ids = new HashSet<string>();
        DateTime? previousExit = null;

        foreach (var r in trades.Rows)
        {
            var id = trades.Get(r, "trade_id");
            Assert.True(ids.Add(id), $"trade id {id} repeats");
            Assert.Equal("BACKTEST", trades.Get(r, "mode"));
            Assert.Equal(rules.Segment, trades.Get(r, "segment"));
            foreach (var c in new[] { "entry_time", "exit_time" })
                Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", trades.Get(r, c));
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", trades.Get(r, "expiry"));

            var entry = trades.Time(r, "entry_time");
            var exit = trades.Time(r, "exit_time");
            Assert.True(entry.TimeOfDay >= windowStart && entry.TimeOfDay < squareOff, $"{id}: entry {entry} outside 09:20-15:15");
            Assert.Equal(entry.Date, exit.Date);
            Assert.True(exit >= entry, $"{id}: exit {exit} before entry {entry}");
            Assert.True(exit.TimeOfDay <= squareOff, $"{id}: exit {exit} after the 15:15 square-off");
            Assert.True(previousExit is null || entry >= previousExit, $"{id}: entered at {entry} before the previous trade exited at {previousExit}");
            previousExit = exit;
            Assert.True(DateOnly.FromDateTime(entry) <= DateOnly.ParseExact(trades.Get(r, "expiry"), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                $"{id}: contract expired before the entry");

            var pnl = trades.Dec(r, "pnl_value");
            var charges = trades.Dec(r, "charges");
            Assert.True(charges > 0, $"{id}: no charges");
            Assert.Equal(pnl - charges, trades.Dec(r, "net_pnl"));

            var lots = trades.Int(r, "lots");
            var maxQty = trades.Int(r, "max_quantity");
            var adds = trades.Int(r, "pyramid_adds");
            Assert.Equal(lots * rules.LotSize, maxQty);
            Assert.InRange(maxQty, rules.LotSize, rules.MaxQuantity);
            Assert.InRange(lots, 1 + adds, 1 + adds * rules.LotAddition); // each add adds 1..LotAddition lots
            Assert.True(trades.Dec(r, "max_favorable_excursion") >= 0 && trades.Dec(r, "max_adverse_excursion") >= 0, $"{id}: negative excursion");
            Assert.Contains(trades.Get(r, "exit_reason"), new[] { "SL hit", "Trailing SL", "EOD square-off", "Profit target" });
            Assert.Equal(trades.Get(r, "signal_type") == "BUY_CE" ? "CE" : "PE", trades.Get(r, "option_type"));
            Assert.EndsWith(trades.Get(r, "option_type"), trades.Get(r, "option_symbol"));
        }

        foreach (var day in trades.Rows.GroupBy(r => trades.Time(r, "entry_time").Date))
            Assert.True(day.Count() <= rules.MaxTradesPerDay, $"{day.Key:yyyy-MM-dd}: {day.Count()} trades");

        Assert.All(events.Rows, e => Assert.Equal("BACKTEST", events.Get(e, "mode")));
        Assert.All(events.Rows, e => Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", events.Get(e, "time")));
        var byTrade = events.Rows.Where(e => events.Get(e, "trade_id").Length > 0).ToLookup(e => events.Get(e, "trade_id"));
        var entries = events.Rows.Count(e => events.Get(e, "event_type") == "ENTRY");
        var exits = events.Rows.Count(e => events.Get(e, "event_type") == "EXIT");
        Assert.Equal(trades.Rows.Count, entries);
        Assert.Equal(trades.Rows.Count, exits);
        foreach (var r in trades.Rows)
        {
            var id = trades.Get(r, "trade_id");
            var mine = byTrade[id].ToList();
            var en = Assert.Single(mine, e => events.Get(e, "event_type") == "ENTRY");
            var ex = Assert.Single(mine, e => events.Get(e, "event_type") == "EXIT");
            Assert.Equal(trades.Get(r, "entry_time"), events.Get(en, "time"));
            Assert.Equal(trades.Get(r, "exit_time"), events.Get(ex, "time"));
            Assert.Equal(trades.Get(r, "option_symbol"), events.Get(en, "option_symbol"));
            Assert.Equal(trades.Get(r, "option_symbol"), events.Get(ex, "option_symbol"));
            Assert.Equal(trades.Dec(r, "index_entry_spot"), events.Dec(en, "spot"));
            Assert.Equal(trades.Dec(r, "index_exit_spot"), events.Dec(ex, "spot"));
            Assert.Equal(trades.Dec(r, "exit_price"), events.Dec(ex, "price"));
            Assert.Equal(trades.Int(r, "max_quantity"), events.Int(ex, "quantity"));
            Assert.Equal(rules.LotSize, events.Int(en, "quantity")); // one lot at entry
            Assert.StartsWith(trades.Get(r, "exit_reason") + ":", events.Get(ex, "message"));
            Assert.Equal(trades.Int(r, "pyramid_adds"), mine.Count(e => events.Get(e, "event_type") == "PYRAMID_ADD"));
        }
    }
}
