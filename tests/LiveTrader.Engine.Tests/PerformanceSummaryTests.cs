using System.Globalization;
using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Backtest;

namespace LiveTrader.Engine.Tests;

public sealed class PerformanceSummaryTests
{
    private static int counter;

    /// <summary>A closed NIFTY trade exiting at <paramref name="exitIst"/> with the given gross and charges.</summary>
    private static TradeRecord Trade(string exitIst, decimal gross, decimal charges)
    {
        var exit = DateTimeOffset.ParseExact(exitIst + "+05:30", "yyyy-MM-dd HH:mmzzz", CultureInfo.InvariantCulture);
        var entry = exit.AddMinutes(-30);
        return new TradeRecord
        {
            TradeId = $"NIFTY-{Interlocked.Increment(ref counter)}",
            Segment = Segment.NIFTY,
            IndexSymbol = "NIFTY 50",
            IndexEntrySpot = 24000m,
            TimeInterval = "5minute",
            RsiPeriod = 9,
            SignalType = "BUY_CE",
            OptionSymbol = "NIFTY24SEP23900CE",
            OptionType = OptionType.CE,
            StrikePrice = 23900m,
            Expiry = DateOnly.FromDateTime(exit.Date).AddDays(3),
            Lots = 1,
            EntryTime = entry,
            EntryPrice = 200m,
            StopLossPoints = 50m,
            InitialSlPrice = 23950m,
            TrailingStopPoints = 50m,
            ExitTime = exit,
            ExitPrice = 200m + gross / 65m,
            ExitReason = "Trailing SL",
            PnlPoints = gross / 65m,
            PnlValue = gross,
            ReturnPct = gross / (200m * 65m) * 100m,
            IndexExitSpot = 24010m,
            Charges = charges,
            NetPnl = gross - charges,
            MaxQuantity = 65,
            PyramidAdds = 0,
            MaxFavorableExcursion = 10m,
            MaxAdverseExcursion = 5m,
            Buys = [],
            Sells = [],
        };
    }

    // Capital 100,000. Net per trade: +1000, -3000 | +500, -2600 | +6000.
    // Equity: 101000 (peak), 98000, 98500, 95900 (trough: 5100 below the 101000 peak), 101900.
    private static readonly TradeRecord[] Book =
    [
        Trade("2024-09-02 10:00", 1100m, 100m),
        Trade("2024-09-02 13:00", -2900m, 100m),
        Trade("2024-09-03 10:30", 560m, 60m),
        Trade("2024-09-03 14:00", -2540m, 60m),
        Trade("2024-09-04 15:15", 6100m, 100m),
    ];

    [Fact]
    public void Counts_win_rate_and_money_totals()
    {
        var s = PerformanceSummary.From(Book, 100_000m);
        Assert.Equal(5, s.Trades);
        Assert.Equal(3, s.Wins);
        Assert.Equal(60m, s.WinRatePct);
        Assert.Equal(2320m, s.GrossPnl);
        Assert.Equal(420m, s.Charges);
        Assert.Equal(1900m, s.NetPnl);
        Assert.Equal(s.GrossPnl - s.Charges, s.NetPnl);
        Assert.Equal(100_000m, s.InitialCapital);
        Assert.Equal(1.9m, s.ReturnOnCapitalPct);
    }

    [Fact]
    public void Max_drawdown_is_peak_to_trough_of_cumulative_net_across_days()
    {
        var s = PerformanceSummary.From(Book, 100_000m);
        Assert.Equal(5100m, s.MaxDrawdown);
        Assert.Equal(5.05m, s.MaxDrawdownPct); // 5100 / 101000 peak
    }

    [Fact]
    public void Best_and_worst_day_and_daily_rows()
    {
        var s = PerformanceSummary.From(Book, 100_000m);
        Assert.Equal(
            new[]
            {
                new DailyResult(new DateOnly(2024, 9, 2), 2, 1, -1800m, 200m, -2000m, 98_000m),
                new DailyResult(new DateOnly(2024, 9, 3), 2, 1, -1980m, 120m, -2100m, 95_900m),
                new DailyResult(new DateOnly(2024, 9, 4), 1, 1, 6100m, 100m, 6000m, 101_900m),
            },
            s.Days);
        Assert.Equal(new DateOnly(2024, 9, 4), s.BestDay!.Day);
        Assert.Equal(6000m, s.BestDay.Net);
        Assert.Equal(new DateOnly(2024, 9, 3), s.WorstDay!.Day);
        Assert.Equal(-2100m, s.WorstDay.Net);
    }

    [Fact]
    public void A_first_trade_loss_draws_down_from_the_initial_capital()
    {
        var s = PerformanceSummary.From([Trade("2024-09-02 10:00", -960m, 40m), Trade("2024-09-02 11:00", 3040m, 40m)], 100_000m);
        Assert.Equal(1000m, s.MaxDrawdown);
        Assert.Equal(1m, s.MaxDrawdownPct);
        Assert.Equal(2m, s.ReturnOnCapitalPct);
        Assert.Equal(50m, s.WinRatePct);
    }

    [Fact]
    public void A_trade_that_nets_exactly_zero_is_not_a_win_and_only_rising_equity_has_no_drawdown()
    {
        var s = PerformanceSummary.From([Trade("2024-09-02 10:00", 40m, 40m), Trade("2024-09-03 10:00", 540m, 40m)], 100_000m);
        Assert.Equal(1, s.Wins);
        Assert.Equal(50m, s.WinRatePct);
        Assert.Equal(0m, s.MaxDrawdown);
        Assert.Equal(0m, s.MaxDrawdownPct);
    }

    [Fact]
    public void No_trades_gives_zeros_and_no_best_or_worst_day()
    {
        var s = PerformanceSummary.From([], 500_000m);
        Assert.Equal(0, s.Trades);
        Assert.Equal(0m, s.WinRatePct);
        Assert.Equal(0m, s.NetPnl);
        Assert.Equal(0m, s.MaxDrawdown);
        Assert.Null(s.BestDay);
        Assert.Null(s.WorstDay);
        Assert.Empty(s.Days);
        Assert.Equal(0m, s.ReturnOnCapitalPct);
    }
}
