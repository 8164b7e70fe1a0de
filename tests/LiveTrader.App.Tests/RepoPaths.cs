namespace LiveTrader.App.Tests;

/// <summary>The repository root (the folder with LiveTrader.sln) and the shared data beside it.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    public static string Fixtures => Path.Combine(Root, "tests", "LiveTrader.Core.Tests", "Fixtures");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LiveTrader.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No LiveTrader.sln above {AppContext.BaseDirectory}");
    }
}
