using System.Diagnostics;
using LiveTrader.App.Commands;

namespace LiveTrader.App.Tests;

/// <summary>Tests that change process-wide state (environment variables, Console.Out/Error, child
/// processes that inherit the environment) run one at a time, never alongside each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessStateCollection
{
    public const string Name = "Process-wide state";
}

/// <summary>A fresh folder under the temp directory, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lt-tests-" + Guid.NewGuid().ToString("N"));

    public TempFolder() => Directory.CreateDirectory(Path);

    public string File(string name, string content)
    {
        var full = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(full, content);
        return full;
    }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        // LT_KEEP_TEMP=1 keeps a failed simulated day's logs and journal to read afterwards.
        if (Environment.GetEnvironmentVariable("LT_KEEP_TEMP") is not null) return;
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Captures Console.Out and Console.Error for the duration of a call.</summary>
public static class ConsoleCapture
{
    public static (int Exit, string Out, string Err) Run(Func<int> action)
    {
        var oldOut = Console.Out;
        var oldErr = Console.Error;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var exit = action();
            return (exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }
}

/// <summary>Runs the real LiveTrader.App executable (the dll copied next to the tests) in a child
/// <c>dotnet</c> process.</summary>
public static class AppProcess
{
    public static string AppDll => typeof(SignalsCommand).Assembly.Location;

    public static (int Exit, string Out, string Err) Run(string workingDirectory, IDictionary<string, string?>? environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(workingDirectory, environment, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"LiveTrader.App {string.Join(' ', args)} did not finish");
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts a long-running command (a server) and leaves it to the caller to stop.</summary>
    public static Process Start(string workingDirectory, params string[] args) =>
        Process.Start(StartInfo(workingDirectory, null, args))!;

    private static ProcessStartInfo StartInfo(string workingDirectory, IDictionary<string, string?>? environment, string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AppDll);
        foreach (var a in args) start.ArgumentList.Add(a);
        // The test host's own settings must not leak into the child.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("LIVETRADER_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        if (environment is not null)
        {
            foreach (var (k, v) in environment) start.Environment[k] = v;
        }
        return start;
    }

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && System.IO.File.Exists(host)) return host;
        var main = Process.GetCurrentProcess().MainModule?.FileName;
        if (main is not null && System.IO.Path.GetFileNameWithoutExtension(main) == "dotnet") return main;
        return "dotnet";
    }
}
