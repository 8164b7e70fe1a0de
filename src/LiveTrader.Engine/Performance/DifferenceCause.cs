namespace LiveTrader.Engine.Performance;

/// <summary>Why a paper trade and its backtest differ, in the words the report uses.</summary>
public static class DifferenceCause
{
    /// <summary>The paper fill was the live quote (ask to buy, bid to sell); the backtest's the model premium.</summary>
    public const string FillPrice = "Fill price (quote vs model)";
    /// <summary>Paper ran its stops on every tick, the backtest on candle highs and lows: another exit time or reason.</summary>
    public const string ExitPath = "Exit path (ticks vs candles)";
    public const string StaleQuote = "Stale quote refusal";
    public const string MissedSignal = "Missed signal";
    public const string ExtraSignal = "Extra signal";
    public const string CandleCorrection = "Candle correction";
    public const string LateCandle = "Late candle";
    public const string Restart = "Restart (session not running)";
    public const string EarlierTradeOpen = "Earlier trade still open";
    public const string Limits = "Limits or pause";
    public const string Slippage = "Slippage";
    public const string Charges = "Charges";
    public const string Quantity = "Quantity (partial fills, pyramid adds)";

    public static readonly string[] All =
    [
        FillPrice, ExitPath, StaleQuote, MissedSignal, ExtraSignal, CandleCorrection, LateCandle, Restart,
        EarlierTradeOpen, Limits, Slippage, Charges, Quantity,
    ];
}

/// <summary>One part of the difference between a paper trade and its backtest: its cause, its
/// rupees (paper minus backtest, on net P&amp;L) and what happened.</summary>
public sealed record TradeDifference(string Cause, decimal Amount, string Detail);
