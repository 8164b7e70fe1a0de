namespace LiveTrader.Core.Signals;

/// <summary>What the strategy says at the close of a candle.</summary>
public enum Signal
{
    Hold,
    BuyCe,
    BuyPe,
}

/// <summary>Which way Price Strength crossed Volume Strength on a candle.</summary>
public enum Cross
{
    None,
    Up,
    Down,
}

public static class SignalText
{
    /// <summary>The spec's spelling, used in every file and on screen.</summary>
    public static string ToCode(this Signal signal) => signal switch
    {
        Signal.BuyCe => "BUY_CE",
        Signal.BuyPe => "BUY_PE",
        _ => "HOLD",
    };
}
