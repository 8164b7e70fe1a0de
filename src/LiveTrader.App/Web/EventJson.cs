using LiveTrader.Core.Trading;

namespace LiveTrader.App.Web;

/// <summary>One agent event as the page reads it.</summary>
public sealed record EventJson(DateTimeOffset Time, string Segment, string Type, string Message, string? TradeId,
    string? OptionSymbol, decimal? Spot, decimal? Price, int? Quantity)
{
    public static EventJson From(AgentEvent e) =>
        new(e.Time, e.Segment.ToString(), e.Type, e.Message, e.TradeId, e.OptionSymbol, e.Spot, e.Price, e.Quantity);
}
