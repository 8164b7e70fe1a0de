using LiveTrader.Tests;

namespace LiveTrader.Browser.Tests;

/// <summary>The Playwright node driver comes from the NuGet package (copied into the build output) and
/// drives Debian's Chromium: nothing is downloaded.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DriverTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task The_packaged_node_driver_drives_debian_chromium_on_the_app()
    {
        var driver = Path.Combine(AppContext.BaseDirectory, ".playwright", "node");
        Assert.True(Directory.Exists(driver), $"no Playwright driver in the build output at {driver}");
        Assert.NotEmpty(Directory.GetFiles(driver, "node", SearchOption.AllDirectories));
        Assert.Matches(@"^\d+\.", chromium.Browser.Version);

        await using var server = await AppServer.StartAsync();
        var page = await chromium.NewPageAsync();
        await Screenshots.RunAsync(page, nameof(The_packaged_node_driver_drives_debian_chromium_on_the_app), async () =>
        {
            var response = await page.GotoAsync(server.Url + "/");
            Assert.NotNull(response);
            Assert.Equal(200, response.Status);
            Assert.Equal("Live Trader", await page.TitleAsync());
            Assert.Equal(Repository.SharedData, server.Settings.DataFolder);
        });
        await page.Context.CloseAsync();
    }
}
