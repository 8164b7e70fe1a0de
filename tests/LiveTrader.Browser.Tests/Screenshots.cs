using LiveTrader.Tests;
using System.Runtime.ExceptionServices;
using Microsoft.Playwright;

namespace LiveTrader.Browser.Tests;

/// <summary>Full-page screenshots kept as artifacts in TestResults/screenshots under the repository root,
/// one per test (named for it), taken at the end whether the test passed or not.</summary>
public static class Screenshots
{
    public static string Folder => Path.Combine(Repository.Root, "TestResults", "screenshots");

    public static async Task<string> SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Timeout = Timeouts.Action });
        return path;
    }

    /// <summary>Runs the test's steps and saves the screenshot after them, also when a step failed
    /// (then a screenshot that cannot be taken does not hide the step's own failure).</summary>
    public static async Task RunAsync(IPage page, string name, Func<Task> steps)
    {
        Exception? failure = null;
        try
        {
            await steps();
        }
        catch (Exception e)
        {
            failure = e;
        }
        try
        {
            await SaveAsync(page, name);
        }
        catch (PlaywrightException) when (failure is not null)
        {
        }
        if (failure is not null) ExceptionDispatchInfo.Capture(failure).Throw();
    }
}
