namespace LiveTrader.App.Web;

/// <summary>POST /api/sweeps: which segments on which candles, the parameters to vary, the days, and
/// an optional seeded sample of the grid.</summary>
public sealed record SweepRequest
{
    public string[]? Segments { get; init; }
    /// <summary>files (default: candle CSVs in the data folder) or sim (the simulator's history).</summary>
    public string? Source { get; init; }
    /// <summary>Per segment: a candle file's name inside the data folder.</summary>
    public Dictionary<string, string>? Files { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public List<SweepAxisRequest>? Vary { get; init; }
    /// <summary>Run a seeded random sample of this many sets of the grid.</summary>
    public int? Sample { get; init; }
    public ulong? Seed { get; init; }
}

/// <summary>One configuration path (e.g. <c>Segments.NIFTY.StopLossPoints</c>) and its values: a list,
/// or a range from, to and step.</summary>
public sealed record SweepAxisRequest
{
    public string? Name { get; init; }
    public string[]? Values { get; init; }
    public decimal? From { get; init; }
    public decimal? To { get; init; }
    public decimal? Step { get; init; }
}
