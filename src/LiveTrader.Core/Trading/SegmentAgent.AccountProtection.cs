namespace LiveTrader.Core.Trading;

/// <summary>The account's protection (spec 9) as one segment acts on it: once the risk book says
/// the account is to be closed (daily loss protection, profit protection, the account's trailing
/// stop), the agent logs <c>RISK_LIMIT</c>, blocks its entries for the day (the block is in its
/// snapshot, so it outlives a restart) and closes its position with exit reason <c>Risk limit</c>,
/// the close retried on every price until it fills, as a close the trader asked for is.</summary>
public sealed partial class SegmentAgent
{
    /// <summary>Asks the book after every mark of the position (and at a candle's close, so a backtest
    /// sees another segment's breach of the same close); true when a close is now requested.</summary>
    private bool CloseForAccount(DateTimeOffset time, decimal spot)
    {
        if (!_risk.WantsOpenProfit || _risk.CloseRequired(_day) is not string why) return false;
        if (_blockedReason != why)
        {
            var held = Position is { } p ? $"; closing {p.TradeId} ({p.Quantity} {p.Contract.TradingSymbol})" : "";
            Emit(time, AgentEventType.RiskLimit, $"account protection: {why}{held}", Position?.TradeId, Position?.Contract.TradingSymbol, spot);
            Block(time, why);
        }
        if (Position is { CloseRequested: null }) CloseNow(time, ExitReason.RiskLimit);
        else if (Position is null && _pendingEntry is not null) CancelWorking(LiveTrader.Core.Orders.OrderPurpose.Entry, time);
        return Position is not null;
    }
}
