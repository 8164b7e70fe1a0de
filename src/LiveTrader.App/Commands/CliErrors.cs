using LiveTrader.App.Configuration;
using LiveTrader.App.Feeds;
using LiveTrader.Engine.Data;

namespace LiveTrader.App.Commands;

/// <summary>Turns refused input into one clear line on stderr and a non-zero exit, never a stack trace.</summary>
public static class CliErrors
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    public static async Task<int> RunAsync(Func<Task<int>> command)
    {
        try
        {
            return await command();
        }
        catch (Exception e) when (e is InputFileException or ConfigurationError or UsageError)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
        catch (Exception e) when (Feeds.LoginRequired.Is(e))
        {
            Console.Error.WriteLine($"error: {Feeds.LoginRequired.MessageOf(e)}");
            return BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A port already taken surfaces as an IOException from Kestrel.
            Console.Error.WriteLine($"error: {e.Message}");
            return Failed;
        }
        catch (OperationCanceledException)
        {
            return Ok;
        }
        catch (Exception e)
        {
            // Unexpected: one line on the console, the stack in the log file the operator keeps.
            var log = LogUnexpected(e);
            Console.Error.WriteLine($"error: unexpected failure: {e.Message} (details in {log})");
            return Failed;
        }
    }

    /// <summary>One <c>error:</c> line and exit code 2, for input refused before any command runs.</summary>
    public static int Refused(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return BadInput;
    }

    /// <summary>Appends the exception with its stack to <c>livetrader-errors.log</c> in the temp folder.</summary>
    public static string LogUnexpected(Exception e)
    {
        var path = Path.Combine(Path.GetTempPath(), "livetrader-errors.log");
        try
        {
            File.AppendAllText(path, $"{WallClock.System.Now():O} {e}\n");
        }
        catch (IOException)
        {
            return "no log: the temp folder is not writable";
        }
        return path;
    }

    public static int Run(Func<int> command) => RunAsync(() => Task.FromResult(command())).GetAwaiter().GetResult();
}

/// <summary>A command line that names something impossible (an unknown segment, --from after --to ...).</summary>
public sealed class UsageError(string message) : Exception(message);
