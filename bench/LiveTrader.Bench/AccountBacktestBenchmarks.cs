using BenchmarkDotNet.Attributes;
using LiveTrader.App.Configuration;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Data;

namespace LiveTrader.Bench;

/// <summary>NIFTY and BANKNIFTY, January to August 2024 (1-minute files resampled to 5 minutes): each
/// segment on its own, one core each, against the two as one account (a global daily loss limit,
/// stepped together in time order on one core), which is what a backtest runs.</summary>
[MemoryDiagnoser]
public class AccountBacktestBenchmarks
{
    private static readonly Lazy<IReadOnlyList<BacktestInput>> Data = new(() =>
    [
        BacktestInputs.FromSeries(Segment.NIFTY, CandleCsvReader.Read(BacktestBenchmarks.DataFile("NIFTY_minute_2024-01-01_2024-08-23.csv")), null, Timeframe.FiveMinutes, null, null),
        BacktestInputs.FromSeries(Segment.BANKNIFTY, CandleCsvReader.Read(BacktestBenchmarks.DataFile("BANKNIFTY_minute_2024-01-01_2024-08-23.csv")), null, Timeframe.FiveMinutes, null, null),
    ]);

    /// <summary>Both segments' candles together, for candles per second.</summary>
    public static int Candles => Data.Value.Sum(i => i.Candles.Count);

    private LiveTraderSettings settings = null!;

    /// <summary>Both runs on the same settings, a global loss limit on: e0 gives each segment its own
    /// book (the old way), e1 one book for the account.</summary>
    [GlobalSetup]
    public void Setup()
    {
        settings = SettingsLoader.Load(null);
        settings.Risk.DailyLossLimit = 5_000m;
    }

    [Benchmark(Description = "e0. two segments apart (parallel)")]
    public int Apart()
    {
        var trades = new int[Data.Value.Count];
        Parallel.For(0, trades.Length, i => trades[i] = BacktestSession.Run(Data.Value[i], settings).Trades.Count);
        return trades.Sum();
    }

    [Benchmark(Description = "e1. two segments as one account")]
    public int OneAccount() => BacktestSession.RunAll(Data.Value, settings).Sum(r => r.Trades.Count);
}
