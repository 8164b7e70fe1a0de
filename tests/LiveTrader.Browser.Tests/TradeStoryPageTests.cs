using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace LiveTrader.Browser.Tests;

/// <summary>A trade row of the Backtest page opens the trade's story: its candles with the entry and
/// exit marked and the stop path drawn, its charges item by item and its own events.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TradeStoryPageTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Clicking_a_backtest_trade_opens_its_candles_markers_stop_path_charges_and_events()
    {
        await using var server = await AppServer.StartAsync();
        var page = await chromium.NewPageAsync();
        await Screenshots.RunAsync(page, nameof(Clicking_a_backtest_trade_opens_its_candles_markers_stop_path_charges_and_events), async () =>
        {
            await page.GotoAsync(server.Url + "/backtest");
            var option = await page.WaitForFunctionAsync("""
                () => [...document.querySelectorAll('#bt-source option')].find((o) => o.value.includes('NIFTY_5minute_2024-07-25'))?.value || false
                """);
            await page.Locator("#bt-source").SelectOptionAsync(await option.JsonValueAsync<string>());
            await page.Locator("#bt-from").FillAsync("2025-03-03");
            await page.Locator("#bt-to").FillAsync("2025-03-07");
            await page.Locator("#run-backtest").ClickAsync();

            var first = page.Locator("#bt-trades tbody tr.story-row").First;
            await Expect(first).ToBeVisibleAsync(new() { Timeout = Timeouts.Long });
            var tradeId = (await first.Locator("td").First.TextContentAsync())!.Trim();
            Assert.Matches(@"^NIFTY-\d{8}-\d{2}$", tradeId);
            await first.ClickAsync();

            var story = page.Locator("#trade-story");
            await Expect(story).ToBeVisibleAsync();
            await Expect(story.Locator("#story-title")).ToContainTextAsync(tradeId);
            var chart = story.Locator("#story-chart");
            await Expect(chart.Locator("canvas").First).ToBeVisibleAsync();
            await Expect(chart).ToHaveAttributeAsync("data-chart-marker-kinds", new Regex(@"^entry (exit|stop)$|^add entry (exit|stop)$"));
            await Expect(chart).ToHaveAttributeAsync("data-chart-stop-steps", new Regex("^[1-9]"));
            // Seven items and their total; the total is the trade's charges.
            await Expect(story.Locator("#story-charges tbody tr")).ToHaveCountAsync(8);
            var events = story.Locator("#story-events tbody");
            await Expect(events).ToContainTextAsync("ENTRY");
            await Expect(events).ToContainTextAsync("EXIT");

            await story.Locator("#story-close").ClickAsync();
            await Expect(story).ToBeHiddenAsync();
            // Enter on a row opens a story too.
            await page.Locator("#bt-trades tbody tr.story-row").Nth(1).FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(story).ToBeVisibleAsync();
            await Expect(story.Locator("#story-title")).Not.ToContainTextAsync(tradeId);
        });
        await page.Context.CloseAsync();
    }
}
