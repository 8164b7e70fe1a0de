using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using LiveTrader.Bench;
using LiveTrader.Engine.Data;

// `--write-frames PATH`: only write the ticker benchmark's frames (for bench/kite-js-decode.js) and exit.
if (args is ["--write-frames", var framesPath])
{
    TickCodecBenchmarks.WriteFramesFile(framesPath);
    Console.WriteLine($"wrote {TickCodecBenchmarks.FrameCount} frames × {TickCodecBenchmarks.PacketsPerFrame} full packets to {framesPath}");
    return;
}

// `--session latency|throughput|day|all [--ticks N] [--gap-us N]`: the paper engine's tick path (SessionBench).
if (args is ["--session", ..])
{
    SessionBench.Run(args);
    return;
}

// `--sweep [--rsi 9,14]`: the 1,000-set sweep on the NIFTY year, timed once (SweepBench).
if (args is ["--sweep", ..])
{
    SweepBench.Run(args);
    return;
}

// `--history [--days N]`: history candles per second against the simulator (HistoryBench).
if (args is ["--history", ..])
{
    await HistoryBench.RunAsync(args);
    return;
}

// A short job (3 warm-ups, 5 measured iterations), in process so the data path and the App's
// embedded configuration resolve exactly as in the tests.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithWarmupCount(3).WithIterationCount(5).WithLaunchCount(1).WithToolchain(InProcessEmitToolchain.Instance));
var summaries = BenchmarkSwitcher.FromAssembly(typeof(BacktestBenchmarks).Assembly).Run(args, config);

Console.WriteLine();
int? candles = null;
foreach (var summary in summaries)
    foreach (var report in summary.Reports)
    {
        if (report.ResultStatistics is not { } stats) continue;
        var name = report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo;
        if (report.BenchmarkCase.Descriptor.Type == typeof(TickCodecBenchmarks))
        {
            // Mean is per operation = per packet (OperationsPerInvoke).
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-48} {stats.Mean,8:0.00} ns/packet  {1e9 / stats.Mean,14:#,0} packets/s"));
            continue;
        }
        var seconds = stats.Mean / 1e9;
        var count = report.BenchmarkCase.Descriptor.Type == typeof(AccountBacktestBenchmarks)
            ? AccountBacktestBenchmarks.Candles
            : candles ??= CandleCsvReader.Read(BacktestBenchmarks.CandleFile).Candles.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-40} mean {stats.Mean / 1e6,10:0.00} ms  {count / seconds,14:#,0} candles/s"));
    }
if (candles is int n) Console.WriteLine($"Candles in {Path.GetFileName(BacktestBenchmarks.CandleFile)}: {n}");
