using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveTrader.Browser.Tests;

/// <summary>A small sweep run from the Sweep page on a shared candle file: its table sorts by a clicked
/// column, its heatmap has a coloured cell per pair of the two varied parameters, and a row opens as a
/// backtest on the Backtest page with that row's trades.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SweepPageTests(ChromiumFixture chromium)
{
    private const string NiftyFile = "NIFTY_5minute_2024-07-25_2025-07-25.csv";

    [Fact]
    public async Task A_two_by_two_sweep_sorts_draws_its_heatmap_and_opens_a_row_as_a_backtest()
    {
        await using var server = await AppServer.StartAsync();
        var page = await chromium.NewPageAsync();
        await Screenshots.RunAsync(page, nameof(A_two_by_two_sweep_sorts_draws_its_heatmap_and_opens_a_row_as_a_backtest), async () =>
        {
            await page.GotoAsync(server.Url + "/sweep");
            await page.Locator($"#sw-file-NIFTY option[value='{NiftyFile}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.Locator("#sw-file-NIFTY").SelectOptionAsync(NiftyFile);
            await page.Locator("#sw-from").FillAsync("2025-03-03");
            await page.Locator("#sw-to").FillAsync("2025-03-14");
            // Two parameters, two values each: one as a list, one as a range.
            await page.Locator("#sw-axis-values-0").FillAsync("25,45");
            await page.Locator("#sw-axis-from-1").FillAsync("9");
            await page.Locator("#sw-axis-to-1").FillAsync("11");
            await page.Locator("#sw-axis-step-1").FillAsync("2");
            await Expect(page.Locator("#sw-count")).ToContainTextAsync("4 parameter sets");

            var start = await page.RunAndWaitForResponseAsync(() => page.Locator("#run-sweep").ClickAsync(),
                r => r.Url.EndsWith("/api/sweeps", StringComparison.Ordinal) && r.Request.Method == "POST");
            Assert.True(start.Status == 202, $"start answered {start.Status}: {await start.TextAsync()}");

            var rows = page.Locator("#sw-table tbody tr[data-hash]");
            await Expect(rows).ToHaveCountAsync(4, new() { Timeout = Timeouts.Long });

            // Sort by net P&L: highest first, then (clicked again) lowest first.
            var net = page.Locator("#sw-table thead th[data-column=netPnl] button");
            await net.ClickAsync();
            await Expect(page.Locator("#sw-table thead th[data-column=netPnl]")).ToHaveAttributeAsync("aria-sort", "descending");
            var down = await Values(page, "netPnl");
            Assert.Equal(down.OrderByDescending(v => v), down);
            await net.ClickAsync();
            await Expect(page.Locator("#sw-table thead th[data-column=netPnl]")).ToHaveAttributeAsync("aria-sort", "ascending");
            var up = await Values(page, "netPnl");
            Assert.Equal(up.Order(), up);
            Assert.Equal(down.Order(), up);

            // The heatmap of the two varied parameters: one coloured cell per pair, each the row's own number.
            await page.Locator("#sw-heat-metric").SelectOptionAsync("netPnl");
            var cells = page.Locator("#sw-heat td.cell[data-value]");
            await Expect(cells).ToHaveCountAsync(4);
            var heat = new List<decimal>();
            for (var i = 0; i < 4; i++)
            {
                Assert.Equal("1", await cells.Nth(i).GetAttributeAsync("data-sets"));
                Assert.StartsWith("rgb", await cells.Nth(i).EvaluateAsync<string>("c => getComputedStyle(c).backgroundColor"));
                heat.Add(decimal.Parse((await cells.Nth(i).GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture));
            }
            Assert.Equal(up, heat.Order().ToList());
            await Expect(page.Locator("#sw-heat-note")).ToBeHiddenAsync();

            // Open the first row (the lowest net) as a backtest: the Backtest page shows its trades.
            var first = rows.First;
            var trades = int.Parse((await first.Locator("td[data-column=trades]").GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);
            Assert.True(trades > 0, "the row should have traded in two weeks");
            var stop = await first.Locator("td[data-column=axis-0]").GetAttributeAsync("data-value");
            var rsi = await first.Locator("td[data-column=axis-1]").GetAttributeAsync("data-value");
            await first.Locator("button.open-backtest").ClickAsync();
            await page.WaitForURLAsync(new Regex(@"/backtest\?run=[0-9a-f]{12}$"));
            await Expect(page.Locator("#bt-trade-count")).ToHaveTextAsync($"({trades})", new() { Timeout = Timeouts.Long });
            await Expect(page.Locator("#bt-trades tbody tr")).ToHaveCountAsync(trades);
            await Expect(page.Locator("#bt-trades tbody tr").First).ToContainTextAsync("NIFTY");
            // The form shows the row's parameters, not the configured ones.
            await Expect(page.Locator("#NIFTY-stopLossPoints")).ToHaveValueAsync(stop!);
            await Expect(page.Locator("#rsi-period")).ToHaveValueAsync(rsi!);
            await Expect(page.Locator("#bt-from")).ToHaveValueAsync("2025-03-03");
            await Expect(page.Locator("#bt-note")).ToContainTextAsync("sweep row");
        });
        await page.Context.CloseAsync();
    }

    private static async Task<List<decimal>> Values(IPage page, string column) =>
        (await page.Locator($"#sw-table tbody td[data-column={column}]").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.value)"))
            .Select(v => decimal.Parse(v, CultureInfo.InvariantCulture)).ToList();
}
