using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using LiveTrader.Bench;
using LiveTrader.Engine.Data;

// A short job (3 warm-ups, 5 measured iterations), in process so the data path and the App's
// embedded configuration resolve exactly as in the tests.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithWarmupCount(3).WithIterationCount(5).WithLaunchCount(1).WithToolchain(InProcessEmitToolchain.Instance));
var summaries = BenchmarkSwitcher.FromAssembly(typeof(BacktestBenchmarks).Assembly).Run(args, config);

var candles = CandleCsvReader.Read(BacktestBenchmarks.CandleFile).Candles.Count;
Console.WriteLine();
Console.WriteLine($"Candles in {Path.GetFileName(BacktestBenchmarks.CandleFile)}: {candles}");
foreach (var summary in summaries)
    foreach (var report in summary.Reports)
    {
        if (report.ResultStatistics is not { } stats) continue;
        var seconds = stats.Mean / 1e9;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo,-40} mean {stats.Mean / 1e6,10:0.00} ms  {candles / seconds,14:#,0} candles/s"));
    }
