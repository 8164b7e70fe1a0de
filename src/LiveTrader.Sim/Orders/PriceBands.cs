using LiveTrader.Sim.Market;
using LiveTrader.Sim.Rest;

namespace LiveTrader.Sim.Orders;

/// <summary>
/// The price bounds an order meets (kite-orders.md §1–2): the day's circuit limits, the exchange's limit price
/// protection around the 30-second average traded price, and the limit price a MARKET order gets from its market
/// protection.
/// </summary>
public static class PriceBands
{
    /// <summary>Seconds of trading averaged into the limit-price-protection reference (the exchange's rule).</summary>
    public const int ReferenceSeconds = 30;

    /// <summary>Lower and upper circuit limit of a derivative: 60 % / 140 % (+ Rs 5) of the previous close, relaxed to
    /// 10 % beyond the day's low and high so far (the exchange widens an option's band when prices reach it), so the
    /// model's own prices are never outside; as /quote shows them.</summary>
    public static (decimal Lower, decimal Upper) Circuit(InstrumentSnapshot s)
    {
        double basis = s.PreviousClose > 0 ? s.PreviousClose : s.LastPrice;
        double lower = Math.Min(basis * 0.6, s.Low > 0 ? s.Low * 0.9 : basis), upper = Math.Max(basis * 1.4 + 5, s.High * 1.1);
        double tick = (double)s.Instrument.TickSize;
        return (SimJson.Px(Math.Max(tick, IndexDay.Round05(lower))), SimJson.Px(IndexDay.Round05(upper)));
    }

    /// <summary>The reference of limit price protection: the average last price over the last 30 simulated seconds
    /// (from the open on), on the tick grid.</summary>
    public static decimal Reference(SimMarket market, SimInstrument inst, DateTimeOffset now)
    {
        var open = market.Today(inst.Underlying).Open;
        decimal sum = 0;
        int n = 0;
        for (int i = 0; i < ReferenceSeconds; i++)
        {
            var at = now.AddSeconds(-i);
            if (at < open) break;
            sum += SimJson.Px(market.Snapshot(inst, at).LastPrice);
            n++;
        }
        return n == 0 ? 0 : ToTick(sum / n, inst.TickSize, up: false);
    }

    /// <summary>Limit price protection: reference ± Rs 20 when the reference is at most Rs 50, ± 40 % above.</summary>
    public static (decimal Low, decimal High) Protection(decimal reference)
    {
        decimal width = reference <= 50 ? 20 : reference * 0.4m;
        return (Math.Max(0, reference - width), reference + width);
    }

    /// <summary>
    /// The limit a MARKET (or triggered SL-M) order works at: the last price moved by <paramref name="percent"/>
    /// against the order (-1 = automatic: the exchange's market band, 20 % of the last price and at least Rs 10),
    /// kept inside the circuit limits and the limit price protection band, on the tick grid.
    /// </summary>
    public static decimal MarketLimit(bool buy, decimal percent, decimal last, InstrumentSnapshot s, decimal reference, decimal tick)
    {
        decimal width = percent < 0 ? Math.Max(last * 0.2m, 10) : last * percent / 100;
        var (lower, upper) = Circuit(s);
        var (low, high) = Protection(reference);
        return buy
            ? ToTick(Math.Min(Math.Min(last + width, upper), high), tick, up: false)
            : ToTick(Math.Max(Math.Max(last - width, lower), Math.Max(low, tick)), tick, up: true);
    }

    public static decimal ToTick(decimal price, decimal tick, bool up)
    {
        if (tick <= 0) return price;
        decimal n = price / tick;
        return (up ? Math.Ceiling(n) : Math.Floor(n)) * tick;
    }
}
