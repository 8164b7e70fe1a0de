using System.CommandLine;
using LiveTrader.App.Configuration;
using LiveTrader.Engine.Journal;

namespace LiveTrader.App.Commands;

/// <summary><c>kill-switch --out DIR [--rearm]</c>: presses (or re-arms) the kill switch of the session
/// running on that folder, through its journal: the session takes it on its next beat (within a
/// second), or at its next start if none is running, and stays HALTED until re-armed.</summary>
public static class KillSwitchCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--out") { Description = "The running session's folder (default: the configuration's OutputFolder)" };
        var rearm = new Option<bool>("--rearm") { Description = "Re-arm trading after the kill switch" };
        var config = new Option<string?>("--config") { Description = "Configuration JSON overriding the defaults" };
        var command = new Command("kill-switch", "Cancel every working order, flatten every position and halt trading until re-armed") { output, rearm, config };
        command.SetAction(parse => CliErrors.Run(() => Run(parse.GetValue(output), parse.GetValue(rearm), parse.GetValue(config))));
        return command;
    }

    public static int Run(string? folder, bool rearm, string? config)
    {
        folder ??= SettingsLoader.Load(config).OutputFolder;
        using var journal = SessionJournal.OpenExisting(folder, verify: true)
            ?? throw new UsageError($"--out: {folder} holds no session (no {SessionJournal.FileName}); nothing to halt");
        journal.SendCommand(rearm ? SessionCommand.Rearm : SessionCommand.KillSwitch, "command line");
        Console.WriteLine(rearm
            ? $"Re-arm sent to the session in {folder}: it trades again within a second if running."
            : $"Kill switch sent to the session in {folder}: within a second it cancels every working order, closes every position and halts (at its next start if none is running). Re-arm with: kill-switch --out {folder} --rearm");
        return CliErrors.Ok;
    }
}
