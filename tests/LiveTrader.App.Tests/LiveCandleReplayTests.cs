using LiveTrader.App.Commands;
using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Data;
using LiveTrader.Engine.Session;

namespace LiveTrader.App.Tests;

/// <summary>Issue 11: a paper session on the simulator replaying a real 1-minute day builds exactly
/// the file's 5-minute candles from its ticks, whatever the speed, and so signals exactly what a
/// backtest of the file signals. The simulator's clock waits at 09:15 until the session is ready.</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class LiveCandleReplayTests : IDisposable
{
    private static readonly DateOnly Day = new(2024, 8, 22);
    private static readonly Segment[] Replayed = [Segment.NIFTY, Segment.BANKNIFTY];
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string MinuteFile(Segment s) => LiveTrader.Tests.Repository.Data($"{s}_minute_2024-01-01_2024-08-23.csv");

    [Theory]
    [InlineData(600, null, 74)]     // the whole day: every candle up to 15:20 (15:25's closes after the 15:30 stop)
    [InlineData(60, "10:00", 8)]    // the first 45 minutes at the page's default speed
    public async Task Every_live_candle_is_the_files_candle_and_every_signal_a_backtests(double speed, string? until, int atLeast)
    {
        var paper = _temp.Combine($"paper-{speed}");
        var request = new PaperCommand.PaperRequest("sim", string.Join(',', Replayed), Replayed.Select(MinuteFile).ToArray(),
            Day.ToString("yyyy-MM-dd"), speed, 1, until, paper, null, TimeSpan.FromMinutes(10));
        var (exit, _, stderr) = await Capture(() => PaperCommand.RunAsync(request, CancellationToken.None));
        Assert.True(exit == 0, stderr);

        var settings = Configuration.SettingsLoader.Load(null);
        var signals = File.ReadAllLines(Path.Combine(paper, DailyLogs.EventsFile(Day))).Where(l => l.Contains(",SIGNAL,", StringComparison.Ordinal))
            .Select(l => l.Split(',')).ToList();
        foreach (var segment in Replayed)
        {
            var file = CandleResampler.Resample(CandleCsvReader.Read(MinuteFile(segment)).Candles, Timeframe.FiveMinutes);
            var ofDay = file.Where(c => Ist.DayOf(c.Start) == Day).ToList();
            var live = SessionRecorder.Read(Path.Combine(paper, "recordings", SessionRecorder.FileName(segment, Day)))
                .Select(l => l.Input).OfType<CandleClosedInput>().Select(c => c.Candle).ToList();
            Assert.InRange(live.Count, atLeast, ofDay.Count);
            Assert.Equal(ofDay.Take(live.Count), live);

            var backtest = BacktestSession.Run(new BacktestInput(segment, file, null, Day, Day), settings);
            var expected = backtest.Events.Where(e => e.Type == AgentEventType.Signal && e.Time <= live[^1].Start + Timeframe.FiveMinutes.Length)
                .Select(e => (Ist.Format(e.Time), e.Message));
            Assert.Equal(expected, signals.Where(r => r[2] == segment.ToString()).Select(r => (r[0], r[4])));
        }
    }

    [Fact]
    public async Task A_feed_that_loses_ticks_still_trades_the_files_candles_corrected_from_history()
    {
        var options = SimCommand.Options(0, [MinuteFile(Segment.NIFTY)], 300, 1, Day.ToString("yyyy-MM-dd"));
        options.Faults.LoseTickSecondsEvery = 7;
        var folder = _temp.Combine("lossy");
        await using (var sim = await Feeds.SimulatedMarket.StartAsync(options, CancellationToken.None))
        {
            await using var session = new PaperSession(Configuration.SettingsLoader.Load(null), [Segment.NIFTY], folder, sim.Market, sim.Now)
                { StaleQuote = sim.StaleQuote, MarketSecondsPerSecond = sim.MarketSecondsPerSecond };
            await session.StartAsync(CancellationToken.None);
            await sim.OpenTheDayAsync(session, TimeSpan.FromSeconds(10), CancellationToken.None);
            while (Ist.TimeOf(sim.Now()) < new TimeOnly(10, 15)) await Task.Delay(50);
            await session.StopAsync(closeAll: false);
        }

        var inputs = SessionRecorder.Read(Path.Combine(folder, "recordings", SessionRecorder.FileName(Segment.NIFTY, Day))).Select(l => l.Input).ToList();
        var file = CandleResampler.Resample(CandleCsvReader.Read(MinuteFile(Segment.NIFTY)).Candles.Where(c => Ist.DayOf(c.Start) == Day), Timeframe.FiveMinutes);
        var live = inputs.OfType<CandleClosedInput>().Select(c => c.Candle).ToList();
        Assert.InRange(live.Count, 11, 12);
        Assert.Equal(file.Take(live.Count), live);
        // Some candles missed a high or low in a lost second: each was corrected, showing both.
        var corrected = inputs.OfType<CandleCheckInput>().ToList();
        Assert.NotEmpty(corrected);
        Assert.All(corrected, k => Assert.NotEqual(k.History, k.Ticks));
        Assert.Equal(corrected.Count, File.ReadAllLines(Path.Combine(folder, DailyLogs.EventsFile(Day))).Count(l => l.Contains(",CANDLE_CORRECTED,", StringComparison.Ordinal)));
    }

    private static async Task<(int Exit, string Out, string Err)> Capture(Func<Task<int>> run)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
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
