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

    /// <summary>MARKET (the default) or a marketable LIMIT for entries, adds and exits.</summary>
    public EntryOrderType EntryOrderType { get; set; } = EntryOrderType.Market;

    /// <summary>A LIMIT's price: this percentage through the ask (buy) or the bid (sell).</summary>
    public decimal LimitProtectionPercent { get; set; } = 2;

    /// <summary>Market seconds a LIMIT may rest unfilled before it is priced again at the market.</summary>
    public double LimitRepriceSeconds { get; set; } = 5;

    /// <summary>How many times a LIMIT is priced again; after that an entry or add still unfilled is
    /// cancelled (a missed entry is skipped, not chased), an exit becomes MARKET (an exit never waits).</summary>
    public int LimitReprices { get; set; } = 3;
}
