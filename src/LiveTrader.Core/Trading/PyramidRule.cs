namespace LiveTrader.Core.Trading;

/// <summary>Spec 4.2: once the open trade's profit in rupees reaches <c>quantity * pyramid points</c>,
/// add <c>lot addition</c> lots; never past the maximum quantity (only whole lots that fit).</summary>
public sealed record PyramidRule(decimal PyramidPoints, int LotAddition, int MaxQuantity)
{
    public bool IsOff => PyramidPoints <= 0 || LotAddition <= 0;

    /// <summary>The threshold the open profit must reach before the next add.</summary>
    public decimal Threshold(int quantity) => quantity * PyramidPoints;

    /// <summary>Lots to add now (0 for none).</summary>
    public int LotsToAdd(decimal openProfit, int quantity, int lotSize)
    {
        if (IsOff || openProfit < Threshold(quantity)) return 0;
        var room = (MaxQuantity - quantity) / lotSize;
        return Math.Max(0, Math.Min(LotAddition, room));
    }
}
