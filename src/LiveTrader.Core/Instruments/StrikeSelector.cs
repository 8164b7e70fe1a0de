using LiveTrader.Core.Settings;

namespace LiveTrader.Core.Instruments;

/// <summary>Turns an index level into the strike we trade (spec 4.1, DECISIONS.md "Instruments and lots"):
/// ATM is the strike nearest to spot on the index's strike step, and we go one ITM offset deeper so the
/// option moves closer to one-for-one with the index.</summary>
public static class StrikeSelector
{
    /// <summary>Nearest multiple of <paramref name="strikeStep"/> to spot; a spot exactly half-way
    /// rounds UP (the product decision, so the choice never depends on banker's rounding).</summary>
    public static decimal AtmStrike(decimal spot, decimal strikeStep)
    {
        if (strikeStep <= 0) throw new ArgumentOutOfRangeException(nameof(strikeStep), strikeStep, "strike step must be positive");
        if (spot <= 0) throw new ArgumentOutOfRangeException(nameof(spot), spot, "spot must be positive");
        return Math.Floor(spot / strikeStep + 0.5m) * strikeStep;
    }

    /// <summary>The strike to buy: CE = ATM - offset, PE = ATM + offset (both in the money).</summary>
    public static decimal ItmStrike(decimal spot, decimal strikeStep, decimal itmOffsetPoints, OptionType type)
    {
        if (itmOffsetPoints < 0) throw new ArgumentOutOfRangeException(nameof(itmOffsetPoints), itmOffsetPoints, "ITM offset must not be negative");
        var atm = AtmStrike(spot, strikeStep);
        return type == OptionType.CE ? atm - itmOffsetPoints : atm + itmOffsetPoints;
    }

    /// <summary>The strike to buy using a segment's configured step and ITM offset.</summary>
    public static decimal ItmStrike(decimal spot, SegmentSettings segment, OptionType type) =>
        ItmStrike(spot, segment.StrikeStep, segment.ItmOffsetPoints, type);
}
