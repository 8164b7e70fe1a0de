using LiveTrader.App.Configuration;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Signals;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Reports;
using LiveTrader.Engine.Sample;

namespace LiveTrader.App.Commands;

/// <summary>What a fresh clone does with no arguments: make up a sample NIFTY day (with earlier
/// sessions to warm the indicators), show its signals, and trade it with the backtest agent.</summary>
public static class DemoCommand
{
    public static int Run(string? configFile)
    {
        var settings = SettingsLoader.Load(configFile);
        var timeframe = settings.Strategy.ParsedTimeframe();
        var today = new DateOnly(2026, 1, 6);
        var candles = SampleMarket.Sessions(today, sessions: 3, startLevel: 26000m, seed: 7, timeframe);
        var engine = new SignalEngine(settings.Strategy.ToStrategyParameters());

        Console.WriteLine($"LiveTrader demo: a made-up NIFTY session on {today:yyyy-MM-dd} ({timeframe} candles; two earlier sessions warm the indicators).");
        Console.WriteLine("No market data or account is needed; run `signals` or `backtest` on real candle files for real results.");
        Console.WriteLine();
        Console.WriteLine("time   close      RSI     PS      VS      signal");
        var signals = 0;
        SignalReading last = default;
        foreach (var c in candles)
        {
            last = engine.OnCandleClosed(c);
            if (Ist.DayOf(c.Start) != today || last.Signal == Signal.Hold) continue;
            signals++;
            Console.WriteLine($"{Ist.TimeOf(c.Start):HH:mm}  {c.Close,9:F2}  {last.Rsi,6:F2}  {last.PriceStrength,6:F2}  {last.VolumeStrength,6:F2}  {last.Signal.ToCode()}");
        }
        var todays = candles.Where(c => Ist.DayOf(c.Start) == today).ToList();
        Console.WriteLine();
        Console.WriteLine($"{todays.Count} candles, {signals} signals; open {todays[0].Open:F2}, close {todays[^1].Close:F2}, range {todays.Min(c => c.Low):F2}-{todays.Max(c => c.High):F2}; last RSI {last.Rsi:F2}.");

        var result = BacktestSession.Run(new BacktestInput(Segment.NIFTY, candles, From: today), settings);
        Console.WriteLine();
        Console.WriteLine("Trades the NIFTY agent would have taken (1 lot to start, SL/trail 50 index points, pyramiding on):");
        foreach (var t in result.Trades)
        {
            Console.WriteLine($"  {t.TradeId}  {t.SignalType}  {t.OptionSymbol}  {Ist.TimeOf(t.EntryTime):HH:mm} @ {t.EntryPrice:F2} -> {Ist.TimeOf(t.ExitTime):HH:mm} @ {t.ExitPrice:F2}  {t.ExitReason,-14}  lots {t.Lots,2}  net {t.NetPnl,10:F2}");
        }
        var s = result.Summary;
        Console.WriteLine($"{s.Trades} trades, win rate {s.WinRatePct:0.##}%, gross {s.GrossPnl:F2}, charges {s.Charges:F2}, net {s.NetPnl:F2}.");
        Console.WriteLine(BacktestSession.PremiumNote(settings, [Segment.NIFTY]));
        return CliErrors.Ok;
    }
}
