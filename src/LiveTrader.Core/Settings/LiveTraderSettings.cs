namespace LiveTrader.Core.Settings;

/// <summary>Everything configurable, as bound from <c>config/livetrader.json</c> (section
/// <c>LiveTrader</c>). Validate with <see cref="SettingsValidator"/> before use.</summary>
public sealed class LiveTraderSettings
{
    public const string SectionName = "LiveTrader";

    public StrategySettings Strategy { get; set; } = new();
    public RiskSettings Risk { get; set; } = new();
    public LiveCandleSettings LiveCandles { get; set; } = new();
    public LiveOrderSettings Live { get; set; } = new();
    public KiteSettings Kite { get; set; } = new();
    public WebSettings Web { get; set; } = new();
    public decimal InitialCapital { get; set; } = 500_000m;
    public Dictionary<string, SegmentSettings> Segments { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public List<ChargeRateSettings> ChargeRates { get; set; } = [];
    /// <summary>Where candle files for backtests and the page's data source live.</summary>
    public string DataFolder { get; set; } = "data";
    /// <summary>Where trade and event logs are written.</summary>
    public string OutputFolder { get; set; } = "out";
    /// <summary>DECISIONS.md "Modes": Live exists only behind this explicit switch; Paper is the default.</summary>
    public bool LiveTradingEnabled { get; set; }
}
