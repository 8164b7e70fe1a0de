using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;

namespace LiveTrader.Core.Risk;

/// <summary>Kite's order-rate limits, counted on the orders' own (market) time so a replay decides
/// exactly as the session did: at most so many orders a second, a minute and a day, places,
/// modifications and cancels alike. A refused order never reaches the venue.</summary>
public sealed class OrderRateGate(IOrderVenue venue, RiskLimits limits) : IOrderVenue
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);
    private readonly Queue<DateTimeOffset> _lastMinute = new();
    private DateOnly _day;
    private int _today;

    public IReadOnlyList<OrderUpdate> Submit(OrderRequest request)
    {
        var t = request.Time;
        var day = Ist.DayOf(t);
        if (day != _day)
        {
            _day = day;
            _today = 0;
            _lastMinute.Clear();
        }
        while (_lastMinute.Count > 0 && t - _lastMinute.Peek() >= OneMinute) _lastMinute.Dequeue();
        var lastSecond = 0;
        foreach (var sent in _lastMinute)
            if (t - sent < OneSecond) lastSecond++;
        string? why = _today >= limits.OrdersPerDay ? $"{limits.OrdersPerDay} orders today already (the broker's daily cap)"
            : _lastMinute.Count >= limits.OrdersPerMinute ? $"{limits.OrdersPerMinute} orders in the last minute already"
            : lastSecond >= limits.OrdersPerSecond ? $"{limits.OrdersPerSecond} orders in the last second already"
            : null;
        if (why is not null)
            return [request.Action == OrderAction.Place
                ? new OrderUpdate(request.ClientId, OrderState.Rejected, 0, 0m, t, $"risk: order rate: {why}")
                // A modification or cancel held back leaves the order working as it was.
                : OrderUpdate.RefusalOf(request, t, $"risk: order rate: {why}")];
        _lastMinute.Enqueue(t);
        _today++;
        return venue.Submit(request);
    }

    public IReadOnlyList<OrderUpdate> Receive(OrderUpdate update) => venue.Receive(update);

    public IReadOnlyList<OrderUpdate> MarketMoved(MarketMove move) => venue.MarketMoved(move);
}
