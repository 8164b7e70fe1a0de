using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Session;
using Microsoft.Data.Sqlite;
using static LiveTrader.Engine.Tests.Session.PaperSessionTests;

namespace LiveTrader.Engine.Tests.Session;

/// <summary>DECISIONS.md "Live candles": a candle built from ticks is checked against the historical
/// API; a copy that differs and comes in time is traded on (CANDLE_CORRECTED), none in time leaves
/// the ticks' candle (CANDLE_UNCONFIRMED); the check is an input, so a replay logs it the same way.</summary>
public sealed class LiveCandleCheckTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 1, 7);
    private const uint Nifty = 256265;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"lt-candles-{Guid.NewGuid():N}");
    private DateTimeOffset _now = Ist.At(Day, new TimeOnly(9, 17));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        if (Directory.Exists(_folder + "-replay")) Directory.Delete(_folder + "-replay", recursive: true);
    }

    private static DateTimeOffset At(int h, int m, int s = 0) => Ist.At(Day, new TimeOnly(h, m, s));

    // Kite's 09:20 candle: its high of 26000 came in a tick the session never got.
    private static readonly Candle Kite0920 = new(At(9, 20), 25950m, 26000m, 25940m, 25960m, 0);

    private static IReadOnlyList<Candle> HistoryWith0920(uint token, DateTimeOffset from, DateTimeOffset to) =>
        History(token, from, to).Append(Kite0920).Where(c => c.Start >= from && c.Start <= to).ToList();

    private string EventsFile => Path.Combine(_folder, DailyLogs.EventsFile(Day));

    private PaperSession NewSession(FakeMarket market, string source = LiveCandleSettings.TicksAndHistory)
    {
        var settings = DefaultSettings();
        settings.LiveCandles.Source = source;
        return new PaperSession(settings, [Segment.NIFTY], _folder, market, () => _now) { StaleQuote = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A tick in the 09:15 candle the session started in (history's copy is traded), then the
    /// 09:20 candle from ticks: O 25950 H 25990 L 25940 C 25960, closed by the 09:25 tick, with
    /// <paramref name="before"/> done once the 09:15 candle is in.</summary>
    private async Task Trade0920Async(FakeMarket market, Action? before = null)
    {
        market.Push(new Tick(Nifty, At(9, 17, 5), 25950m));
        _now = At(9, 20, 1);
        market.Push(new Tick(Nifty, At(9, 20, 0), 25950m));
        await Eventually(() => File.Exists(EventsFile) && File.ReadAllText(EventsFile).Contains("candle 09:15", StringComparison.Ordinal));
        before?.Invoke();
        market.Push(new Tick(Nifty, At(9, 21, 30), 25990m));
        market.Push(new Tick(Nifty, At(9, 23, 0), 25940m));
        market.Push(new Tick(Nifty, At(9, 24, 59), 25960m));
        _now = At(9, 25, 1);
        market.Push(new Tick(Nifty, At(9, 25, 0), 25961m));
    }

    private string CandleRow(string time) =>
        File.ReadAllLines(EventsFile).Single(l => l.Contains(",CANDLE,", StringComparison.Ordinal) && l.Contains($"candle {time}", StringComparison.Ordinal));

    [Fact]
    public async Task A_historical_candle_that_differs_from_the_ticks_is_traded_on_and_logged_with_both_and_its_replay_logs_the_same()
    {
        var market = new FakeMarket(Dump, HistoryWith0920);
        await using (var session = NewSession(market))
        {
            await session.StartAsync(CancellationToken.None);
            await Trade0920Async(market);
            await Eventually(() => File.Exists(EventsFile) && File.ReadAllText(EventsFile).Contains("candle 09:20", StringComparison.Ordinal));
            await session.StopAsync(closeAll: false);
        }

        var corrected = Assert.Single(File.ReadAllLines(EventsFile), l => l.Contains(",CANDLE_CORRECTED,", StringComparison.Ordinal));
        Assert.Contains("candle 09:20 from history O 25950 H 26000 L 25940 C 25960; the ticks gave O 25950 H 25990 L 25940 C 25960", corrected);
        Assert.Contains("O 25950 H 26000 L 25940 C 25960", CandleRow("09:20"));

        // The recorded check replays into the same event log.
        var replay = _folder + "-replay";
        RecordedSession.Run(Path.Combine(_folder, "recordings"), replay, DefaultSettings(), CancellationToken.None);
        Assert.Equal(File.ReadAllLines(EventsFile), File.ReadAllLines(Path.Combine(replay, DailyLogs.EventsFile(Day))));
    }

    [Fact]
    public async Task A_historical_candle_that_does_not_come_within_the_confirm_window_leaves_the_ticks_candle_and_says_so()
    {
        var market = new FakeMarket(Dump, HistoryWith0920);
        await using var session = NewSession(market);
        await session.StartAsync(CancellationToken.None);
        var asked = 0;
        await Trade0920Async(market, () =>
        {
            market.Stall = new TaskCompletionSource();
            asked = market.HistoryRequests;
        });
        // The window ends 3 s after 09:25 on the session's clock; history is still silent then.
        await Eventually(() => market.HistoryRequests > asked);
        _now = At(9, 25, 3);
        await Eventually(() => File.Exists(EventsFile) && File.ReadAllText(EventsFile).Contains("candle 09:20", StringComparison.Ordinal));
        await session.StopAsync(closeAll: false);

        var unconfirmed = Assert.Single(File.ReadAllLines(EventsFile), l => l.Contains(",CANDLE_UNCONFIRMED,", StringComparison.Ordinal));
        Assert.Contains("candle 09:20 from ticks O 25950 H 25990 L 25940 C 25960: the historical candle did not come within the confirm window", unconfirmed);
        Assert.Contains("O 25950 H 25990 L 25940 C 25960", CandleRow("09:20"));
        Assert.DoesNotContain(",CANDLE_CORRECTED,", File.ReadAllText(EventsFile));
    }

    [Fact]
    public async Task A_historical_candle_equal_to_the_ticks_is_traded_on_without_a_word()
    {
        var market = new FakeMarket(Dump, (token, from, to) => History(token, from, to)
            .Append(Kite0920 with { High = 25990m }).Where(c => c.Start >= from && c.Start <= to).ToList());
        await using var session = NewSession(market);
        await session.StartAsync(CancellationToken.None);
        await Trade0920Async(market);
        await Eventually(() => File.Exists(EventsFile) && File.ReadAllText(EventsFile).Contains("candle 09:20", StringComparison.Ordinal));
        await session.StopAsync(closeAll: false);

        Assert.Contains("O 25950 H 25990 L 25940 C 25960", CandleRow("09:20"));
        Assert.DoesNotContain(",CANDLE_CORRECTED,", File.ReadAllText(EventsFile));
        Assert.DoesNotContain(",CANDLE_UNCONFIRMED,", File.ReadAllText(EventsFile));
    }

    [Fact]
    public async Task With_candles_from_ticks_only_history_is_not_asked_after_the_start_and_the_ticks_candle_is_traded()
    {
        var market = new FakeMarket(Dump, HistoryWith0920);
        await using var session = NewSession(market, LiveCandleSettings.Ticks);
        await session.StartAsync(CancellationToken.None);
        var warmUp = market.HistoryRequests;
        // The 09:15 candle was in progress at the start: history's copy, then the 09:20 one from ticks.
        await Trade0920Async(market);
        await Eventually(() => File.Exists(EventsFile) && File.ReadAllText(EventsFile).Contains("candle 09:20", StringComparison.Ordinal));
        await session.StopAsync(closeAll: false);

        Assert.Equal(warmUp + 1, market.HistoryRequests);
        Assert.Contains("O 25950 H 25990 L 25940 C 25960", CandleRow("09:20"));
        Assert.DoesNotContain(",CANDLE_CORRECTED,", File.ReadAllText(EventsFile));
        Assert.DoesNotContain(",CANDLE_UNCONFIRMED,", File.ReadAllText(EventsFile));
    }
}
