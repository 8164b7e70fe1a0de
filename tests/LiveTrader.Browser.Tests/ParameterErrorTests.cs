using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveTrader.Browser.Tests;

/// <summary>A bad parameter is refused next to its field and starts nothing: caught by the page's own
/// check, and (with the page's check bypassed) by the server, whose message the page shows.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ParameterErrorTests(ChromiumFixture chromium)
{
    private const string StopLossKey = "LiveTrader:Segments:NIFTY:StopLossPoints";
    private const string StopLossSlot = $"[data-error-for=\"{StopLossKey}\"]";

    [Fact]
    public async Task A_negative_stop_loss_is_refused_next_to_its_field_and_nothing_starts()
    {
        await using var server = await AppServer.StartAsync();
        var page = await chromium.NewPageAsync();
        await Screenshots.RunAsync(page, nameof(A_negative_stop_loss_is_refused_next_to_its_field_and_nothing_starts), async () =>
        {
            await OpenWithOnlyNiftyAsync(page, server);
            await page.Locator("#NIFTY-stopLossPoints").FillAsync("-5");
            await page.Locator("#start").ClickAsync();

            await Expect(page.Locator(StopLossSlot)).ToHaveTextAsync(new Regex(@"\S"));
            Assert.False(await RunningAsync(page, server));
        });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task With_the_page_check_bypassed_the_servers_refusal_is_shown_next_to_the_field()
    {
        await using var server = await AppServer.StartAsync();
        var page = await chromium.NewPageAsync();
        await Screenshots.RunAsync(page, nameof(With_the_page_check_bypassed_the_servers_refusal_is_shown_next_to_the_field), async () =>
        {
            var serverMessage = await ServerMessageForNegativeStopLossAsync(page, server);

            // The page sends what its checks allow; on the wire the stop loss becomes -5, so only the
            // server can refuse it. The request still reaches the real server and its real answer.
            var sent = 0;
            await page.RouteAsync("**/api/session/start", async route =>
            {
                var body = JsonNode.Parse(route.Request.PostData ?? "{}")!.AsObject();
                var overrides = body["overrides"] as JsonObject ?? new JsonObject();
                var nifty = overrides["NIFTY"] as JsonObject ?? new JsonObject();
                nifty["stopLossPoints"] = -5;
                overrides["NIFTY"] = nifty;
                body["overrides"] = overrides;
                Interlocked.Increment(ref sent);
                await route.ContinueAsync(new() { PostData = System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()) });
            });
            await OpenWithOnlyNiftyAsync(page, server);
            await page.Locator("#NIFTY-stopLossPoints").FillAsync("40");
            await page.Locator("#start").ClickAsync();

            await Expect(page.Locator(StopLossSlot)).ToContainTextAsync(serverMessage);
            Assert.Equal(1, sent);
            Assert.False(await RunningAsync(page, server));
        });
        await page.Context.CloseAsync();
    }

    private static async Task OpenWithOnlyNiftyAsync(IPage page, AppServer server)
    {
        await page.GotoAsync(server.Url + "/");
        await page.Locator("#segment-NIFTY").SetCheckedAsync(true);
        await page.Locator("#segment-BANKNIFTY").SetCheckedAsync(false);
        await page.Locator("#segment-SENSEX").SetCheckedAsync(false);
        await page.Locator("#speed").FillAsync("900");
        await page.Locator("#date").FillAsync(PaperSessionTests.EarlyEntryDay);
    }

    /// <summary>What the server itself answers for a stop loss of -5 (asked directly, not through the page).</summary>
    private static async Task<string> ServerMessageForNegativeStopLossAsync(IPage page, AppServer server)
    {
        var response = await page.APIRequest.PostAsync(server.Url + "/api/session/start", new()
        {
            Headers = new Dictionary<string, string> { ["X-Requested-With"] = "LiveTrader" },
            DataObject = new { segments = new[] { "NIFTY" }, overrides = new { NIFTY = new { stopLossPoints = -5 } } },
        });
        Assert.Equal(400, response.Status);
        var errors = (await response.JsonAsync())!.Value.GetProperty("errors");
        var message = errors.GetProperty(StopLossKey).GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message!;
    }

    private static async Task<bool> RunningAsync(IPage page, AppServer server)
    {
        var response = await page.APIRequest.GetAsync(server.Url + "/api/session/status");
        Assert.True(response.Ok, $"status answered {response.Status}");
        return (await response.JsonAsync())!.Value.GetProperty("running").GetBoolean();
    }
}
