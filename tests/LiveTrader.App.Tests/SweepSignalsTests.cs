using LiveTrader.App.Commands;
using LiveTrader.App.Configuration;
using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Data;

namespace LiveTrader.App.Tests;

/// <summary>Sweep variants share the signals of their strategy lines, and trade exactly as if each
/// had read its own.</summary>
public sealed class SweepSignalsTests
{
    private static readonly DateOnly From = new(2024, 9, 2), To = new(2024, 10, 31);

    [Fact]
    public void Signals_are_read_once_per_distinct_lines_and_every_variant_trades_as_its_own_backtest()
    {
        var series = CandleCsvReader.Read(Repo.NiftyYear5);
        var shared = new SweepInputs([(Segment.NIFTY, series)], From, To);
        var variants = 0;
        var traded = 0;
        foreach (var rsi in new[] { "9", "14" })
        foreach (var stop in new[] { "20", "40" })
        foreach (var trail in new[] { "10", "25" })
        foreach (var pyramid in new[] { "10", "30" })
        {
            var settings = SettingsLoader.Load(null, [new("Strategy:RsiPeriod", rsi), new("Segments:NIFTY:StopLossPoints", stop),
                new("Segments:NIFTY:TrailingStopPoints", trail), new("Segments:NIFTY:PyramidPoints", pyramid)]);
            var sharing = BacktestSession.RunAll(shared.For(settings).Select(i => i with { KeepEvents = true }).ToList(), settings)[0];
            var alone = BacktestSession.Run(BacktestInputs.FromSeries(Segment.NIFTY, series, null, Timeframe.FiveMinutes, From, To), settings);

            Assert.Equal(alone.Trades.Select(Key), sharing.Trades.Select(Key));
            Assert.Equal(alone.Events, sharing.Events);
            Assert.Equal(alone.Summary.Days, sharing.Summary.Days);
            Assert.Equal(alone.Summary with { Days = [] }, sharing.Summary with { Days = [] });
            variants++;
            traded += alone.Trades.Count;
        }
        Assert.Equal(16, variants);
        Assert.True(traded > 0, "the months should trade");
        Assert.Equal(2, shared.TapesRead);
        // As the sweep runs them: the same trades, and no event list kept.
        var defaults = SettingsLoader.Load(null);
        var lean = BacktestSession.RunAll(shared.For(defaults), defaults)[0];
        var full = BacktestSession.Run(BacktestInputs.FromSeries(Segment.NIFTY, series, null, Timeframe.FiveMinutes, From, To), defaults);
        Assert.Empty(lean.Events);
        Assert.NotEmpty(full.Events);
        Assert.Equal(full.Trades.Select(Key), lean.Trades.Select(Key));
    }

    private static (DateTimeOffset, DateTimeOffset, string, int, decimal, decimal, decimal) Key(TradeRecord t) =>
        (t.EntryTime, t.ExitTime, t.OptionSymbol, t.MaxQuantity, t.EntryPrice, t.ExitPrice, t.NetPnl);
}
