using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Feeds;
using LiveTrader.Engine.Session;
using LiveTrader.Kite.Auth;
using LiveTrader.Kite.Rest;
using LiveTrader.Sim;

namespace LiveTrader.App.Feeds;

/// <summary>Backtest candles that need no file: the simulator's generated history, served in process
/// through the same Kite client and historical path a Kite backtest uses. The simulator's day is the
/// trading day after the last day to trade, so the same days and seed always give the same candles.</summary>
public static class SimulatedHistory
{
    public static async Task<List<BacktestInput>> InputsAsync(IReadOnlyList<Segment> segments, LiveTraderSettings settings, Timeframe timeframe,
        DateOnly from, DateOnly to, ulong seed, CancellationToken ct)
    {
        var simDay = to.AddDays(1);
        while (simDay.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || !ExpiryCalendar.Default.IsTradingDay(simDay)) simDay = simDay.AddDays(1);
        await using var sim = await SimServer.StartAsync(new SimOptions { Port = 0, Seed = seed, Date = simDay, HistoricalRatePerSecond = 0 }, ct);
        var login = sim.Sessions.CreateSession();
        using var rest = new KiteRestClient(new KiteCredentials(login.ApiKey, login.AccessToken),
            new KiteRestOptions { BaseUri = sim.BaseUri, HistoricalRequestsPerWindow = 0 });
        var warmUp = WarmUpWindow.CalendarDays(timeframe);
        var inputs = new List<BacktestInput>();
        foreach (var segment in segments)
        {
            var candles = await KiteCandles.FetchAsync(rest, settings.Segments[segment.ToString()].IndexToken, timeframe,
                Ist.At(from.AddDays(-warmUp), MarketHours.Open), Ist.At(to, MarketHours.Close), ct);
            inputs.Add(BacktestInputs.FromCandles(segment, $"the simulator's history (seed {seed}, day {simDay:yyyy-MM-dd})",
                candles.Where(c => MarketHours.Contains(c.Start)).ToList(), null, from, to));
        }
        return inputs;
    }
}
