namespace LiveTrader.App.Web;

/// <summary>The page's files ship inside the executable (no CDN, no files to find at run time).</summary>
public static class StaticPage
{
    private static readonly Dictionary<string, string> Types = new()
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["app.js"] = "text/javascript; charset=utf-8",
        ["app.css"] = "text/css; charset=utf-8",
    };

    public static void Map(WebApplication app)
    {
        app.MapGet("/", () => File("index.html"));
        foreach (var name in Types.Keys) app.MapGet("/" + name, () => File(name));
    }

    private static IResult File(string name)
    {
        var stream = typeof(StaticPage).Assembly.GetManifestResourceStream("wwwroot/" + name);
        return stream is null ? Results.NotFound() : Results.Stream(stream, Types[name]);
    }
}
