using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;

namespace LiveTrader.Core.Trading;

/// <summary>A completed trade: the spec's 7.1 columns, then DECISIONS.md's additions. Excursions
/// are in index points, from the entry spot.</summary>
public sealed record TradeRecord
{
    public required string TradeId { get; init; }
    public required Segment Segment { get; init; }
    public required string IndexSymbol { get; init; }
    public required decimal IndexEntrySpot { get; init; }
    public required string TimeInterval { get; init; }
    public required int RsiPeriod { get; init; }
    public required string SignalType { get; init; }
    public required string OptionSymbol { get; init; }
    public required OptionType OptionType { get; init; }
    public required decimal StrikePrice { get; init; }
    public required DateOnly Expiry { get; init; }
    /// <summary>Lots held at exit (after every pyramid add).</summary>
    public required int Lots { get; init; }
    public required DateTimeOffset EntryTime { get; init; }
    /// <summary>Average entry price of the option over all legs.</summary>
    public required decimal EntryPrice { get; init; }
    public required decimal StopLossPoints { get; init; }
    public required decimal InitialSlPrice { get; init; }
    public required decimal TrailingStopPoints { get; init; }
    public required DateTimeOffset ExitTime { get; init; }
    public required decimal ExitPrice { get; init; }
    public required string ExitReason { get; init; }
    public required decimal PnlPoints { get; init; }
    public required decimal PnlValue { get; init; }
    public required decimal ReturnPct { get; init; }
    public required decimal IndexExitSpot { get; init; }
    public required decimal Charges { get; init; }
    public required decimal NetPnl { get; init; }
    public required int MaxQuantity { get; init; }
    public required int PyramidAdds { get; init; }
    public required decimal MaxFavorableExcursion { get; init; }
    public required decimal MaxAdverseExcursion { get; init; }
    /// <summary>Every buy (entry and adds) and the exit sell(s), for charges and audit.</summary>
    public required IReadOnlyList<Fill> Buys { get; init; }
    public required IReadOnlyList<Fill> Sells { get; init; }
}
