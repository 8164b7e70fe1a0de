using LiveTrader.Core.Instruments;

namespace LiveTrader.Core.Pricing;

/// <summary>A modelled premium together with the contract and the spot and time it was priced at,
/// so a backtest can log what it assumed.</summary>
public sealed record PricedOption(OptionContract Contract, decimal Premium, decimal Spot, DateTimeOffset Time);
