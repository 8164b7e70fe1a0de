namespace LiveTrader.Core.Settings;

/// <summary>One dated row of the option charges table (field-notes 2.1). Percentages are percent
/// of premium turnover (0.15 means 0.15 %). A trade uses the newest row effective on its date.</summary>
public sealed class ChargeRateSettings
{
    public DateOnly EffectiveFrom { get; set; }
    public decimal BrokeragePerOrder { get; set; }
    public decimal SttSellPercent { get; set; }
    public decimal ExchangeNsePercent { get; set; }
    public decimal ExchangeBsePercent { get; set; }
    public decimal IpftNsePercent { get; set; }
    public decimal SebiPercent { get; set; }
    public decimal StampBuyPercent { get; set; }
    public decimal GstPercent { get; set; }
}
