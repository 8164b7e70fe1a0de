using LiveTrader.App.Configuration;
using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Data;

namespace LiveTrader.App.Tests;

/// <summary>A backtest of several segments trades one account, as a paper session does: the global
/// daily loss limit counts every segment's trades, and without global limits the segments run apart
/// with the same result.</summary>
public sealed class AccountBacktestTests
{
    private static readonly DateOnly From = new(2024, 3, 4);
    private static readonly DateOnly To = new(2024, 3, 29);

    /// <summary>The 1-minute files resampled to 5 minutes; with <paramref name="stopCandles"/> the
    /// 1-minute candles run the stops inside each one.</summary>
    private static List<BacktestInput> Inputs(bool stopCandles = false) =>
        new[] { (Segment.NIFTY, Repo.Nifty1), (Segment.BANKNIFTY, Repo.BankNifty1) }.Select(p =>
        {
            var minutes = CandleCsvReader.Read(p.Item2);
            return BacktestInputs.FromSeries(p.Item1, minutes, stopCandles ? minutes : null, Timeframe.FiveMinutes, From, To);
        }).ToList();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void With_a_global_daily_loss_limit_no_segment_enters_after_the_combined_loss_reaches_it(bool stopCandles)
    {
        var settings = SettingsLoader.Load(null);
        settings.Risk.DailyLossLimit = 300m;
        var results = BacktestSession.RunAll(Inputs(stopCandles), settings);

        var trades = results.SelectMany(r => r.Trades).ToList();
        decimal NetBefore(DateTimeOffset time, Segment? only = null) => trades
            .Where(t => Ist.DayOf(t.ExitTime) == Ist.DayOf(time) && t.ExitTime <= time && (only is null || t.Segment == only))
            .Sum(t => t.NetPnl);
        // The limit counts realised net plus open positions marked to market, and latches: once a day's
        // first refusal is logged, neither segment enters again that day.
        var latched = results.SelectMany(r => r.Events).Where(e => e.Message.Contains("global daily loss limit reached", StringComparison.Ordinal))
            .GroupBy(e => Ist.DayOf(e.Time)).ToDictionary(g => g.Key, g => g.Min(e => e.Time));
        Assert.NotEmpty(latched);
        Assert.All(trades, t => Assert.False(latched.TryGetValue(Ist.DayOf(t.EntryTime), out var at) && t.EntryTime > at,
            $"{t.TradeId} entered after the limit latched that day"));
        // Some day's limit was reached with a position still open and counted at its market value.
        Assert.Contains(results.SelectMany(r => r.Events), e => e.Message.Contains("global daily loss limit reached", StringComparison.Ordinal)
            && e.Message.Contains(" open <= -300.00", StringComparison.Ordinal));
        // And the limit did stop a segment whose own trades that day had not lost 300.
        var blockedByTheOther = results.Sum(r => r.Events.Count(e =>
            e.Message.Contains("global daily loss limit reached", StringComparison.Ordinal) && NetBefore(e.Time, r.Segment) > -300m));
        Assert.True(blockedByTheOther > 0, "some day should show one segment's losses stopping the other");
    }

    [Fact]
    public void Without_global_limits_the_segments_trade_as_they_would_alone()
    {
        var settings = SettingsLoader.Load(null);
        Assert.Null(settings.Risk.DailyLossLimit);
        Assert.Null(settings.Risk.DailyProfitTarget);
        var together = BacktestSession.RunAll(Inputs(), settings);
        var alone = Inputs().Select(i => BacktestSession.Run(i, settings)).ToList();

        Assert.All(together.Zip(alone), p =>
        {
            Assert.Equal(p.Second.Segment, p.First.Segment);
            Assert.Equal(p.Second.Trades.Select(t => (t.TradeId, t.NetPnl)), p.First.Trades.Select(t => (t.TradeId, t.NetPnl)));
        });
        Assert.NotEmpty(together[0].Trades);
    }
}
