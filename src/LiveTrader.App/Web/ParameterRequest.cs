namespace LiveTrader.App.Web;

/// <summary>The strategy, risk and per-segment parameters a page request may change for one run
/// (a paper session or a backtest); anything left out keeps its configured value. The configuration
/// file is never touched.</summary>
public abstract record ParameterRequest
{
    public string? Timeframe { get; init; }
    public int? RsiPeriod { get; init; }
    public int? PriceStrengthLength { get; init; }
    public int? VolumeStrengthLength { get; init; }
    public decimal? InitialCapital { get; init; }
    /// <summary>Rupees, all segments together; 0 switches the limit off.</summary>
    public decimal? DailyLossLimit { get; init; }
    /// <summary>Rupees, all segments together; 0 switches the target off.</summary>
    public decimal? DailyProfitTarget { get; init; }
    /// <summary>Account protection (Risk:Protection), rupees on the account's day net; 0 switches each off.</summary>
    public decimal? ProtectionDailyLoss { get; init; }
    public decimal? ProfitLockAt { get; init; }
    /// <summary>The share of ProfitLockAt locked once it is reached, in percent.</summary>
    public decimal? ProfitLockPercent { get; init; }
    public decimal? AccountTrailingStop { get; init; }
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
    /// <summary>Rupees; 0 switches the limit off.</summary>
    public decimal? MaxDailyLoss { get; init; }
    public string? TradingWindowStart { get; init; }
    public string? TradingWindowEnd { get; init; }
}
