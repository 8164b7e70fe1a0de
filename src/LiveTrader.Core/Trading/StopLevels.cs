using LiveTrader.Core.Instruments;

namespace LiveTrader.Core.Trading;

/// <summary>The stop of an open position in index points: a fixed initial stop and a trail that
/// follows the best spot since entry and only ever tightens. The effective stop is the tighter.</summary>
public sealed class StopLevels
{
    public OptionType Direction { get; }
    public decimal EntrySpot { get; }
    public decimal InitialStop { get; }
    public decimal TrailPoints { get; }
    /// <summary>Best spot since entry: highest for CE, lowest for PE.</summary>
    public decimal BestSpot { get; private set; }
    public decimal Trail { get; private set; }

    public StopLevels(OptionType direction, decimal entrySpot, decimal stopPoints, decimal trailPoints)
    {
        Direction = direction;
        EntrySpot = entrySpot;
        TrailPoints = trailPoints;
        InitialStop = direction == OptionType.CE ? entrySpot - stopPoints : entrySpot + stopPoints;
        BestSpot = entrySpot;
        Trail = direction == OptionType.CE ? entrySpot - trailPoints : entrySpot + trailPoints;
    }

    /// <summary>Restores a journalled stop exactly as it stood.</summary>
    public StopLevels(OptionType direction, decimal entrySpot, decimal initialStop, decimal trailPoints, decimal bestSpot, decimal trail)
    {
        Direction = direction;
        EntrySpot = entrySpot;
        InitialStop = initialStop;
        TrailPoints = trailPoints;
        BestSpot = bestSpot;
        Trail = trail;
    }

    public bool IsLong => Direction == OptionType.CE;

    public decimal Effective => IsLong ? Math.Max(InitialStop, Trail) : Math.Min(InitialStop, Trail);

    /// <summary><c>Trailing SL</c> once the trail has tightened past the initial stop, else <c>SL hit</c>.</summary>
    public string ReasonIfHit => (IsLong ? Trail > InitialStop : Trail < InitialStop) ? ExitReason.TrailingStop : ExitReason.StopLoss;

    /// <summary>True when a spot at or beyond the effective stop has been seen.</summary>
    public bool IsHitBy(decimal adverseSpot) => IsLong ? adverseSpot <= Effective : adverseSpot >= Effective;

    /// <summary>Moves the trail with a new favourable spot; returns true when it tightened.</summary>
    public bool Follow(decimal favourableSpot)
    {
        var better = IsLong ? favourableSpot > BestSpot : favourableSpot < BestSpot;
        if (!better) return false;
        BestSpot = favourableSpot;
        var candidate = IsLong ? favourableSpot - TrailPoints : favourableSpot + TrailPoints;
        var tighter = IsLong ? candidate > Trail : candidate < Trail;
        if (tighter) Trail = candidate;
        return tighter;
    }

    /// <summary>Index points won (positive) or lost on an exit at this spot.</summary>
    public decimal PointsAt(decimal spot) => IsLong ? spot - EntrySpot : EntrySpot - spot;
}
