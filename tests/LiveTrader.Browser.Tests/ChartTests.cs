using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveTrader.Browser.Tests;

/// <summary>The Live Trader page's candle chart (Lightweight Charts) during a paper session on the
/// simulator: the entry marker and the stop line while in position, a new candle arriving as an update
/// of the chart in place, and the mouse wheel zooming it. The chart's container states what it draws in
/// data attributes, since its canvas cannot be read.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChartTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task The_candle_chart_marks_the_entry_draws_the_stop_adds_live_candles_in_place_and_zooms()
    {
        await using var server = await AppServer.StartAsync();
        var page = await chromium.NewPageAsync();
        await Screenshots.RunAsync(page, nameof(The_candle_chart_marks_the_entry_draws_the_stop_adds_live_candles_in_place_and_zooms), async () =>
        {
            await page.GotoAsync(server.Url + "/");
            await page.WaitForFunctionAsync("() => document.querySelector('#NIFTY-stopLossPoints')?.value !== ''");
            await page.Locator("#segment-NIFTY").SetCheckedAsync(true);
            await page.Locator("#segment-BANKNIFTY").SetCheckedAsync(false);
            await page.Locator("#segment-SENSEX").SetCheckedAsync(false);
            // A far stop keeps the first position open while the chart is looked at.
            await page.Locator("#NIFTY-stopLossPoints").FillAsync("400");
            await page.Locator("#NIFTY-trailingStopPoints").FillAsync("400");
            await page.Locator("#speed").FillAsync("120");
            await page.Locator("#date").FillAsync(PaperSessionTests.EarlyEntryDay);
            await page.Locator("#start").ClickAsync();

            var chart = page.Locator("#chart-NIFTY");
            await Expect(chart.Locator("canvas").First).ToBeVisibleAsync(new() { Timeout = Timeouts.Long });

            // In position: the entry is marked on its candle and the stop stands as a line.
            await Expect(chart).ToHaveAttributeAsync("data-chart-marker-kinds", new System.Text.RegularExpressions.Regex(@"\bentry\b"), new() { Timeout = Timeouts.Long });
            await Expect(chart).ToHaveAttributeAsync("data-chart-stops", new System.Text.RegularExpressions.Regex(@"\bstop\b"), new() { Timeout = Timeouts.Long });
            await Expect(chart.Locator(".chart-legend")).ToContainTextAsync("RSI");

            // The next candle is added to the chart drawn already: no whole redraw.
            var candles = await NumberAsync(chart, "data-chart-candles");
            var draws = await NumberAsync(chart, "data-chart-full-draws");
            await page.WaitForFunctionAsync("n => Number(document.querySelector('#chart-NIFTY').dataset.chartCandles) > n", candles, new() { Timeout = Timeouts.Long });
            Assert.Equal(draws, await NumberAsync(chart, "data-chart-full-draws"));

            // The mouse wheel over the candles zooms in: fewer candles in view.
            var before = await WidthAsync(chart);
            await chart.ScrollIntoViewIfNeededAsync();
            var box = (await chart.Locator(".lw-chart").BoundingBoxAsync())!;
            await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 4);
            await page.Mouse.WheelAsync(0, -600);
            await page.WaitForFunctionAsync(
                "w => { const d = document.querySelector('#chart-NIFTY').dataset; return Number(d.chartVisibleTo) - Number(d.chartVisibleFrom) < w - 1; }",
                before, new() { Timeout = Timeouts.Action });

            // The crosshair over a candle shows its values.
            await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 4);
            await Expect(chart.Locator(".chart-legend")).ToContainTextAsync(" IST");
            await page.Locator("#stop").ClickAsync();
        });
        await page.Context.CloseAsync();
    }

    private static async Task<double> NumberAsync(ILocator chart, string attribute) =>
        double.Parse(await chart.GetAttributeAsync(attribute) ?? "0", CultureInfo.InvariantCulture);

    private static async Task<double> WidthAsync(ILocator chart) =>
        await NumberAsync(chart, "data-chart-visible-to") - await NumberAsync(chart, "data-chart-visible-from");
}
