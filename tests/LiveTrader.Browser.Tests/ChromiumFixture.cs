using Microsoft.Playwright;

namespace LiveTrader.Browser.Tests;

/// <summary>One Playwright driver (the node driver the NuGet package copies into the build output) and
/// one Debian Chromium for every browser test. Playwright never downloads a browser here: the machine
/// has no internet, so the executable is given.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium is not launched");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"{ExecutablePath} is missing: install Debian's chromium package (./test.sh does)");
        // Belt and braces: the executable is given, and no Playwright step may fetch a browser of its own.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Assertions.SetDefaultExpectTimeout(Timeouts.Action);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Args,
            Timeout = 120_000,
        });
    }

    /// <summary>A fresh context (own cookies, own downloads) at the given viewport.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
            TimezoneId = "Asia/Kolkata",
        });
        context.SetDefaultTimeout(Timeouts.Action);
        context.SetDefaultNavigationTimeout(Timeouts.Action);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
    }
}

/// <summary>Every browser test runs in this one collection: one Chromium, one test at a time
/// (the machine has two cores; parallel sessions would only make each slower).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Chromium";
}
