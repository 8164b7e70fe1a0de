namespace LiveTrader.App.Web;

/// <summary>POST /api/session/start: which segments, which mode and feed, how fast the simulator
/// runs and which day it simulates, and this session's parameter overrides.</summary>
public sealed record StartRequest : ParameterRequest
{
    public string[]? Segments { get; init; }
    /// <summary>Paper (default), Live or Dry run.</summary>
    public string? Mode { get; init; }
    /// <summary>Live only: the word LIVE, typed by the trader on the page.</summary>
    public string? Confirm { get; init; }
    /// <summary>sim (default: the built-in simulator) or kite (the logged-in Kite account).</summary>
    public string? Feed { get; init; }
    public double? Speed { get; init; }
    public string? Date { get; init; }
    public ulong? Seed { get; init; }
}
