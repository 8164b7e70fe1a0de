using BenchmarkDotNet.Attributes;
using LiveTrader.App.Configuration;
using LiveTrader.Core.Charges;
using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Pricing;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Signals;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Data;
using LiveTrader.Engine.Execution;
using LiveTrader.Engine.Reports;

namespace LiveTrader.Bench;

/// <summary>One year of 5-minute NIFTY candles (18,676 candles): parse, signals, the full agent, and
/// the files a backtest writes. Candles per second are printed after the run by <see cref="Program"/>.</summary>
[MemoryDiagnoser]
public class BacktestBenchmarks
{
    public static readonly string CandleFile = DataFile("NIFTY_5minute_2024-07-25_2025-07-25.csv");

    public static string DataFile(string name) => Path.Combine(DataFolder(), name);

    private LiveTraderSettings settings = null!;
    private IReadOnlyList<Candle> candles = null!;
    private BacktestInput input = null!;
    private BacktestResult result = null!;
    private string note = null!;
    private string outDir = null!;

    [GlobalSetup]
    public void Setup()
    {
        settings = SettingsLoader.Load(null);
        candles = CandleCsvReader.Read(CandleFile).Candles;
        input = new BacktestInput(Segment.NIFTY, candles);
        result = BacktestSession.Run(input, settings);
        note = BacktestSession.PremiumNote(settings, [Segment.NIFTY]);
        outDir = Path.Combine(Path.GetTempPath(), "lt-bench-" + Guid.NewGuid().ToString("N"));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
    }

    public int Candles => candles.Count;

    [Benchmark(Description = "a. parse CSV (CandleCsvReader)")]
    public int ParseCsv() => CandleCsvReader.Read(CandleFile).Candles.Count;

    [Benchmark(Description = "b. SignalEngine")]
    public int Signals()
    {
        var engine = new SignalEngine(settings.Strategy.ToStrategyParameters());
        var crosses = 0;
        for (var i = 0; i < candles.Count; i++)
            if (engine.OnCandleClosed(candles[i]).Signal != Signal.Hold) crosses++;
        return crosses;
    }

    /// <summary>The agent as a paper session runs it: every event and trade handed to a sink (the
    /// journal, the CSV) as it happens, none kept in memory by the runner.</summary>
    [Benchmark(Description = "c0. agent, events streamed to a sink")]
    public int AgentStreamingEvents()
    {
        var segment = settings.Segments["NIFTY"];
        var pricer = new OptionPricer(ExpiryCalendar.Default);
        var events = 0;
        var trades = 0;
        var agent = new SegmentAgent(
            AgentParameters.From(settings, Segment.NIFTY),
            new CalendarContractSelector(Segment.NIFTY, segment, pricer),
            new SimulatedVenue(new CandleFillModel(segment, new ModelPremium(segment, pricer))),
            new ModelPremium(segment, pricer),
            new RateTableCharges(new ChargesCalculator(settings.ChargeRates)),
            new SessionRiskBook(null, null),
            _ => events++,
            _ => trades++);
        var signals = new SignalEngine(settings.Strategy.ToStrategyParameters());
        for (var i = 0; i < candles.Count; i++) agent.OnBar(candles[i], signals.OnCandleClosed(candles[i]));
        agent.Finish();
        return events + trades;
    }

    [Benchmark(Description = "c. full agent (BacktestSession.Run)")]
    public int FullAgent() => BacktestSession.Run(input, settings).Trades.Count;

    [Benchmark(Description = "d. write files (2 CSV + xlsx)")]
    public int WriteFiles() => BacktestFiles.Write(outDir, [result], note).Count;

    [Benchmark(Description = "d1. workbook only (to memory)")]
    public long WorkbookOnly()
    {
        using var stream = new MemoryStream();
        BacktestWorkbook.Write(stream, result, BacktestFiles.Mode, note);
        return stream.Length;
    }

    private static string DataFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LiveTrader.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
        // BenchmarkDotNet may run from a generated folder: fall back to the working directory's repo.
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LiveTrader.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
        throw new InvalidOperationException("run from inside the LiveTrader repository");
    }
}
