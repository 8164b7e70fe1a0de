using Microsoft.Playwright;

namespace LiveTrader.Browser.Tests;

/// <summary>Both pages on a laptop (1280x800) and a phone (390x844): no horizontal scrolling, every
/// form control labelled, every button named.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LayoutTests(ChromiumFixture chromium)
{
    [Theory]
    [InlineData("/", "live", 1280, 800)]
    [InlineData("/", "live", 390, 844)]
    [InlineData("/backtest", "backtest", 1280, 800)]
    [InlineData("/backtest", "backtest", 390, 844)]
    [InlineData("/sweep", "sweep", 1280, 800)]
    [InlineData("/sweep", "sweep", 390, 844)]
    public async Task The_page_fits_the_viewport_and_labels_every_control(string path, string name, int width, int height)
    {
        await using var server = await AppServer.StartAsync();
        var page = await chromium.NewPageAsync(width, height);
        await Screenshots.RunAsync(page, $"Layout_{name}_{width}x{height}", async () =>
        {
            var response = await page.GotoAsync(server.Url + path);
            Assert.Equal(200, response?.Status);
            // The parameter form is built from /api/config (the Sweep page's varied parameters too): wait until it is there.
            await page.Locator(name == "sweep" ? "#sw-axis-name-0" : "#NIFTY-stopLossPoints").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            // The Backtest page's source list comes from /api/backtest/sources: measure it with the file names in.
            if (name == "backtest")
                await page.Locator("#bt-source option[value$='.csv']").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });

            var overflow = await PageAudit.OverflowAsync(page);
            Assert.True(overflow <= 0,
                $"{path} at {width}x{height} scrolls sideways by {overflow}px; wider than the viewport: {string.Join(", ", await PageAudit.WideElementsAsync(page))}");

            var unlabelled = await PageAudit.UnlabelledFieldsAsync(page);
            Assert.True(unlabelled.Length == 0, $"{path}: fields without an accessible label: {string.Join(", ", unlabelled)}");

            var unnamed = await PageAudit.UnnamedButtonsAsync(page);
            Assert.True(unnamed.Length == 0, $"{path}: buttons without a name: {string.Join(", ", unnamed)}");
        });
        await page.Context.CloseAsync();
    }
}
