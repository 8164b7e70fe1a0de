using LiveTrader.App.Commands;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Journal;
using LiveTrader.Engine.Session;

namespace LiveTrader.App.Tests;

/// <summary>Spec 9's account-level protection in a paper session on the simulator: each rule, set
/// so tight that the simulated morning must reach it, logs RISK_LIMIT naming the rule, closes the
/// position it names with exit reason "Risk limit" in the trade log, and takes no entry after it;
/// every entry of the day has its exit (nothing is left open).</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class AccountProtectionPaperTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 1, 7);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    // A rupee of open loss: the first entry's own spread reaches it.
    [InlineData("""{ "DailyLoss": 1 }""", "daily loss protection")]
    // Armed at a rupee of net, half of it locked: the first position that is up a rupee and falls back.
    [InlineData("""{ "ProfitLockAt": 1, "ProfitLockPercent": 50 }""", "profit protection")]
    // 300 rupees below the day's high (0 at the open).
    [InlineData("""{ "TrailingStop": 300 }""", "account trailing stop")]
    public async Task Each_rule_closes_the_account_with_Risk_limit_and_stops_entries_in_paper_on_the_simulator(string protection, string rule)
    {
        var config = _temp.File("protection.json", $$"""{ "LiveTrader": { "Risk": { "Protection": {{protection}} } } }""");
        var paper = _temp.Combine("paper");
        var (exit, _, stderr) = await Capture(() => PaperCommand.RunAsync(new PaperCommand.PaperRequest(
            "sim", "NIFTY,BANKNIFTY", [], "2026-01-07", 300, 1, "13:00", paper, config, TimeSpan.FromSeconds(5)), CancellationToken.None));
        Assert.True(exit == 0, stderr);

        using var journal = SessionJournal.Open(SessionJournal.PathIn(paper));
        var events = journal.Events(Day);
        var trades = journal.Trades(Day);
        var fired = events.Where(e => e.Type == AgentEventType.RiskLimit).ToList();
        Assert.NotEmpty(fired);
        Assert.All(fired, e => Assert.Contains($"account protection: {rule} (net ", e.Message, StringComparison.Ordinal));

        var closed = trades.Where(t => t.ExitReason == ExitReason.RiskLimit).ToList();
        Assert.NotEmpty(closed);
        Assert.All(closed, t => Assert.Contains(fired, e => e.TradeId == t.TradeId));
        Assert.DoesNotContain(events, e => e.Type == AgentEventType.EntryTaken && e.Time > fired[0].Time);
        Assert.Equal(events.Count(e => e.Type == AgentEventType.EntryTaken), trades.Count);

        var rows = File.ReadAllLines(Path.Combine(paper, DailyLogs.TradesFile(Day))).Skip(1).Select(l => l.Split(',')).ToList();
        var reason = Array.IndexOf(Engine.Reports.TradeLogCsv.Columns, "exit_reason");
        Assert.Equal(closed.Select(t => t.TradeId).Order(), rows.Where(r => r[reason] == "Risk limit").Select(r => r[0]).Order());
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
