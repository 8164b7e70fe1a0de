using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveTrader.Browser.Tests;

/// <summary>A paper session driven from the Live Trader page the way a trader does it: form, start, the
/// card reaching a position, the log and chart filling, stop with close-all, the trades download.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PaperSessionTests(ChromiumFixture chromium)
{
    /// <summary>A day on which the simulator's generated market (seed 1) gives NIFTY an entry within the
    /// session's first hour, found by running the API on several January days. At high speed the exact minute
    /// moves from run to run (ticks are seconds of wall time apart, so the candles built from them vary a
    /// little): seen at 09:29, 09:55 and 10:15, the first position held 15 minutes to 3 hours.</summary>
    public const string EarlyEntryDay = "2026-01-28";

    [Fact]
    public async Task A_paper_session_runs_from_the_form_to_a_position_and_stop_with_close_all_writes_a_manual_exit()
    {
        await using var server = await AppServer.StartAsync();
        var page = await chromium.NewPageAsync();
        await Screenshots.RunAsync(page, nameof(A_paper_session_runs_from_the_form_to_a_position_and_stop_with_close_all_writes_a_manual_exit), async () =>
        {
            await page.GotoAsync(server.Url + "/");

            // The form starts from the configuration.
            var nifty = server.Settings.Segments["NIFTY"];
            Assert.Equal(50m, nifty.StopLossPoints);
            Assert.Equal(9, server.Settings.Strategy.RsiPeriod);
            await ExpectNumberAsync(page, "#NIFTY-stopLossPoints", nifty.StopLossPoints);
            await ExpectNumberAsync(page, "#NIFTY-trailingStopPoints", nifty.TrailingStopPoints);
            await ExpectNumberAsync(page, "#rsi-period", server.Settings.Strategy.RsiPeriod);

            await page.Locator("#segment-NIFTY").SetCheckedAsync(true);
            await page.Locator("#segment-BANKNIFTY").SetCheckedAsync(false);
            await page.Locator("#segment-SENSEX").SetCheckedAsync(false);
            // A stop far away keeps the first position open until the close-all below, instead of
            // racing a stop-loss that can fire between the test seeing the position and clicking Stop.
            await page.Locator("#NIFTY-stopLossPoints").FillAsync("400");
            await page.Locator("#NIFTY-trailingStopPoints").FillAsync("400");
            await page.Locator("#speed").FillAsync("300");
            await page.Locator("#date").FillAsync(EarlyEntryDay);
            var rowsBefore = await page.Locator("#log tbody tr").CountAsync();

            await page.Locator("#start").ClickAsync();

            var state = page.Locator("article.card[data-segment=NIFTY] .state");
            await Expect(state).ToHaveTextAsync("IN POSITION", new() { Timeout = Timeouts.Long });
            Assert.Equal(0, await page.Locator("article.card[data-segment=BANKNIFTY], article.card[data-segment=SENSEX]").CountAsync());

            // The event log grew with the session's events, an entry among them.
            await page.WaitForFunctionAsync(
                "min => document.querySelectorAll('#log tbody tr').length > min", rowsBefore + 2,
                new() { Timeout = Timeouts.Long });
            await Expect(page.Locator("#log tbody tr > td", new() { HasTextRegex = new("^\\s*ENTRY\\s*$") }).First)
                .ToBeAttachedAsync(new() { Timeout = Timeouts.Long });

            // The NIFTY chart draws the day's candles.
            await Expect(page.Locator("#chart-NIFTY canvas").First).ToBeVisibleAsync(new() { Timeout = Timeouts.Long });
            await Expect(page.Locator("#chart-NIFTY")).ToHaveAttributeAsync("data-chart-candles", new System.Text.RegularExpressions.Regex("^[1-9]"), new() { Timeout = Timeouts.Long });

            // The card refreshes every few seconds (many market minutes at x300): stop the moment the
            // server itself holds a NIFTY position (the next one, should this one have closed), so the
            // close-all has a position to close.
            await page.Locator("#close-all").SetCheckedAsync(true);
            await Waits.UntilAsync(page, """
                async () => {
                  const r = await fetch('api/session/status', { credentials: 'same-origin', cache: 'no-store' });
                  const s = r.ok ? await r.json() : null;
                  return !!s && s.segments.some((x) => x.segment === 'NIFTY' && x.status === 'IN POSITION');
                }
                """, null, "the server to hold a NIFTY position", pollMs: 50);
            await page.Locator("#stop").ClickAsync();
            await WaitForStoppedAsync(page);

            var download = await page.RunAndWaitForDownloadAsync(
                () => page.Locator("#download-trades").ClickAsync(),
                new() { Timeout = Timeouts.Long });
            var csv = TradeCsv.Parse(await File.ReadAllTextAsync(await download.PathAsync()));
            Assert.Equal(TradeCsv.Columns, csv.Header);
            Assert.NotEmpty(csv.Rows);
            Assert.All(csv.Rows, r => Assert.Equal(("PAPER", "NIFTY"), (r["mode"], r["segment"])));
            Assert.Contains(csv.Rows, r => r["exit_reason"] == "Manual");

            // Today's trades table lists the closed trades; a row opens the trade's story.
            var manual = page.Locator("#trades tbody tr.story-row", new() { HasText = "Manual" }).First;
            await Expect(manual).ToBeVisibleAsync(new() { Timeout = Timeouts.Long });
            await manual.ClickAsync();
            await Expect(page.Locator("#story-title")).ToContainTextAsync("Manual");
            await Expect(page.Locator("#story-chart")).ToHaveAttributeAsync("data-chart-marker-kinds", new System.Text.RegularExpressions.Regex(@"\bentry\b.*\bexit\b"));
        });
        await page.Context.CloseAsync();
    }

    /// <summary>Waits until the API says no session runs (the page's own fetch, same origin).</summary>
    private static Task WaitForStoppedAsync(IPage page) => Waits.UntilAsync(page, """
        async () => {
          const r = await fetch('api/session/status', { credentials: 'same-origin', cache: 'no-store' });
          return r.ok && (await r.json()).running === false;
        }
        """, null, "the session to stop");

    /// <summary>The field shows this number (as the configuration holds it; "50" and "50.0" both do).</summary>
    private static async Task ExpectNumberAsync(IPage page, string selector, decimal expected)
    {
        var field = page.Locator(selector);
        await page.WaitForFunctionAsync(
            "sel => { const el = document.querySelector(sel); return el && el.value !== ''; }", selector,
            new() { Timeout = Timeouts.Action });
        var value = await field.InputValueAsync();
        Assert.True(decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var shown),
            $"{selector} shows '{value}', not a number");
        Assert.Equal(expected, shown);
    }
}
