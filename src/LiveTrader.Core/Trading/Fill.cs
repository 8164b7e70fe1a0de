namespace LiveTrader.Core.Trading;

/// <summary>One executed order. <paramref name="Source"/> says where the price came from
/// (<c>ask</c>, <c>bid</c>, <c>ltp</c>, or <c>model</c> for a Black-Scholes premium in a backtest).</summary>
public readonly record struct Fill(DateTimeOffset Time, decimal Price, int Quantity, string Source);

/// <summary>A fill, or the reason none could be had (a stale quote, say).</summary>
public readonly record struct FillResult(Fill? Fill, string? Refusal)
{
    public static FillResult Filled(Fill fill) => new(fill, null);
    public static FillResult Refused(string reason) => new(null, reason);
}
