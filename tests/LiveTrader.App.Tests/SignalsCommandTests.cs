using System.Globalization;
using LiveTrader.App.Commands;

namespace LiveTrader.App.Tests;

/// <summary>The <c>signals</c> command, in process and as the real executable, and the CLI's error
/// contract (<c>error: ...</c> on stderr, exit code 2, nothing half-written).</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class SignalsCommandTests : IDisposable
{
    private const string Header = "date,open,high,low,close,volume";
    private const string OutHeader = "date,open,high,low,close,volume,rsi,price_strength,volume_strength,signal";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A deterministic wavy day of 5-minute candles (09:15 onwards): enough swings for
    /// Price Strength and Volume Strength to cross both ways.</summary>
    private static List<(string Date, decimal Open, decimal High, decimal Low, decimal Close, long Volume)> WavyDay(int count, int stepMinutes = 5)
    {
        var rows = new List<(string, decimal, decimal, decimal, decimal, long)>();
        var previous = 24000m;
        for (var i = 0; i < count; i++)
        {
            var m = 9 * 60 + 15 + i * stepMinutes;
            var close = Math.Round(24000m + (decimal)(60 * Math.Sin(i / 3.0)) + (i % 4) * 3m, 2);
            var open = previous;
            rows.Add(($"2024-07-26T{m / 60:00}:{m % 60:00}:00+05:30", open, Math.Max(open, close) + 2.5m, Math.Min(open, close) - 1.25m, close, 1000 + i));
            previous = close;
        }
        return rows;
    }

    private static string Csv(IEnumerable<(string Date, decimal Open, decimal High, decimal Low, decimal Close, long Volume)> rows) =>
        Header + "\n" + string.Join("\n", rows.Select(r => string.Join(',',
            r.Date, r.Open.ToString(CultureInfo.InvariantCulture), r.High.ToString(CultureInfo.InvariantCulture),
            r.Low.ToString(CultureInfo.InvariantCulture), r.Close.ToString(CultureInfo.InvariantCulture), r.Volume))) + "\n";

    /// <summary>DECISIONS.md's lines, computed independently: Wilder RSI(9), EMA(3) of RSI seeded with
    /// the mean of the first 3, WMA(6) of RSI with weights 1..6, TradingView crosses plus candle colour.</summary>
    private static (double? Rsi, double? Ps, double? Vs, string Signal)[] Reference(IReadOnlyList<(string Date, decimal Open, decimal High, decimal Low, decimal Close, long Volume)> rows)
    {
        const int n = 9;
        var result = new (double?, double?, double?, string)[rows.Count];
        var rsis = new List<double>();
        double avgGain = 0, avgLoss = 0;
        double? ema = null;
        double? prevPs = null, prevVs = null;
        for (var i = 0; i < rows.Count; i++)
        {
            double? rsi = null;
            if (i >= n)
            {
                if (i == n)
                {
                    for (var k = 1; k <= n; k++)
                    {
                        var d = (double)(rows[k].Close - rows[k - 1].Close);
                        avgGain += Math.Max(d, 0) / n;
                        avgLoss += Math.Max(-d, 0) / n;
                    }
                }
                else
                {
                    var d = (double)(rows[i].Close - rows[i - 1].Close);
                    avgGain = (avgGain * (n - 1) + Math.Max(d, 0)) / n;
                    avgLoss = (avgLoss * (n - 1) + Math.Max(-d, 0)) / n;
                }
                rsi = avgLoss == 0 ? (avgGain == 0 ? 50 : 100) : 100 - 100 / (1 + avgGain / avgLoss);
                rsis.Add(rsi.Value);
            }
            double? ps = null, vs = null;
            if (rsis.Count == 3) ema = rsis.Average();
            else if (rsis.Count > 3 && rsi is double r) ema = r * 0.5 + ema!.Value * 0.5;
            if (rsis.Count >= 3) ps = ema;
            if (rsis.Count >= 6)
            {
                var last = rsis.Skip(rsis.Count - 6).ToArray();
                vs = Enumerable.Range(0, 6).Sum(k => (k + 1) * last[k]) / 21.0;
            }
            var signal = "HOLD";
            if (ps is double p && vs is double v && prevPs is double pp && prevVs is double pv)
            {
                if (p > v && pp <= pv && rows[i].Close > rows[i].Open) signal = "BUY_CE";
                else if (p < v && pp >= pv && rows[i].Close < rows[i].Open) signal = "BUY_PE";
            }
            prevPs = ps;
            prevVs = vs;
            result[i] = (rsi, ps, vs, signal);
        }
        return result;
    }

    private static void AssertLineCell(string cell, double? expected, string what)
    {
        if (expected is null)
        {
            Assert.True(cell.Length == 0, $"{what}: expected an empty warm-up cell, got '{cell}'");
            return;
        }
        var dot = cell.IndexOf('.');
        Assert.True(dot > 0 && cell.Length - dot - 1 >= 6, $"{what}: '{cell}' has fewer than 6 decimals");
        var actual = double.Parse(cell, CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(actual - expected.Value) < 1e-6, $"{what}: {cell} differs from the reference {expected.Value:R}");
    }

    private static void AssertSignalsFile(string outFile, IReadOnlyList<(string Date, decimal Open, decimal High, decimal Low, decimal Close, long Volume)> rows)
    {
        var lines = File.ReadAllText(outFile).Split('\n');
        Assert.Equal("", lines[^1]); // ends with one newline
        lines = lines[..^1];
        Assert.Equal(OutHeader, lines[0]);
        Assert.Equal(rows.Count + 1, lines.Length);
        var reference = Reference(rows);
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = lines[i + 1].Split(',');
            Assert.Equal(10, cells.Length);
            var r = rows[i];
            Assert.Equal(r.Date, cells[0]);
            Assert.Equal(r.Open, decimal.Parse(cells[1], CultureInfo.InvariantCulture));
            Assert.Equal(r.High, decimal.Parse(cells[2], CultureInfo.InvariantCulture));
            Assert.Equal(r.Low, decimal.Parse(cells[3], CultureInfo.InvariantCulture));
            Assert.Equal(r.Close, decimal.Parse(cells[4], CultureInfo.InvariantCulture));
            Assert.Equal(r.Volume.ToString(CultureInfo.InvariantCulture), cells[5]);
            AssertLineCell(cells[6], reference[i].Rsi, $"row {i + 1} rsi");
            AssertLineCell(cells[7], reference[i].Ps, $"row {i + 1} price_strength");
            AssertLineCell(cells[8], reference[i].Vs, $"row {i + 1} volume_strength");
            Assert.Equal(reference[i].Signal, cells[9]);
        }
    }

    private string[] FolderEntries(string folder) =>
        Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).OfType<string>().OrderBy(n => n).ToArray();

    // ---- in process ----

    [Fact]
    public void Writes_header_and_one_row_per_candle_with_warm_up_cells_empty_and_lines_as_DECISIONS_define()
    {
        var rows = WavyDay(60);
        var input = _temp.File("candles.csv", Csv(rows));
        var outFile = _temp.Combine("out/signals.csv");

        var (exit, stdout, stderr) = ConsoleCapture.Run(() => CliErrors.Run(() => SignalsCommand.Run(input, null, null, outFile)));

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        AssertSignalsFile(outFile, rows);

        var lines = File.ReadAllLines(outFile);
        // RSI(9) first appears on the 10th candle, PS (EMA 3 of RSI) on the 12th, VS (WMA 6 of RSI) on the 15th.
        Assert.EndsWith(",1008,,,,HOLD", lines[9]);
        Assert.NotEqual("", lines[10].Split(',')[6]);
        Assert.Equal("", lines[11].Split(',')[7]);
        Assert.NotEqual("", lines[12].Split(',')[7]);
        Assert.Equal("", lines[14].Split(',')[8]);
        Assert.NotEqual("", lines[15].Split(',')[8]);

        // The data is chosen so both signals occur; the summary counts them.
        var ce = lines.Count(l => l.EndsWith(",BUY_CE", StringComparison.Ordinal));
        var pe = lines.Count(l => l.EndsWith(",BUY_PE", StringComparison.Ordinal));
        Assert.True(ce > 0 && pe > 0, $"test data should produce both signals (CE {ce}, PE {pe})");
        Assert.Contains($"60 5minute candles, {ce} BUY_CE and {pe} BUY_PE signals -> {outFile}", stdout);
        Assert.DoesNotContain(FolderEntries(_temp.Combine("out")), n => n != "signals.csv");
    }

    [Fact]
    public void Finer_candles_are_resampled_to_the_interval_and_dated_in_IST()
    {
        var minutes = WavyDay(30, stepMinutes: 1); // 09:15 .. 09:44
        var input = _temp.File("minute.csv", Csv(minutes));
        var outFile = _temp.Combine("signals-15.csv");

        var (exit, stdout, _) = ConsoleCapture.Run(() => CliErrors.Run(() => SignalsCommand.Run(input, "15minute", null, outFile)));

        Assert.Equal(0, exit);
        var lines = File.ReadAllLines(outFile);
        Assert.Equal(OutHeader, lines[0]);
        Assert.Equal(3, lines.Length);
        var first = lines[1].Split(',');
        Assert.Equal("2024-07-26T09:15:00+05:30", first[0]);
        Assert.Equal(minutes[0].Open, decimal.Parse(first[1], CultureInfo.InvariantCulture));
        Assert.Equal(minutes.Take(15).Max(m => m.High), decimal.Parse(first[2], CultureInfo.InvariantCulture));
        Assert.Equal(minutes.Take(15).Min(m => m.Low), decimal.Parse(first[3], CultureInfo.InvariantCulture));
        Assert.Equal(minutes[14].Close, decimal.Parse(first[4], CultureInfo.InvariantCulture));
        Assert.Equal(minutes.Take(15).Sum(m => m.Volume).ToString(CultureInfo.InvariantCulture), first[5]);
        Assert.Equal("2024-07-26T09:30:00+05:30", lines[2].Split(',')[0]);
        Assert.Contains("2 15minute candles", stdout);
    }

    [Fact]
    public void Out_of_hours_candles_are_dropped_with_one_warning()
    {
        var rows = WavyDay(20);
        var csv = Csv(rows) + "2024-07-26T15:30:00+05:30,24000,24001,23999,24000.5,0\n2024-07-26T18:16:00+05:30,24000,24001,23999,24000.5,0\n";
        var input = _temp.File("late.csv", csv);
        var outFile = _temp.Combine("signals.csv");

        var (exit, _, stderr) = ConsoleCapture.Run(() => CliErrors.Run(() => SignalsCommand.Run(input, null, null, outFile)));

        Assert.Equal(0, exit);
        Assert.Equal($"warning: {input}: dropped 2 candles outside market hours (09:15-15:30 IST)", stderr.Trim());
        AssertSignalsFile(outFile, rows);
    }

    [Theory]
    [InlineData("2024-07-26T09:40:00+05:30,24000,abc,23990,24001,0", 7, "field 'high'")]
    [InlineData("2024-07-26T09:40:00+05:30,24000,24010,23990", 7, "expected 6 fields, found 4")]
    [InlineData("2024-07-26T09:20:00+05:30,24000,24010,23990,24001,0", 7, "field 'date'")]
    public void Malformed_input_exits_2_naming_file_and_line_and_writes_nothing(string badRow, int line, string what)
    {
        var input = _temp.File("bad.csv", Csv(WavyDay(5)) + badRow + "\n");
        var outFolder = _temp.Combine("out");
        Directory.CreateDirectory(outFolder);
        var outFile = Path.Combine(outFolder, "signals.csv");

        var (exit, stdout, stderr) = ConsoleCapture.Run(() => CliErrors.Run(() => SignalsCommand.Run(input, null, null, outFile)));

        Assert.Equal(CliErrors.BadInput, exit);
        Assert.Equal(2, exit);
        Assert.StartsWith($"error: {input}:{line}: ", stderr);
        Assert.Contains(what, stderr);
        Assert.Single(stderr.Trim().Split('\n')); // one line, no stack trace
        Assert.Equal("", stdout);
        Assert.Empty(FolderEntries(outFolder)); // no output, no temp file
    }

    [Fact]
    public void A_refused_run_does_not_clobber_an_existing_output()
    {
        var rows = WavyDay(40);
        var good = _temp.File("good.csv", Csv(rows));
        var outFolder = _temp.Combine("out");
        var outFile = Path.Combine(outFolder, "signals.csv");
        Assert.Equal(0, ConsoleCapture.Run(() => CliErrors.Run(() => SignalsCommand.Run(good, null, null, outFile))).Exit);
        var before = File.ReadAllBytes(outFile);

        var bad = _temp.File("bad.csv", Csv(rows).Replace(",1039\n", ",-1\n"));
        var (exit, _, stderr) = ConsoleCapture.Run(() => CliErrors.Run(() => SignalsCommand.Run(bad, null, null, outFile)));

        Assert.Equal(2, exit);
        Assert.Contains($"{bad}:41: field 'volume'", stderr);
        Assert.Equal(before, File.ReadAllBytes(outFile));
        Assert.Equal(["signals.csv"], FolderEntries(outFolder));
        AssertSignalsFile(outFile, rows);
    }

    [Fact]
    public void A_missing_candle_file_exits_2()
    {
        var missing = _temp.Combine("nope.csv");
        var outFile = _temp.Combine("signals.csv");
        var (exit, _, stderr) = ConsoleCapture.Run(() => CliErrors.Run(() => SignalsCommand.Run(missing, null, null, outFile)));
        Assert.Equal(2, exit);
        Assert.StartsWith($"error: {missing}: file not found", stderr);
        Assert.False(File.Exists(outFile));
    }

    [Theory]
    [InlineData("7minute")]
    [InlineData("minute")]
    public void An_unknown_or_untradable_interval_exits_2(string interval)
    {
        var input = _temp.File("candles.csv", Csv(WavyDay(20)));
        var outFile = _temp.Combine("signals.csv");
        var (exit, _, stderr) = ConsoleCapture.Run(() => CliErrors.Run(() => SignalsCommand.Run(input, interval, null, outFile)));
        Assert.Equal(2, exit);
        Assert.StartsWith($"error: --interval: unknown timeframe '{interval}'", stderr);
        Assert.False(File.Exists(outFile));
    }

    [Fact]
    public void A_coarser_file_than_the_interval_exits_2()
    {
        var input = _temp.File("candles.csv", Csv(WavyDay(20)));
        var outFile = _temp.Combine("signals.csv");
        var (exit, _, stderr) = ConsoleCapture.Run(() => CliErrors.Run(() => SignalsCommand.Run(input, "3minute", null, outFile)));
        Assert.Equal(2, exit);
        Assert.Contains("cannot be turned into 3minute candles", stderr);
        Assert.False(File.Exists(outFile));
    }

    [Fact]
    public void The_config_timeframe_is_used_when_no_interval_is_given()
    {
        var input = _temp.File("minute.csv", Csv(WavyDay(30, stepMinutes: 1)));
        var config = _temp.File("cfg.json", """{ "LiveTrader": { "Strategy": { "Timeframe": "15minute" } } }""");
        var outFile = _temp.Combine("signals.csv");
        var (exit, stdout, _) = ConsoleCapture.Run(() => CliErrors.Run(() => SignalsCommand.Run(input, null, config, outFile)));
        Assert.Equal(0, exit);
        Assert.Contains("2 15minute candles", stdout);
        Assert.Equal(3, File.ReadAllLines(outFile).Length);
    }

    // ---- the real executable ----

    [Fact]
    public void End_to_end_signals_under_TZ_UTC()
    {
        var rows = WavyDay(60);
        var input = _temp.File("candles.csv", Csv(rows));
        var outFile = _temp.Combine("out/signals.csv");

        var (exit, stdout, stderr) = AppProcess.Run(_temp.Path, new Dictionary<string, string?> { ["TZ"] = "UTC" },
            "signals", "--candles", input, "--out", outFile);

        Assert.True(exit == 0, $"exit {exit}; stderr: {stderr}");
        Assert.Equal("", stderr);
        Assert.Contains("60 5minute candles", stdout);
        AssertSignalsFile(outFile, rows);
    }

    [Fact]
    public void End_to_end_offset_less_input_is_read_as_IST_under_TZ_UTC()
    {
        // 1-minute candles with bare "2024-07-26T09:15:00" times, resampled: the output's computed
        // dates show whether they were taken as IST (09:15+05:30) or as the machine's UTC.
        var minutes = WavyDay(30, stepMinutes: 1).Select(r => r with { Date = r.Date[..19] }).ToList();
        var input = _temp.File("bare.csv", Csv(minutes));
        var outFile = _temp.Combine("signals.csv");

        var (exit, _, stderr) = AppProcess.Run(_temp.Path, new Dictionary<string, string?> { ["TZ"] = "UTC" },
            "signals", "--candles", input, "--interval", "15minute", "--out", outFile);

        Assert.True(exit == 0, $"exit {exit}; stderr: {stderr}");
        var dates = File.ReadAllLines(outFile).Skip(1).Select(l => l.Split(',')[0]).ToArray();
        Assert.Equal(["2024-07-26T09:15:00+05:30", "2024-07-26T09:30:00+05:30"], dates);
    }

    [Fact]
    public void End_to_end_malformed_input_exits_2_with_file_and_line_and_no_output()
    {
        var input = _temp.File("bad.csv", Csv(WavyDay(5)) + "2024-07-26T09:40:00+05:30,1,2,3\n");
        var outFolder = _temp.Combine("out");
        Directory.CreateDirectory(outFolder);

        var (exit, stdout, stderr) = AppProcess.Run(_temp.Path, new Dictionary<string, string?> { ["TZ"] = "UTC" },
            "signals", "--candles", input, "--out", Path.Combine(outFolder, "signals.csv"));

        Assert.Equal(2, exit);
        Assert.Equal($"error: {input}:7: expected 6 fields, found 4", stderr.Trim());
        Assert.Equal("", stdout);
        Assert.Empty(FolderEntries(outFolder));
    }

    [Fact]
    public void End_to_end_relative_paths_mean_the_working_folder()
    {
        var rows = WavyDay(20);
        _temp.File("candles.csv", Csv(rows));

        var (exit, _, stderr) = AppProcess.Run(_temp.Path, null, "signals", "--candles", "candles.csv", "--out", "signals.csv");

        Assert.True(exit == 0, $"exit {exit}; stderr: {stderr}");
        AssertSignalsFile(_temp.Combine("signals.csv"), rows);
    }

    [Fact]
    public void The_demo_runs_and_prints_signals()
    {
        var (exit, stdout, stderr) = AppProcess.Run(_temp.Path, new Dictionary<string, string?> { ["TZ"] = "UTC" }, "demo");

        Assert.True(exit == 0, $"exit {exit}; stderr: {stderr}");
        Assert.Equal("", stderr);
        Assert.StartsWith("LiveTrader demo:", stdout);
        Assert.Contains("time   close      RSI     PS      VS      signal", stdout);
        var signalLines = stdout.Split('\n').Where(l => l.TrimEnd().EndsWith("BUY_CE", StringComparison.Ordinal) || l.TrimEnd().EndsWith("BUY_PE", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(signalLines);
        Assert.All(signalLines, l => Assert.Matches(@"^(09|1[0-5]):[0-5]\d\s", l));
        Assert.Contains($"{signalLines.Count} signals", stdout);
        Assert.Contains("75 candles", stdout);
        Assert.Empty(FolderEntries(_temp.Path)); // the demo writes no files
    }

    [Fact]
    public void The_demo_is_the_same_whatever_the_machine_zone()
    {
        var utc = AppProcess.Run(_temp.Path, new Dictionary<string, string?> { ["TZ"] = "UTC" }, "demo");
        var newYork = AppProcess.Run(_temp.Path, new Dictionary<string, string?> { ["TZ"] = "America/New_York" }, "demo");
        Assert.Equal(0, utc.Exit);
        Assert.Equal(utc.Out, newYork.Out);
    }

    [Fact]
    public void A_bad_config_exits_2_with_one_error_naming_the_field()
    {
        var config = _temp.File("bad.json", """{ "LiveTrader": { "Segments": { "NIFTY": { "LotSize": 0 } } } }""");

        var (exit, stdout, stderr) = AppProcess.Run(_temp.Path, null, "--config", config);

        Assert.Equal(2, exit);
        Assert.StartsWith($"error: Bad configuration in {config} (1 problem):", stderr);
        Assert.Contains("LiveTrader:Segments:NIFTY:LotSize: must be at least 1 (got 0)", stderr);
        Assert.DoesNotContain("   at ", stderr); // no stack trace
        Assert.Equal("", stdout);
    }

    [Fact]
    public void A_bad_config_for_signals_exits_2_and_writes_nothing()
    {
        var input = _temp.File("candles.csv", Csv(WavyDay(20)));
        var config = _temp.File("bad.json", "{ not json");
        var outFile = _temp.Combine("signals.csv");

        var (exit, _, stderr) = AppProcess.Run(_temp.Path, null, "signals", "--candles", input, "--config", config, "--out", outFile);

        Assert.Equal(2, exit);
        Assert.StartsWith($"error: {config}: not valid JSON", stderr);
        Assert.False(File.Exists(outFile));
    }

    [Fact]
    public void A_missing_config_exits_2()
    {
        var missing = _temp.Combine("missing.json");
        var (exit, _, stderr) = AppProcess.Run(_temp.Path, null, "--config", missing);
        Assert.Equal(2, exit);
        Assert.Equal($"error: {missing}: configuration file not found", stderr.Trim());
    }

    [Fact]
    public void Environment_override_reaches_the_executable()
    {
        var (exit, _, stderr) = AppProcess.Run(_temp.Path,
            new Dictionary<string, string?> { ["LIVETRADER_LiveTrader__Strategy__RsiPeriod"] = "1" });
        Assert.Equal(2, exit);
        Assert.Contains("LiveTrader:Strategy:RsiPeriod: must be at least 2 (got 1)", stderr);
    }

    [Fact]
    public void An_output_path_that_is_a_folder_is_refused_without_a_stack_trace()
    {
        var input = _temp.File("candles.csv", Csv(WavyDay(20)));
        var folder = _temp.Combine("already-a-folder");
        Directory.CreateDirectory(folder);

        var (exit, _, stderr) = AppProcess.Run(_temp.Path, null, "signals", "--candles", input, "--out", folder);

        Assert.Equal(1, exit);
        Assert.StartsWith("error: ", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }
}
