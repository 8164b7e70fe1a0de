using LiveTrader.App.Commands;
using LiveTrader.Engine.Journal;
using LiveTrader.Engine.Performance;

namespace LiveTrader.App.Tests;

/// <summary><c>report</c> over a paper session folder: the workbook and CSV files of the period, the
/// paper side exactly the journal's trades, the backtest run once and then taken from the cache.</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class ReportCommandTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 1, 7);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_paper_morning_is_reported_beside_its_backtest_and_the_backtest_is_cached_by_day_and_parameters()
    {
        var paper = _temp.Combine("paper");
        var (exit, _, stderr) = await Capture(() => PaperCommand.RunAsync(new PaperCommand.PaperRequest(
            "sim", "NIFTY,BANKNIFTY", [], "2026-01-07", 300, 1, "12:00", paper, null, TimeSpan.FromSeconds(5)), CancellationToken.None));
        Assert.True(exit == 0, stderr);

        var (reportExit, stdout, reportErr) = await Capture(() => Task.FromResult(CliErrors.Run(() => ReportCommand.Run("2026-01-07", "2026-01-07", paper, null))));
        Assert.True(reportExit == 0, reportErr);
        var stem = Path.Combine(paper, "performance_2026-01-07_2026-01-07");
        Assert.Contains($"Wrote {stem}.xlsx", stdout);
        Assert.Equal(["Summary", "Days", "Trades", "Causes", "Equity"], MiniExcelLibs.MiniExcel.GetSheetNames(stem + ".xlsx"));
        var days = File.ReadAllLines(stem + ".csv");
        Assert.StartsWith("date,scope,paper_trades,paper_net,backtest_trades,backtest_net,difference,agreed,pairs,agreement_pct,main_cause", days[0]);
        Assert.StartsWith("2026-01-07,ACCOUNT,", days[1]);

        using var journal = SessionJournal.Open(SessionJournal.PathIn(paper));
        var trades = journal.Trades(Day);
        Assert.NotEmpty(trades);
        var settings = Configuration.SettingsLoader.Load(null);
        var cache = new BacktestCache(paper);
        var report = PerformanceReport.Build(paper, Day, Day, settings, cache);
        // The command's backtest is on disk: this report ran none.
        Assert.Equal(0, cache.Runs);
        Assert.Single(Directory.GetFiles(cache.Folder, "backtest_2026-01-07_*.json"));
        Assert.Equal(trades.Count, report.AccountScope.Paper.Trades);
        Assert.Equal(trades.Sum(t => t.NetPnl), report.AccountScope.Paper.NetPnl);
        Assert.Equal(trades.Select(t => t.TradeId).Order(), report.Pairs.Where(p => p.Paper is not null).Select(p => p.Paper!.TradeId).Order());
        Assert.All(report.Pairs, p => Assert.Equal(p.NetDifference, p.Differences.Sum(d => d.Amount)));
        Assert.InRange(report.AccountScope.AgreementPct, 0m, 100m);
        Assert.Equal(report.Pairs.Count(p => p.Agreed), report.AccountScope.Agreed);

        // Other parameters are another backtest.
        settings.Segments["NIFTY"].StopLossPoints = 30m;
        PerformanceReport.Build(paper, Day, Day, settings, cache);
        Assert.Equal(1, cache.Runs);

        var (badExit, _, badErr) = await Capture(() => Task.FromResult(CliErrors.Run(() => ReportCommand.Run("2026-01-08", "2026-01-07", paper, null))));
        Assert.Equal(2, badExit);
        Assert.Contains("--to: 2026-01-07 is before --from 2026-01-08", badErr);
    }

    private static async Task<(int Exit, string Out, string Err)> Capture(Func<Task<int>> run)
    {
        var oldOut = Console.Out;
        var oldErr = Console.Error;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
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
