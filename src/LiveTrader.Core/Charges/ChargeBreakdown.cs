namespace LiveTrader.Core.Charges;

/// <summary>The statutory and broker charges on a trade, itemised as on a contract note, in rupees.</summary>
/// <param name="RatesEffectiveFrom">Which dated rate row was used, so a log can show it.</param>
public sealed record ChargeBreakdown(
    decimal Brokerage,
    decimal Stt,
    decimal ExchangeCharge,
    decimal Ipft,
    decimal SebiFee,
    decimal StampDuty,
    decimal Gst,
    DateOnly RatesEffectiveFrom)
{
    public decimal Total => Brokerage + Stt + ExchangeCharge + Ipft + SebiFee + StampDuty + Gst;
}
