using System.Text.Json;
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

namespace LiveTrader.App.Tests;

/// <summary>An agent rebuilt from its journalled snapshot (through JSON, as the journal stores it)
/// carries on exactly as if it had never stopped: same trades, to the paisa, at any restart point.</summary>
public sealed class AgentRestartTests
{
    private static readonly Lazy<IReadOnlyList<Candle>> Year = new(() =>
        CandleCsvReader.Read(Path.Combine(RepoPaths.SharedData, "NIFTY_5minute_2024-07-25_2025-07-25.csv")).Candles);

    [Theory]
    [InlineData(500)]
    [InlineData(2345)]
    [InlineData(9000)]
    [InlineData(15001)]
    public void A_restart_from_the_snapshot_gives_the_same_trades_as_an_uninterrupted_run(int restartAfter)
    {
        var settings = SettingsLoader.Load(null);
        var candles = Year.Value;

        var uninterrupted = new List<TradeRecord>();
        var agent = NewAgent(settings, uninterrupted);
        var signals = new SignalEngine(settings.Strategy.ToStrategyParameters());
        foreach (var c in candles) agent.OnBar(c, signals.OnCandleClosed(c));

        var interrupted = new List<TradeRecord>();
        var before = NewAgent(settings, interrupted);
        var signalsBefore = new SignalEngine(settings.Strategy.ToStrategyParameters());
        for (var i = 0; i <= restartAfter; i++) before.OnBar(candles[i], signalsBefore.OnCandleClosed(candles[i]));
        var json = JsonSerializer.Serialize(before.Snapshot());

        var after = NewAgent(settings, interrupted);
        after.Restore(JsonSerializer.Deserialize<AgentSnapshot>(json)!);
        var rebuilt = new SignalEngine(settings.Strategy.ToStrategyParameters());
        for (var i = 0; i <= restartAfter; i++) rebuilt.OnCandleClosed(candles[i]); // the warm-up a restart does
        for (var i = restartAfter + 1; i < candles.Count; i++) after.OnBar(candles[i], rebuilt.OnCandleClosed(candles[i]));

        Assert.True(uninterrupted.Count > 100);
        Assert.Equal(uninterrupted.Count, interrupted.Count);
        for (var i = 0; i < uninterrupted.Count; i++)
        {
            var a = uninterrupted[i];
            var b = interrupted[i];
            Assert.Equal(a with { Buys = [], Sells = [] }, b with { Buys = [], Sells = [] });
            Assert.Equal(a.Buys, b.Buys);
        }
    }

    private static SegmentAgent NewAgent(LiveTraderSettings settings, List<TradeRecord> trades)
    {
        var segment = settings.Segments["NIFTY"];
        var pricer = new OptionPricer(ExpiryCalendar.Default);
        return new SegmentAgent(
            AgentParameters.From(settings, Segment.NIFTY),
            new CalendarContractSelector(Segment.NIFTY, segment, pricer),
            new SimulatedVenue(new CandleFillModel(segment, new ModelPremium(segment, pricer))),
            new ModelPremium(segment, pricer),
            new RateTableCharges(new ChargesCalculator(settings.ChargeRates)),
            new SessionRiskBook(null, null),
            _ => { },
            trades.Add);
    }
}
