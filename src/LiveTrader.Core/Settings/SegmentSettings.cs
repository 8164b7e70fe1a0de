namespace LiveTrader.Core.Settings;

/// <summary>One segment's trading parameters (spec 4, 8; DECISIONS.md "Instruments and lots",
/// "Pyramiding"). Points are index points unless the strategy puts stops on the premium.</summary>
public sealed class SegmentSettings
{
    public bool Enabled { get; set; } = true;
    /// <summary>Kite's name for the index, e.g. <c>NIFTY 50</c>.</summary>
    public string IndexSymbol { get; set; } = "";
    /// <summary>Kite instrument token of the index (256265 NIFTY 50, 260105 NIFTY BANK, 265 SENSEX).</summary>
    public uint IndexToken { get; set; }
    /// <summary>Options exchange: NFO for NSE indices, BFO for SENSEX.</summary>
    public string Exchange { get; set; } = "NFO";
    public int LotSize { get; set; }
    public decimal StrikeStep { get; set; }
    public decimal ItmOffsetPoints { get; set; } = 100;
    public decimal StopLossPoints { get; set; } = 50;
    public decimal TrailingStopPoints { get; set; } = 50;
    /// <summary>Fixed profit target in points (spec 9); null keeps it off.</summary>
    public decimal? ProfitTargetPoints { get; set; }
    public decimal PyramidPoints { get; set; }
    public int LotAddition { get; set; }
    public int MaxQuantity { get; set; }
    public int MaxTradesPerDay { get; set; } = 5;
    /// <summary>Per-segment daily loss in rupees that blocks new entries; null keeps it off.</summary>
    public decimal? MaxDailyLoss { get; set; }
    public TimeOnly TradingWindowStart { get; set; } = new(9, 20);
    public TimeOnly TradingWindowEnd { get; set; } = new(15, 15);
    public int FreezeQuantity { get; set; }
    /// <summary>Implied volatility (annual, 0.12 = 12 %) used to model premiums in a backtest.</summary>
    public double ImpliedVolatility { get; set; } = 0.12;
    public decimal TickSize { get; set; } = 0.05m;
    /// <summary>Paper-fill slippage in ticks against us on every fill.</summary>
    public int SlippageTicks { get; set; }
}
