using LiveTrader.App.Configuration;
using LiveTrader.Engine.Data;

namespace LiveTrader.App.Commands;

/// <summary>Turns refused input into one clear line on stderr and a non-zero exit, never a stack trace.</summary>
public static class CliErrors
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    public static int Run(Func<int> command)
    {
        try
        {
            return command();
        }
        catch (Exception e) when (e is InputFileException or ConfigurationError or UsageError)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An output path that is a folder, a full disk, no permission: say so, no stack trace.
            Console.Error.WriteLine($"error: {e.Message}");
            return Failed;
        }
    }
}

/// <summary>A command line that names something impossible (an unknown segment, --from after --to ...).</summary>
public sealed class UsageError(string message) : Exception(message);
