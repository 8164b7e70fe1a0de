namespace LiveTrader.Core.Settings;

/// <summary>How live orders travel to Kite (kite-orders.md, DECISIONS.md "Orders" and "Safety").
/// Only a session in Live mode uses these; paper and backtest fill at the simulated venue.</summary>
public sealed class LiveOrderSettings
{
    /// <summary>Kite's <c>market_protection</c> on every MARKET order: -1 lets Kite choose its band,
    /// 0 to 100 caps the slippage as a percentage of the last price.</summary>
    public decimal MarketProtection { get; set; } = -1;

    /// <summary>The exchange-approved algo id SEBI's rule asks an algorithm's orders to carry, sent as
    /// <c>algo_id</c> when set.</summary>
    public string? AlgoId { get; set; }

    /// <summary>Seconds between polls of Kite's order book while the ticker is down or an answer is late.</summary>
    public double PollSeconds { get; set; } = 2;

    /// <summary>Seconds after which an order with no update from the ticker is looked up in the order book.</summary>
    public double LateAnswerSeconds { get; set; } = 3;

    /// <summary>Seconds a placement whose answer was lost is looked for by its tag before it counts as
    /// never placed (a rejection); one that appears later is cancelled at once.</summary>
    public double LostOrderSeconds { get; set; } = 30;
}
