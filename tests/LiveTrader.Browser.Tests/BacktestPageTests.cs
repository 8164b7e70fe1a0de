using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveTrader.Browser.Tests;

/// <summary>A backtest run from the Backtest page on a shared candle file, to its summary, trades and equity.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BacktestPageTests(ChromiumFixture chromium)
{
    /// <summary>The shared 5-minute NIFTY file (2024-07-25 to 2025-07-25).</summary>
    private const string NiftyFile = "NIFTY_5minute_2024-07-25_2025-07-25.csv";

    /// <summary>Two weeks inside the file; the command-line backtest with the defaults takes 40 trades here.</summary>
    private const string From = "2025-03-03";
    private const string To = "2025-03-14";

    [Fact]
    public async Task A_two_week_nifty_backtest_runs_from_the_page_to_its_summary_trades_and_equity()
    {
        await using var server = await AppServer.StartAsync();
        var page = await chromium.NewPageAsync();
        await Screenshots.RunAsync(page, nameof(A_two_week_nifty_backtest_runs_from_the_page_to_its_summary_trades_and_equity), async () =>
        {
            await page.GotoAsync(server.Url + "/backtest");

            // The sources come from the API; pick the option naming the NIFTY 5-minute file.
            var option = await page.WaitForFunctionAsync("""
                file => {
                  const select = document.querySelector('#bt-source');
                  const o = select && [...select.options].find((o) => o.value.includes(file) || o.textContent.includes(file));
                  return o ? o.value : false;
                }
                """, NiftyFile, new() { Timeout = Timeouts.Action });
            await page.Locator("#bt-source").SelectOptionAsync(await option.JsonValueAsync<string>());
            if (await page.Locator("#segment-NIFTY").CountAsync() > 0)
            {
                await page.Locator("#segment-NIFTY").SetCheckedAsync(true);
                if (await page.Locator("#segment-BANKNIFTY").CountAsync() > 0) await page.Locator("#segment-BANKNIFTY").SetCheckedAsync(false);
                if (await page.Locator("#segment-SENSEX").CountAsync() > 0) await page.Locator("#segment-SENSEX").SetCheckedAsync(false);
            }
            await page.Locator("#bt-from").FillAsync(From);
            await page.Locator("#bt-to").FillAsync(To);

            var start = await page.RunAndWaitForResponseAsync(
                () => page.Locator("#run-backtest").ClickAsync(),
                r => r.Url.EndsWith("/api/backtest/start", StringComparison.Ordinal) && r.Request.Method == "POST",
                new() { Timeout = Timeouts.Action });
            Assert.True(start.Status == 202, $"start answered {start.Status}: {await start.TextAsync()}");
            var id = (await start.JsonAsync())!.Value.GetProperty("id").ToString();

            var run = await WaitForDoneAsync(page, server, id);
            Assert.Equal("done", run.GetProperty("state").GetString());
            var trades = run.GetProperty("total").GetProperty("trades").GetInt32();
            Assert.True(trades > 0, "the two weeks took no trade");

            // The summary table names its trades column and holds the run's count in a cell of its own.
            var cells = page.Locator("#bt-summary :is(th, td)");
            await Expect(cells.Filter(new() { HasTextRegex = new Regex(@"^\s*Trades\s*$", RegexOptions.IgnoreCase) }).First)
                .ToBeAttachedAsync(new() { Timeout = Timeouts.Long });
            await Expect(cells.Filter(new() { HasTextRegex = new Regex($@"^\s*{trades}\s*$") }).First)
                .ToBeAttachedAsync(new() { Timeout = Timeouts.Long });

            var rows = page.Locator("#bt-trades tbody tr");
            await Expect(rows.First).ToBeAttachedAsync(new() { Timeout = Timeouts.Long });
            var shown = await rows.CountAsync();
            Assert.InRange(shown, 1, trades);
            await Expect(rows.First).ToContainTextAsync("NIFTY");

            await Expect(page.Locator("#bt-equity canvas").First).ToBeVisibleAsync(new() { Timeout = Timeouts.Long });
            Assert.True(int.Parse(await page.Locator("#bt-equity").GetAttributeAsync("data-chart-points") ?? "0") > 1, "the equity chart draws no line");
            await Expect(page.Locator("#bt-drawdown canvas").First).ToBeVisibleAsync();
        });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task With_an_empty_data_folder_and_no_login_the_first_backtest_runs_on_the_simulators_history()
    {
        await using var server = await AppServer.StartAsync((s, temp) =>
        {
            s.DataFolder = Directory.CreateDirectory(Path.Combine(temp, "empty-data")).FullName;
            s.Kite.TokenFile = Path.Combine(temp, "no-token.json");
            s.Kite.CredentialsFile = null;
        });
        var page = await chromium.NewPageAsync();
        await Screenshots.RunAsync(page, nameof(With_an_empty_data_folder_and_no_login_the_first_backtest_runs_on_the_simulators_history), async () =>
        {
            await page.GotoAsync(server.Url + "/backtest");
            // Nothing to choose from on disk: the page starts on the simulator, with a range and a word on what it is.
            await Expect(page.Locator("#bt-source")).ToHaveValueAsync("sim", new() { Timeout = Timeouts.Action });
            await Expect(page.Locator("#bt-source-hint")).ToContainTextAsync("not market data");
            Assert.False(string.IsNullOrEmpty(await page.Locator("#bt-from").InputValueAsync()));
            await Expect(page.Locator("#run-backtest")).ToBeEnabledAsync();
            foreach (var other in new[] { "BANKNIFTY", "SENSEX" })
                if (await page.Locator($"#segment-{other}").CountAsync() > 0) await page.Locator($"#segment-{other}").SetCheckedAsync(false);

            var start = await page.RunAndWaitForResponseAsync(
                () => page.Locator("#run-backtest").ClickAsync(),
                r => r.Url.EndsWith("/api/backtest/start", StringComparison.Ordinal) && r.Request.Method == "POST",
                new() { Timeout = Timeouts.Action });
            Assert.True(start.Status == 202, $"start answered {start.Status}: {await start.TextAsync()}");
            Assert.Equal("sim", JsonDocument.Parse(start.Request.PostData!).RootElement.GetProperty("source").GetString());
            var run = await WaitForDoneAsync(page, server, (await start.JsonAsync())!.Value.GetProperty("id").ToString());
            Assert.Equal("done", run.GetProperty("state").GetString());
            await Expect(page.Locator("#bt-summary")).ToContainTextAsync("NIFTY", new() { Timeout = Timeouts.Long });
        });
        await page.Context.CloseAsync();
    }

    /// <summary>Polls the run (as the page does) until it is no longer running; its final answer.</summary>
    private static async Task<JsonElement> WaitForDoneAsync(IPage page, AppServer server, string id)
    {
        await Waits.UntilAsync(page, """
            async (id) => {
              const r = await fetch('api/backtest/' + encodeURIComponent(id), { cache: 'no-store' });
              return r.ok && !['running', 'queued'].includes((await r.json()).state);
            }
            """, id, $"backtest {id} to finish");
        var response = await page.APIRequest.GetAsync($"{server.Url}/api/backtest/{Uri.EscapeDataString(id)}");
        Assert.True(response.Ok, $"GET backtest answered {response.Status}");
        return (await response.JsonAsync())!.Value;
    }
}
