using System.Diagnostics;
using System.Globalization;
using LiveTrader.App.Commands;

namespace LiveTrader.Bench;

/// <summary>
/// `--sweep [--rsi 2]`: sweep throughput on the NIFTY 5-minute year, the whole `sweep` command as a
/// trader runs it (settings checked per set, shared signals, every core, results in SQLite and CSV),
/// timed once outside BenchmarkDotNet: one run is seconds long. Run it under `taskset -c 0` for one
/// core. The grid is 1,000 sets: 5 stops x 5 trails x 4 pyramid steps x 5 ITM offsets x the RSI periods.
/// </summary>
public static class SweepBench
{
    public static void Run(string[] args)
    {
        var rsi = Array.IndexOf(args, "--rsi") is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : "9,14";
        string[] vary =
        [
            "Segments.NIFTY.StopLossPoints=20,30,40,50,60", "Segments.NIFTY.TrailingStopPoints=10,15,20,25,30",
            "Segments.NIFTY.PyramidPoints=10,20,30,40", "Segments.NIFTY.ItmOffsetPoints=0,100,200,300,400", "Strategy.RsiPeriod=" + rsi,
        ];
        var sets = vary.Aggregate(1, (n, v) => n * v.Split('=')[1].Split(',').Length);
        var outDir = Path.Combine(Path.GetTempPath(), "lt-sweep-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var clock = Stopwatch.StartNew();
            var code = SweepCommand.Run(new SweepCommand.SweepRequest(["NIFTY"], [BacktestBenchmarks.CandleFile], vary, null, null, null, outDir));
            var seconds = clock.Elapsed.TotalSeconds;
            if (code != 0) throw new InvalidOperationException($"sweep exited {code}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sweep of {sets} sets on the NIFTY 5-minute year, {Environment.ProcessorCount} core(s) visible: {seconds:0.00} s, {sets / seconds:0.0} parameter-set-years/s"));
            // CPU and garbage per set say what a loaded machine's wall time cannot.
            var process = Process.GetCurrentProcess();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  CPU {process.TotalProcessorTime.TotalMilliseconds / sets:0.0} ms/set, allocated {GC.GetTotalAllocatedBytes() / 1048576.0 / sets:0.0} MB/set, GC pauses {GC.GetTotalPauseDuration().TotalSeconds:0.00} s, collections gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"));
        }
        finally
        {
            if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
        }
    }
}
