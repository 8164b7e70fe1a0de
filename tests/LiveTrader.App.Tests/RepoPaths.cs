namespace LiveTrader.App.Tests;

/// <summary>The shared data and the Core tests' indicator fixtures, as the App tests read them.</summary>
internal static class RepoPaths
{
    public static string SharedData => LiveTrader.Tests.Repository.SharedData;

    public static string Fixtures => Path.Combine(LiveTrader.Tests.Repository.Root, "tests", "LiveTrader.Core.Tests", "Fixtures");
}
