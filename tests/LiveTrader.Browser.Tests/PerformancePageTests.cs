using System.Text.RegularExpressions;
using LiveTrader.App.Commands;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveTrader.Browser.Tests;

/// <summary>The Performance page over two paper mornings on the simulator: the period, the summary of
/// both sides, a row per day, the trade pairs and the equity chart.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PerformancePageTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Two_paper_days_show_beside_their_backtests_with_a_row_per_day_and_the_equity_of_both()
    {
        await using var server = await AppServer.StartAsync();
        foreach (var day in new[] { "2026-01-07", "2026-01-08" })
        {
            var exit = await PaperCommand.RunAsync(new PaperCommand.PaperRequest(
                "sim", "NIFTY", [], day, 300, 1, "11:00", server.Settings.OutputFolder, null, TimeSpan.FromSeconds(10)), CancellationToken.None);
            Assert.Equal(0, exit);
        }
        var page = await chromium.NewPageAsync();
        await Screenshots.RunAsync(page, nameof(Two_paper_days_show_beside_their_backtests_with_a_row_per_day_and_the_equity_of_both), async () =>
        {
            await page.GotoAsync(server.Url + "/performance");
            await Expect(page.Locator("#pf-state")).ToContainTextAsync("2 paper day(s) 2026-01-07 to 2026-01-08", new() { Timeout = Timeouts.Long });
            await Expect(page.Locator("#pf-from")).ToHaveValueAsync("2026-01-07");
            await Expect(page.Locator("#pf-to")).ToHaveValueAsync("2026-01-08");

            // The account's two sides first, then each segment's.
            var summary = page.Locator("#pf-summary tbody tr");
            await Expect(summary).ToHaveCountAsync(4);
            await Expect(summary.Nth(0)).ToContainTextAsync("ACCOUNTPaper");
            await Expect(summary.Nth(1)).ToContainTextAsync("ACCOUNTBacktest");
            await Expect(summary.Nth(2)).ToContainTextAsync("NIFTYPaper");
            var days = page.Locator("#pf-days tbody tr");
            await Expect(days).ToHaveCountAsync(2);
            await Expect(days.Nth(0)).ToContainTextAsync("2026-01-07");
            await Expect(days.Nth(1)).ToContainTextAsync("2026-01-08");

            // Every pair names both sides or says which one traded alone, with its explanation.
            var pairs = page.Locator("#pf-pairs tbody tr");
            Assert.True(await pairs.CountAsync() > 0, "two paper mornings made no trade on either side");
            await Expect(pairs.First).ToContainTextAsync("NIFTY");
            await Expect(page.Locator("#pf-equity canvas").First).ToBeVisibleAsync(new() { Timeout = Timeouts.Long });
            await Expect(page.Locator("#pf-equity .chart-legend")).ToContainTextAsync("Paper ₹");

            // One day only: the period follows the form.
            await page.Locator("#pf-to").FillAsync("2026-01-07");
            await page.Locator("#pf-show").ClickAsync();
            await Expect(page.Locator("#pf-state")).ToContainTextAsync("1 paper day(s) 2026-01-07 to 2026-01-07", new() { Timeout = Timeouts.Long });
            await Expect(days).ToHaveCountAsync(1);

            // A period that ends before it starts is refused next to its field.
            await page.Locator("#pf-from").FillAsync("2026-01-08");
            await page.Locator("#pf-show").ClickAsync();
            await Expect(page.Locator("[data-error-for=to]")).ToHaveTextAsync(new Regex("before the first day 2026-01-08"), new() { Timeout = Timeouts.Action });
        });
        await page.Context.CloseAsync();
    }
}
