using LiveTrader.Core.Instruments;
using LiveTrader.Core.Orders;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Paper;

namespace LiveTrader.Engine.Execution;

/// <summary>Paper fills against live quotes (DECISIONS.md "Prices, fills and P&amp;L"): buy at the best
/// ask and sell at the best bid when depth is known, else at the last price, moved against us by the
/// configured slippage. A quote older than the staleness limit is refused with the reason, never
/// filled (the field's stale-quote lesson: fake fills at old prices).</summary>
public sealed class QuoteFillModel(QuoteBook quotes, TimeSpan staleAfter, int slippageTicks) : IFillModel
{
    public FillResult Buy(OptionContract contract, int quantity, DateTimeOffset time, decimal spot)
    {
        if (Refusal(contract, time, out var tick) is string why) return FillResult.Refused(why);
        var (price, source) = tick.Ask > 0 ? (tick.Ask, "ask") : (tick.LastPrice, "ltp");
        return FillResult.Filled(new Fill(time, price + slippageTicks * contract.TickSize, quantity, source));
    }

    public FillResult Sell(OptionContract contract, int quantity, DateTimeOffset time, decimal spot)
    {
        if (Refusal(contract, time, out var tick) is string why) return FillResult.Refused(why);
        var (price, source) = tick.Bid > 0 ? (tick.Bid, "bid") : (tick.LastPrice, "ltp");
        return FillResult.Filled(new Fill(time, Math.Max(contract.TickSize, price - slippageTicks * contract.TickSize), quantity, source));
    }

    /// <summary>As the exchange triggers it: the option's last traded price at or below the trigger.</summary>
    public decimal? Triggered(OptionContract contract, decimal trigger, decimal triggerSpot, MarketMove move) =>
        quotes.TryGet(contract.InstrumentToken, out var tick) && tick.LastPrice > 0 && tick.LastPrice <= trigger ? move.Close : null;

    private string? Refusal(OptionContract contract, DateTimeOffset time, out Core.Market.Tick tick)
    {
        if (!quotes.TryGet(contract.InstrumentToken, out tick))
            return $"no quote yet for {contract.TradingSymbol}";
        var age = time - tick.Time;
        if (age > staleAfter)
            return $"stale quote for {contract.TradingSymbol}: last tick {age.TotalSeconds:0.#} s old (limit {staleAfter.TotalSeconds:0.#} s)";
        if (tick.LastPrice <= 0) return $"no traded price for {contract.TradingSymbol}";
        return null;
    }
}
