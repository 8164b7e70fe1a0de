using System.CommandLine;
using LiveTrader.App.Commands;
using LiveTrader.App.Configuration;

namespace LiveTrader.App.Web;

/// <summary><c>serve [--urls URL] [--config FILE]</c>: the Live Trader page on Kestrel.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = UrlsOption();
        var config = new Option<string?>("--config") { Description = "Configuration JSON overriding the defaults" };
        var command = new Command("serve", "Serve the Live Trader web page: start, watch and stop paper sessions from a browser") { urls, config };
        command.SetAction((parse, ct) => CliErrors.RunAsync(() => RunAsync(parse.GetValue(urls)!, parse.GetValue(config), ct)));
        return command;
    }

    public static Option<string> UrlsOption() => new("--urls")
    {
        Description = $"Address(es) to listen on, ';'-separated (default {WebApp.DefaultUrl}; others need LiveTrader:Web:AccessToken)",
        DefaultValueFactory = _ => WebApp.DefaultUrl,
    };

    public static async Task<int> RunAsync(string urls, string? config, CancellationToken ct)
    {
        var settings = SettingsLoader.Load(config);
        var list = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        await using var app = WebApp.Build(settings, list);
        await app.StartAsync(ct);
        foreach (var address in app.Urls) Console.WriteLine($"Live Trader listening on {address}");
        Console.WriteLine("Open it in a browser and press Start to paper-trade a simulated day on the built-in Kite simulator; /backtest runs backtests. Press Ctrl+C to stop.");
        // Ctrl+C reaches both the command line's token and the host's own lifetime: either ends the wait.
        await app.WaitForShutdownAsync(ct);
        Console.WriteLine("Stopped; any running session was stopped with its positions left in the journal.");
        return CliErrors.Ok;
    }
}
