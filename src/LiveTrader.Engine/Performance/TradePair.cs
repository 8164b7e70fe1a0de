using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;

namespace LiveTrader.Engine.Performance;

/// <summary>A paper trade beside the backtest trade of the same segment, entry candle (its close)
/// and direction; either side is missing when only one of them traded it. The differences add up to
/// <see cref="NetDifference"/>.</summary>
public sealed record TradePair(
    DateOnly Day,
    Segment Segment,
    DateTimeOffset EntryCandleClose,
    OptionType Direction,
    TradeRecord? Paper,
    TradeRecord? Backtest,
    IReadOnlyList<TradeDifference> Differences)
{
    public bool Agreed => Paper is not null && Backtest is not null;

    /// <summary>Paper net minus backtest net, in rupees.</summary>
    public decimal NetDifference => (Paper?.NetPnl ?? 0m) - (Backtest?.NetPnl ?? 0m);

    /// <summary>The cause with the largest share of the difference, or null when they agree to the rupee.</summary>
    public string? MainCause => Differences.Count == 0 ? null : Differences.MaxBy(d => Math.Abs(d.Amount))!.Cause;
}
