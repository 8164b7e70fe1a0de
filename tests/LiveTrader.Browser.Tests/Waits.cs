using System.Diagnostics;
using Microsoft.Playwright;

namespace LiveTrader.Browser.Tests;

/// <summary>Waiting on conditions Playwright's auto-waiting cannot see, such as an API answer
/// (WaitForFunctionAsync takes a returned promise for a truthy value, so it cannot await a fetch).</summary>
public static class Waits
{
    /// <summary>Evaluates <paramref name="asyncPredicate"/> (a JS function, awaited) in the page until it
    /// returns true; fails naming <paramref name="what"/> after <paramref name="timeoutMs"/>.</summary>
    public static async Task UntilAsync(IPage page, string asyncPredicate, object? arg, string what, float timeoutMs = Timeouts.Long, int pollMs = 250)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await page.EvaluateAsync<bool>(asyncPredicate, arg)) return;
            if (clock.ElapsedMilliseconds > timeoutMs) throw new TimeoutException($"gave up after {timeoutMs / 1000} s waiting for {what}");
            await page.WaitForTimeoutAsync(pollMs);
        }
    }
}
