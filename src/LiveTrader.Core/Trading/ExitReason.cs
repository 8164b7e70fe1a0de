namespace LiveTrader.Core.Trading;

/// <summary>Why a trade closed, in the words the trade log uses (spec 7.1).</summary>
public static class ExitReason
{
    public const string StopLoss = "SL hit";
    public const string TrailingStop = "Trailing SL";
    public const string SquareOff = "EOD square-off";
    public const string Manual = "Manual";
    public const string RiskLimit = "Risk limit";
    public const string Target = "Target";
}
