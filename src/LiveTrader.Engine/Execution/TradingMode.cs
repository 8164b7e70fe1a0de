namespace LiveTrader.Engine.Execution;

/// <summary>Where a session's orders go. Paper and dry run fill at the simulated venue against live
/// quotes; live sends them to Kite. The mode is written on every trade and order row.</summary>
public enum TradingMode
{
    Paper,
    Live,
    /// <summary>Everything as live (the live feed, the ledger, the risk stage) except that no order is sent.</summary>
    DryRun,
}

public static class TradingModes
{
    /// <summary>The mode as the trade log, the page and the banner show it.</summary>
    public static string Label(this TradingMode mode) => mode switch
    {
        TradingMode.Paper => "PAPER",
        TradingMode.Live => "LIVE",
        TradingMode.DryRun => "DRY RUN",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    /// <summary>paper, live or dry-run (as typed on the command line or the page), or a label.</summary>
    public static bool TryParse(string? text, out TradingMode mode)
    {
        switch (text?.Trim().ToLowerInvariant().Replace('_', '-').Replace(' ', '-'))
        {
            case "paper": mode = TradingMode.Paper; return true;
            case "live": mode = TradingMode.Live; return true;
            case "dry-run" or "dryrun": mode = TradingMode.DryRun; return true;
            default: mode = TradingMode.Paper; return false;
        }
    }

    public static TradingMode FromLabel(string? label) => TryParse(label, out var mode) ? mode : TradingMode.Paper;
}
