namespace LiveTrader.Core.Risk;

/// <summary>What the risk stage lets through (DECISIONS.md "Orders"): everything, exits only, or nothing
/// new (cancels always pass: taking an order back never adds risk).</summary>
public enum TradingState
{
    Active,
    /// <summary>Exits and protective stops only: nothing that buys.</summary>
    Reducing,
    /// <summary>The kill switch: no order at all until a person re-arms it.</summary>
    Halted,
}
