using LiveTrader.Engine.Journal;

namespace LiveTrader.App.Commands;

/// <summary>What a paper session writes in its folder (by path relative to it): the daily logs and
/// workbooks (<c>live_*</c>), the journal and its WAL files, and the recordings.</summary>
public static class SessionFiles
{
    public static bool IsWritten(string relative) =>
        relative.StartsWith("live_", StringComparison.Ordinal)
        || relative.StartsWith(SessionJournal.FileName, StringComparison.Ordinal)
        || relative.StartsWith("recordings/", StringComparison.Ordinal);
}
