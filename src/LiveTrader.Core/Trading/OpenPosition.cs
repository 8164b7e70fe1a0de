using LiveTrader.Core.Instruments;

namespace LiveTrader.Core.Trading;

/// <summary>The one position a segment may hold: every leg bought so far and its stop.</summary>
public sealed class OpenPosition
{
    public required string TradeId { get; init; }
    public required string SignalType { get; init; }
    public required OptionContract Contract { get; init; }
    public required StopLevels Stops { get; init; }
    public required DateTimeOffset EntryTime { get; init; }
    public required bool IsReentry { get; init; }
    private readonly List<Fill> _buys = [];

    /// <summary>Every leg bought: the entry, then each pyramid add.</summary>
    public IReadOnlyList<Fill> Buys
    {
        get => _buys;
        init
        {
            foreach (var fill in value) Add(fill);
        }
    }
    /// <summary>Worst spot since entry, for the adverse excursion.</summary>
    public decimal WorstSpot { get; set; }
    public decimal? TargetSpot { get; init; }

    /// <summary>Why the trader asked to close it (Stop with close all), while that exit is still
    /// unfilled: every later price retries it, and no stop or pyramid rule acts first.</summary>
    public string? CloseRequested { get; set; }

    /// <summary>The exit reason whose refused fill was last logged, so retries are not logged again.</summary>
    public string? ExitDelayedFor { get; set; }

    // Running totals: the open profit is checked on every candle or option tick.
    public int Quantity { get; private set; }
    public decimal Cost { get; private set; }
    public int Lots => Quantity / Contract.LotSize;
    public int PyramidAdds => _buys.Count - 1;

    public void Add(Fill fill)
    {
        _buys.Add(fill);
        Quantity += fill.Quantity;
        Cost += fill.Price * fill.Quantity;
    }
    public decimal AverageEntryPrice => Cost / Quantity;

    public decimal OpenProfitAt(decimal optionPrice) => optionPrice * Quantity - Cost;

    public void SeeAdverse(decimal spot)
    {
        var worse = Stops.IsLong ? spot < WorstSpot : spot > WorstSpot;
        if (worse) WorstSpot = spot;
    }

    /// <summary>Target hit by a spot at or past the profit target level.</summary>
    public bool TargetHitBy(decimal favourableSpot) =>
        TargetSpot is decimal t && (Stops.IsLong ? favourableSpot >= t : favourableSpot <= t);
}
