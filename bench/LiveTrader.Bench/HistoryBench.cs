using System.Diagnostics;
using System.Globalization;
using LiveTrader.Core.Market;
using LiveTrader.Engine.Archive;
using LiveTrader.Kite.Auth;
using LiveTrader.Kite.Historical;
using LiveTrader.Kite.Rest;
using LiveTrader.Sim;

namespace LiveTrader.Bench;

/// <summary>
/// `--history [--days 365]`: `history` candles per second against the in-process simulator, one index's
/// minute candles, twice: at Kite's pace (3 requests a second, as the command runs) and with no pacing on
/// either side (what the archive itself costs: simulator, JSON, checks, staged appends).
/// </summary>
public static class HistoryBench
{
    private static readonly DateOnly SimDay = new(2026, 12, 1);

    public static async Task RunAsync(string[] args)
    {
        var days = Array.IndexOf(args, "--days") is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : 365;
        foreach (var paced in new[] { true, false })
        {
            var folder = Path.Combine(Path.GetTempPath(), "lt-history-bench-" + Guid.NewGuid().ToString("N"));
            try
            {
                var rate = paced ? 3 : 0;
                await using var sim = await SimServer.StartAsync(new SimOptions { Port = 0, Seed = 1, Date = SimDay, HistoricalRatePerSecond = rate });
                var login = sim.Sessions.CreateSession();
                using var rest = new KiteRestClient(new KiteCredentials(login.ApiKey, login.AccessToken),
                    new KiteRestOptions { BaseUri = sim.BaseUri, HistoricalRequestsPerWindow = rate });
                var plan = new HistoryPlan([new HistoryIndex(Segment.NIFTY, 256265)], KiteInterval.Minute, SimDay.AddDays(-days), SimDay.AddDays(-1), folder);
                var clock = Stopwatch.StartNew();
                var outcome = (await HistoryDownload.RunAsync(rest, plan, null, CancellationToken.None))[0];
                var seconds = clock.Elapsed.TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"history, {days} days of NIFTY minute candles, {(paced ? "3 requests/s" : "no pacing")}: {outcome.Added:N0} candles in {outcome.Requests} requests, {seconds:0.00} s, {outcome.Added / seconds:N0} candles/s"));
            }
            finally
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            }
        }
    }
}
