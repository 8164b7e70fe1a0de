using LiveTrader.Core.Instruments;

namespace LiveTrader.Core.Trading;

/// <summary>The one position a segment may hold: every leg bought and sold so far and its stop. The
/// open quantity is what was bought less what was sold: a partly filled entry, add or exit leaves it
/// between.</summary>
public sealed class OpenPosition
{
    public required string TradeId { get; init; }
    public required string SignalType { get; init; }
    public required OptionContract Contract { get; init; }
    public required StopLevels Stops { get; init; }
    public required DateTimeOffset EntryTime { get; init; }
    public required bool IsReentry { get; init; }
    private readonly List<Fill> _buys = [];
    private readonly List<Fill> _sells = [];

    /// <summary>Every leg bought: the entry's fills, then each pyramid add's.</summary>
    public IReadOnlyList<Fill> Buys
    {
        get => _buys;
        init
        {
            foreach (var fill in value) Add(fill);
        }
    }

    /// <summary>Every exit fill so far (several when an exit fills in parts).</summary>
    public IReadOnlyList<Fill> Sells
    {
        get => _sells;
        init
        {
            foreach (var fill in value) Sell(fill);
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

    /// <summary>Pyramid adds that filled (in whole or in part).</summary>
    public int PyramidAdds { get; set; }

    // Running totals: the open profit is checked on every candle or option tick.
    public int BoughtQuantity { get; private set; }
    public int SoldQuantity { get; private set; }
    public decimal Cost { get; private set; }
    public decimal Proceeds { get; private set; }

    /// <summary>What is held now.</summary>
    public int Quantity => BoughtQuantity - SoldQuantity;
    public int Lots => Quantity / Contract.LotSize;

    public void Add(Fill fill)
    {
        _buys.Add(fill);
        BoughtQuantity += fill.Quantity;
        Cost += fill.Price * fill.Quantity;
    }

    public void Sell(Fill fill)
    {
        _sells.Add(fill);
        SoldQuantity += fill.Quantity;
        Proceeds += fill.Price * fill.Quantity;
    }

    public decimal AverageEntryPrice => BoughtQuantity == 0 ? 0 : Cost / BoughtQuantity;

    public decimal AverageExitPrice => SoldQuantity == 0 ? 0 : Proceeds / SoldQuantity;

    public decimal OpenProfitAt(decimal optionPrice) => optionPrice * Quantity + Proceeds - Cost;

    public void SeeAdverse(decimal spot)
    {
        var worse = Stops.IsLong ? spot < WorstSpot : spot > WorstSpot;
        if (worse) WorstSpot = spot;
    }

    /// <summary>Target hit by a spot at or past the profit target level.</summary>
    public bool TargetHitBy(decimal favourableSpot) =>
        TargetSpot is decimal t && (Stops.IsLong ? favourableSpot >= t : favourableSpot <= t);
}
