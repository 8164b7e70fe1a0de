namespace LiveTrader.Browser.Tests;

/// <summary>Generous waits: a slow CI machine must pass. Nothing asserts on elapsed time; these only
/// bound how long a condition may take before the test gives up.</summary>
public static class Timeouts
{
    /// <summary>A click, a fill, an element appearing.</summary>
    public const float Action = 30_000;

    /// <summary>A simulated session reaching a state, a backtest finishing.</summary>
    public const float Long = 240_000;
}
