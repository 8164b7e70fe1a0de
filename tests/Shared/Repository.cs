namespace LiveTrader.Tests;

/// <summary>The repository root (the folder holding LiveTrader.sln, found by walking up from the test
/// binary) and the shared real market data beside it. Linked into every test project.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LiveTrader.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No LiveTrader.sln above {AppContext.BaseDirectory}");
    });

    public static string Root => RootPath.Value;

    /// <summary>../shared/data beside the clone (the data README describes the files).</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    public static string Data(string name) => Path.Combine(SharedData, name);
}
