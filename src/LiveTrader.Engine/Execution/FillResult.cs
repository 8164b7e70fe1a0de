using LiveTrader.Core.Trading;

namespace LiveTrader.Engine.Execution;

/// <summary>A fill model's answer: a fill, or the reason the market refused one (a stale quote, say).</summary>
public readonly record struct FillResult(Fill? Fill, string? Refusal)
{
    public static FillResult Filled(Fill fill) => new(fill, null);
    public static FillResult Refused(string reason) => new(null, reason);
}
