using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;

namespace LiveTrader.Core.Orders;

/// <summary>An order the agent asks for. <see cref="Spot"/> is the index level it acted on, which a
/// modelled venue prices from; <see cref="Reason"/> is the exit reason for an exit.
/// <see cref="ClientId"/> is ours (see <see cref="ClientOrderId"/>) and is sent as Kite's tag.
/// <see cref="Revision"/> counts a working order's modifications (Kite allows 25);
/// <see cref="TriggerSpot"/> is the index level a stop's trigger stands for.</summary>
public sealed record OrderRequest(
    OrderAction Action,
    string ClientId,
    Segment Segment,
    string TradeId,
    OrderPurpose Purpose,
    OrderSide Side,
    OrderType Type,
    OptionContract Contract,
    int Quantity,
    DateTimeOffset Time,
    decimal Spot,
    decimal? LimitPrice = null,
    decimal? TriggerPrice = null,
    string? Reason = null,
    int Revision = 0,
    decimal? TriggerSpot = null);
