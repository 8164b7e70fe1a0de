using LiveTrader.Sim.Market;

namespace LiveTrader.Sim.Orders;

/// <summary>What the account holds and uses, as <c>/user/margins</c> shows it: funds, net option premium paid, margin
/// blocked by open shorts and futures, margin blocked by working orders, and debits (the broker's square-off charges).</summary>
public sealed record SimAccount(decimal Funds, decimal OptionPremium, decimal Span, decimal Working, decimal Debits, decimal RealisedM2m, decimal UnrealisedM2m)
{
    public decimal Utilised => OptionPremium + Span + Working + Debits;
    public decimal Available => Funds - Utilised;
}

/// <summary>
/// A simple margin model, not SPAN (the simulator has no risk arrays): a bought option blocks its premium; a sold
/// option blocks <see cref="ShortRate"/> of the underlying's value; a future blocks that share of its own value on
/// either side. The part of an order that closes an open position blocks nothing.
/// </summary>
public static class SimMargins
{
    public const decimal ShortRate = 0.15m;

    /// <summary>The margin an order of <paramref name="quantity"/> at <paramref name="price"/> blocks, given the open
    /// <paramref name="position"/> (buy − sell) and the underlying's last price.</summary>
    public static decimal Required(SimInstrument inst, bool buy, long quantity, decimal price, long position, decimal underlying)
    {
        long closing = Math.Min(quantity, Math.Max(0, buy ? -position : position));
        long opening = quantity - closing;
        if (opening <= 0) return 0;
        if (inst.Kind == SimInstrumentKind.Future) return opening * price * ShortRate;
        return buy ? opening * price : opening * underlying * ShortRate;
    }

    /// <summary>SPAN-like margin an open position keeps blocked: shorts of options, and futures either way.</summary>
    public static decimal Blocked(SimInstrument inst, long quantity, decimal last, decimal underlying) =>
        inst.Kind == SimInstrumentKind.Future ? Math.Abs(quantity) * last * ShortRate
        : quantity < 0 ? -quantity * underlying * ShortRate : 0;
}
