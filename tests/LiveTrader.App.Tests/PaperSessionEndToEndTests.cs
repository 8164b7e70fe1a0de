using LiveTrader.App.Commands;
using LiveTrader.Core.Market;
using LiveTrader.Engine.Session;

namespace LiveTrader.App.Tests;

/// <summary>A whole simulated day of paper trading on the in-process simulator at high speed, then
/// the parity guarantee: replaying its recordings with <c>backtest --ticks</c> gives the same trades.</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class PaperSessionEndToEndTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 1, 7);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    // x300: the simulator ticks every instrument every simulated second, so three segments with their
    // watched options are some 10 000 ticks a real second here, which a shared machine still keeps up with.
    [Fact]
    public async Task A_paper_day_trades_every_segment_writes_its_logs_and_its_replay_matches_it_trade_for_trade()
    {
        var paper = _temp.Combine("paper");
        var (exit, stdout, stderr) = await Capture(() => PaperCommand.RunAsync(new PaperCommand.PaperRequest(
            "sim", null, [], "2026-01-07", 300, 1, null, paper, null, TimeSpan.FromSeconds(1)), CancellationToken.None));
        Assert.True(exit == 0, stderr);
        Assert.Contains("Paper session on 2026-01-07", stdout);

        var trades = File.ReadAllLines(Path.Combine(paper, DailyLogs.TradesFile(Day)));
        var events = File.ReadAllLines(Path.Combine(paper, DailyLogs.EventsFile(Day)));
        Assert.Equal(string.Join(',', Engine.Reports.TradeLogCsv.Columns), trades[0]);
        var rows = trades.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(Segments.All, s => Assert.Contains(rows, r => r[2] == s.ToString()));
        Assert.All(rows, r => Assert.Equal("PAPER", r[1]));
        Assert.Equal(rows.Count, rows.Select(r => r[0]).Distinct().Count());
        // Every trade is entered inside the window and closed by the square-off.
        Assert.All(rows, r => Assert.InRange(TimeOnly.Parse(r[13][11..]), new TimeOnly(9, 20), new TimeOnly(15, 14, 59)));
        // Anything open at 15:15 leaves on the first input the agent handled at or after it (an index
        // tick or a clock beat), unless that fill was refused and retried: judged from the recording,
        // so a slow machine that delivers 15:15's inputs late cannot fail it.
        foreach (var r in rows.Where(r => TimeOnly.Parse(r[18][11..]) > new TimeOnly(15, 15)))
        {
            Assert.Equal("EOD square-off", r[20]);
            var segment = Enum.Parse<Segment>(r[2]);
            var firstAfter = SessionRecorder.Read(Path.Combine(paper, "recordings", SessionRecorder.FileName(segment, Day)))
                .Select(l => l.Input).First(i => i is IndexTickInput or ClockInput && Ist.TimeOf(i.Time) >= new TimeOnly(15, 15))!;
            var delayed = events.Any(l => l.Contains(",EXIT_DELAYED,", StringComparison.Ordinal) && l.Contains(r[0], StringComparison.Ordinal));
            if (!delayed) Assert.Equal(Ist.Format(firstAfter.Time), r[18]);
        }
        Assert.Equal(rows.Count, events.Count(l => l.Contains(",EXIT,", StringComparison.Ordinal)));
        // A day of all three segments exercises the whole agent: trails, pyramids and the square-off.
        Assert.Contains(events, l => l.Contains(",TRAIL_MOVED,", StringComparison.Ordinal));
        Assert.Contains(events, l => l.Contains(",PYRAMID_ADD,", StringComparison.Ordinal));
        Assert.Contains(events, l => l.Contains(",SL_QTY_UPDATED,", StringComparison.Ordinal));

        var (exportExit, exportOut, exportErr) = await Capture(() => Task.FromResult(CliErrors.Run(() => ExportCommand.Run(null, paper, null))));
        Assert.True(exportExit == 0, exportErr);
        var workbook = Path.Combine(paper, DayWorkbook.FileName(Day));
        Assert.Contains(workbook, exportOut);
        Assert.Equal(["Trades", "Events", "Orders", "Daily", "Summary"], MiniExcelLibs.MiniExcel.GetSheetNames(workbook));
        // The Orders sheet is the day's order ledger: one row per state, as live_orders_<date>.csv.
        var orderRows = MiniExcelLibs.MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "Orders").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(File.ReadAllLines(Path.Combine(paper, DailyLogs.OrdersFile(Day))).Length - 1, orderRows.Count);
        // Every trade closed by one sell order: the agent's exit, or its protective stop filled at the
        // venue (an order above the freeze quantity goes out as children: the parent's id and a letter).
        static string Parent(string id) => char.IsAsciiLetter(id[^1]) ? id[..^1] : id;
        var closingSells = orderRows.Where(o => (string)o["purpose"] is "EXIT" or "PROTECTIVE_STOP" && (string)o["state"] == "COMPLETE")
            .Select(o => Parent((string)o["client_order_id"])).Distinct().Count();
        Assert.Equal(rows.Count, closingSells);
        Assert.Contains(orderRows, o => (string)o["purpose"] == "PROTECTIVE_STOP" && (string)o["order_type"] == "SL");
        Assert.All(orderRows, o => Assert.IsType<DateTime>(o["time"]));
        var exported = MiniExcelLibs.MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "Trades").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(rows.Select(r => r[0]), exported.Select(x => (string)x["trade_id"]));
        Assert.All(exported, x => Assert.IsType<DateTime>(x["entry_time"]));

        var replay = _temp.Combine("replay");
        var recordings = Segments.All.Select(s => Path.Combine(paper, "recordings", SessionRecorder.FileName(s, Day))).ToArray();
        var (replayExit, _, replayErr) = await Capture(() => Task.FromResult(CliErrors.Run(() => BacktestCommand.Run(
            new BacktestCommand.BacktestRequest([], [], null, [], null, null, null, replay) { Ticks = recordings }))));
        Assert.True(replayExit == 0, replayErr);

        foreach (var segment in Segments.All)
        {
            var live = trades.Skip(1).Where(l => l.StartsWith($"{segment}-", StringComparison.Ordinal)).Select(l => l.Replace(",PAPER,", ",", StringComparison.Ordinal));
            var replayed = File.ReadAllLines(Path.Combine(replay, $"backtest_trades_{segment}.csv")).Skip(1).Select(l => l.Replace(",BACKTEST,", ",", StringComparison.Ordinal));
            Assert.Equal(live, replayed);
        }

        // The replay records what it read (each recording by content), and runs again from that record to the same trades.
        var recorded = Engine.Runs.RunParameters.Read(Path.Combine(replay, Engine.Runs.RunParameters.FileName));
        Assert.Equal(Engine.Runs.BacktestSources.Ticks, recorded.Source);
        Assert.Equal(recordings.Select(Path.GetFullPath), recorded.Recordings.Select(r => r.Path));
        var again = _temp.Combine("again");
        var (againExit, _, againErr) = await Capture(() => Task.FromResult(CliErrors.Run(() => BacktestCommand.Run(
            new BacktestCommand.BacktestRequest([], [], null, [], null, null, null, again) { Parameters = Path.Combine(replay, Engine.Runs.RunParameters.FileName) }))));
        Assert.True(againExit == 0, againErr);
        foreach (var segment in Segments.All)
            Assert.Equal(File.ReadAllBytes(Path.Combine(replay, $"backtest_trades_{segment}.csv")), File.ReadAllBytes(Path.Combine(again, $"backtest_trades_{segment}.csv")));

        // Two recordings of one segment are not one day's account: refused, naming the file, nothing written.
        var twice = _temp.Combine("twice");
        var (twiceExit, _, twiceErr) = await Capture(() => Task.FromResult(CliErrors.Run(() => BacktestCommand.Run(
            new BacktestCommand.BacktestRequest([], [], null, [], null, null, null, twice) { Ticks = [recordings[0], recordings[0]] }))));
        Assert.NotEqual(0, twiceExit);
        Assert.Contains($"{recordings[0]}: a second recording of NIFTY", twiceErr);
        Assert.False(Directory.Exists(twice));

        // Under global limits the replay is one account too: the trades the same recordings give when
        // run through a paper session (paper --feed recording). A rupee either way stops every segment
        // once any trade has closed, so the limits surely bite.
        var limited = Configuration.SettingsLoader.Load(null);
        limited.Risk.DailyLossLimit = 1m;
        limited.Risk.DailyProfitTarget = 1m;
        var oneAccount = Engine.Backtest.TickReplay.RunAll(recordings, limited);
        var rerun = _temp.Combine("rerun");
        RecordedSession.Run(Path.Combine(paper, "recordings"), rerun, limited, CancellationToken.None);
        var rerunIds = File.ReadAllLines(Path.Combine(rerun, DailyLogs.TradesFile(Day))).Skip(1).Select(l => l.Split(',')[0]).Order();
        Assert.Equal(rerunIds, oneAccount.SelectMany(r => r.Trades).Select(t => t.TradeId).Order());
        Assert.True(oneAccount.Sum(r => r.Trades.Count) < rows.Count, "the global limits should stop some trades");
        Assert.Contains(oneAccount.SelectMany(r => r.Events), e => e.Message.Contains("global daily", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_a_stop_with_close_on_stop_every_entry_has_its_exit_and_its_trade_row()
    {
        var paper = _temp.Combine("stopped");
        var (exit, stdout, stderr) = await Capture(() => PaperCommand.RunAsync(new PaperCommand.PaperRequest(
            "sim", null, [], "2026-01-07", 300, 1, "11:30", paper, null, TimeSpan.FromSeconds(1)) { CloseOnStop = true }, CancellationToken.None));
        Assert.True(exit == 0, stderr);

        var events = File.ReadAllLines(Path.Combine(paper, DailyLogs.EventsFile(Day)));
        var entries = events.Count(l => l.Contains(",ENTRY,", StringComparison.Ordinal));
        var exits = events.Count(l => l.Contains(",EXIT,", StringComparison.Ordinal));
        Assert.True(entries > 0, "the morning should trade");
        Assert.Equal(entries, exits);
        Assert.Equal(entries, File.ReadAllLines(Path.Combine(paper, DailyLogs.TradesFile(Day))).Length - 1);
    }

    [Theory]
    [InlineData("tick", null, null, "--feed: 'tick' is not sim, kite or recording")]
    [InlineData("sim", "NIFTY,FINNIFTY", null, "--segments: unknown segment 'FINNIFTY'")]
    [InlineData("sim", null, "25:00", "--until: '25:00' is not a time")]
    public async Task Impossible_arguments_are_refused_with_exit_2(string feed, string? segments, string? until, string message)
    {
        var (exit, _, stderr) = await Capture(() => CliErrors.RunAsync(() => PaperCommand.RunAsync(new PaperCommand.PaperRequest(
            feed, segments, [], null, 60, 1, until, _temp.Combine("out"), null, TimeSpan.FromSeconds(1)), CancellationToken.None)));
        Assert.Equal(2, exit);
        Assert.StartsWith($"error: {message}", stderr);
        Assert.False(Directory.Exists(_temp.Combine("out")));
    }

    [Fact]
    public async Task The_kite_feed_without_credentials_says_login_required()
    {
        var saved = (Environment.GetEnvironmentVariable("KITE_API_KEY"), Environment.GetEnvironmentVariable("KITE_ACCESS_TOKEN"));
        Environment.SetEnvironmentVariable("KITE_API_KEY", null);
        Environment.SetEnvironmentVariable("KITE_ACCESS_TOKEN", null);
        try
        {
            var (exit, _, stderr) = await Capture(() => CliErrors.RunAsync(() => PaperCommand.RunAsync(new PaperCommand.PaperRequest(
                "kite", null, [], null, 1, 1, null, _temp.Combine("out"), null, TimeSpan.FromSeconds(1)), CancellationToken.None)));
            Assert.Equal(2, exit);
            Assert.Contains("login required", stderr);
        }
        finally
        {
            Environment.SetEnvironmentVariable("KITE_API_KEY", saved.Item1);
            Environment.SetEnvironmentVariable("KITE_ACCESS_TOKEN", saved.Item2);
        }
    }

    private static async Task<(int Exit, string Out, string Err)> Capture(Func<Task<int>> run)
    {
        var oldOut = Console.Out;
        var oldErr = Console.Error;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            return (await run(), stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }
}
