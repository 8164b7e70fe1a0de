namespace LiveTrader.App.Web;

/// <summary>POST /api/session/start: which segments, how fast the simulator runs, which day it
/// simulates, and parameter overrides for this session only (the configuration file is untouched).</summary>
public sealed record StartRequest
{
    public string[]? Segments { get; init; }
    public double? Speed { get; init; }
    public string? Date { get; init; }
    public ulong? Seed { get; init; }
    public string? Timeframe { get; init; }
    public int? RsiPeriod { get; init; }
    public decimal? InitialCapital { get; init; }
    /// <summary>Per segment name: the values to change.</summary>
    public Dictionary<string, SegmentOverride>? Overrides { get; init; }
}

public sealed record SegmentOverride
{
    public decimal? StopLossPoints { get; init; }
    public decimal? TrailingStopPoints { get; init; }
    public decimal? ItmOffsetPoints { get; init; }
    public decimal? PyramidPoints { get; init; }
    public int? LotAddition { get; init; }
    public int? MaxQuantity { get; init; }
    public int? MaxTradesPerDay { get; init; }
    public decimal? MaxDailyLoss { get; init; }
    public string? TradingWindowStart { get; init; }
    public string? TradingWindowEnd { get; init; }
}
