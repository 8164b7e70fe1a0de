namespace LiveTrader.App.Web;

/// <summary>The pages' files ship inside the executable (no CDN, no files to find at run time).</summary>
public static class StaticPage
{
    private const string Prefix = "wwwroot/";

    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
    };

    public static void Map(WebApplication app)
    {
        app.MapGet("/", () => File("index.html"));
        app.MapGet("/backtest", () => File("backtest.html"));
        app.MapGet("/performance", () => File("performance.html"));
        app.MapGet("/sweep", () => File("sweep.html"));
        var assembly = typeof(StaticPage).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var name = resource[Prefix.Length..];
            if (Types.ContainsKey(Path.GetExtension(name))) app.MapGet("/" + name, () => File(name));
        }
    }

    private static IResult File(string name)
    {
        var stream = typeof(StaticPage).Assembly.GetManifestResourceStream(Prefix + name);
        return stream is null ? Results.NotFound() : Results.Stream(stream, Types[Path.GetExtension(name)]);
    }
}
