namespace LiveTrader.Core.Trading;

/// <summary>One executed trade of an order. <paramref name="Source"/> says where the price came from
/// (<c>ask</c>, <c>bid</c>, <c>ltp</c>, or <c>model</c> for a Black-Scholes premium in a backtest).
/// <paramref name="OrderId"/> is the order it belongs to (the broker's, or ours): brokerage is per
/// executed order, so two trades of one order are charged once.</summary>
public readonly record struct Fill(DateTimeOffset Time, decimal Price, int Quantity, string Source, string? OrderId = null);
