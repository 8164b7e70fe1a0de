namespace LiveTrader.Core.Orders;

/// <summary>Splits an order above the exchange's freeze quantity into child orders of at most that
/// size (DECISIONS.md "Instruments and lots"), each with its own client id (the parent's and a
/// letter), and reports them to the agent as the one order it asked for: the children's fills
/// summed, the parent complete when every child is, rejected or cancelled when a child is and
/// nothing more can fill. Its book dies with the process: after a restart it takes the children back
/// from the ledger (<see cref="Resume"/>).</summary>
public sealed class FreezeSlicer(IOrderVenue venue, int freezeQuantity) : IOrderVenue
{
    private const string Letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private readonly Dictionary<string, Sliced> _parents = [];
    private readonly Dictionary<string, Sliced> _byChild = [];

    public IReadOnlyList<OrderUpdate> Submit(OrderRequest request)
    {
        if (_parents.TryGetValue(request.ClientId, out var known))
        {
            // A cancel (or a modify) of a sliced order goes to every child still working.
            var answers = new List<OrderUpdate>();
            foreach (var child in known.Children.Where(c => !c.State.IsFinal()).ToList())
                answers.AddRange(Combine(known, venue.Submit(request with { ClientId = child.ClientId, Quantity = child.Quantity })));
            return answers;
        }
        if (request.Action != OrderAction.Place || request.Quantity <= freezeQuantity
            || request.ClientId.Length >= ClientOrderId.MaxLength || (request.Quantity - 1) / freezeQuantity >= Letters.Length)
            return venue.Submit(request);
        var sliced = new Sliced(request.ClientId, request.Quantity);
        _parents[request.ClientId] = sliced;
        var result = new List<OrderUpdate>();
        for (int k = 0, left = request.Quantity; left > 0; k++)
        {
            var size = Math.Min(left, freezeQuantity);
            left -= size;
            var child = new Child(ChildId(request.ClientId, k), size);
            sliced.Children.Add(child);
            _byChild[child.ClientId] = sliced;
        }
        foreach (var child in sliced.Children)
            result.AddRange(Combine(sliced, venue.Submit(request with { ClientId = child.ClientId, Quantity = child.Quantity })));
        return result;
    }

    /// <summary>The ids a sliced order's children take, in order: the parent's and A, B, C...</summary>
    public static IEnumerable<string> ChildIds(string parentId)
    {
        if (parentId.Length >= ClientOrderId.MaxLength) yield break;
        for (var k = 0; k < Letters.Length; k++) yield return ChildId(parentId, k);
    }

    private static string ChildId(string parentId, int k) => parentId + Letters[k];

    /// <summary>After a restart: the children of the agent's working orders as the ledger last booked
    /// them, so a cancel or modification of a sliced order reaches every child still working (an exit
    /// cancelling a sliced protective stop must not leave a child resting at Kite) and the children's
    /// later updates are their parent's again, booked by cumulative quantity from where they stood.</summary>
    public void Resume(IEnumerable<WorkingOrder> working, IReadOnlyDictionary<string, BookedOrder> booked)
    {
        _parents.Clear();
        _byChild.Clear();
        foreach (var order in working)
        {
            var sliced = new Sliced(order.ClientId, order.Quantity);
            foreach (var id in ChildIds(order.ClientId))
            {
                // Children are sent in letter order: the first one the ledger lacks was never asked for, nor any after it.
                if (!booked.TryGetValue(id, out var child)) break;
                sliced.Children.Add(new Child(id, child.Quantity) { State = child.State, Filled = child.FilledQuantity, Average = child.AveragePrice });
            }
            if (sliced.Children.Count == 0) continue;
            _parents[order.ClientId] = sliced;
            foreach (var c in sliced.Children) _byChild[c.ClientId] = sliced;
        }
    }

    /// <summary>What a venue that lived in the process held of these orders, for it to take back after
    /// a restart: a sliced order as its children still working, each with its own quantity and state.</summary>
    public IEnumerable<(OrderRequest Request, OrderState State)> AtVenue(IEnumerable<(OrderRequest Request, OrderState State)> orders)
    {
        foreach (var (request, state) in orders)
        {
            if (!_parents.TryGetValue(request.ClientId, out var sliced))
            {
                yield return (request, state);
                continue;
            }
            foreach (var child in sliced.Children)
                if (!child.State.IsFinal()) yield return (request with { ClientId = child.ClientId, Quantity = child.Quantity }, child.State);
        }
    }

    public IReadOnlyList<OrderUpdate> Receive(OrderUpdate update) => AsParents(venue.Receive(update));

    public IReadOnlyList<OrderUpdate> MarketMoved(MarketMove move) => AsParents(venue.MarketMoved(move));

    private IReadOnlyList<OrderUpdate> AsParents(IReadOnlyList<OrderUpdate> updates) =>
        _byChild.Count == 0 ? updates : updates.SelectMany(u => _byChild.TryGetValue(u.ClientId, out var s) ? Combine(s, [u]) : [u]).ToList();

    private IReadOnlyList<OrderUpdate> Combine(Sliced parent, IReadOnlyList<OrderUpdate> childUpdates)
    {
        var result = new List<OrderUpdate>();
        foreach (var u in childUpdates)
        {
            if (parent.Children.Find(c => c.ClientId == u.ClientId) is not { } child) continue;
            if (u.Refused is not null)
            {
                // A child's refused modification or cancel is its parent's: nothing changed at the venue.
                if (!child.State.IsFinal()) result.Add(u with { ClientId = parent.ClientId });
                continue;
            }
            // A child that has ended books nothing more, and a repeat of it says nothing new, unless
            // the parent's standing was never reported: after a restart whose ledger had every child's
            // end, that word of a child is the parent's first news.
            var ended = child.State.IsFinal();
            if (!ended)
            {
                if (u.FilledQuantity > child.Filled)
                {
                    child.Filled = Math.Min(u.FilledQuantity, child.Quantity);
                    child.Average = u.AveragePrice;
                }
                child.State = child.Filled == child.Quantity ? OrderState.Complete : u.State;
            }
            var filled = parent.Children.Sum(c => c.Filled);
            var average = filled == 0 ? 0m : parent.Children.Sum(c => c.Average * c.Filled) / filled;
            var allFinal = parent.Children.All(c => c.State.IsFinal());
            var state = filled == parent.Quantity ? OrderState.Complete
                : allFinal ? (parent.Children.Any(c => c.State == OrderState.Rejected) ? OrderState.Rejected : OrderState.Cancelled)
                : OrderState.Open;
            if (ended && parent.Reported == (state, filled)) continue;
            parent.Reported = (state, filled);
            // The child's own id travels as the broker's: each child is an order of its own for brokerage.
            result.Add(u with { ClientId = parent.ClientId, State = state, FilledQuantity = filled, AveragePrice = average, BrokerOrderId = u.BrokerOrderId ?? child.ClientId });
            if (state.IsFinal()) Forget(parent);
        }
        return result;
    }

    /// <summary>A parent that is done: nothing more comes for it or its children.</summary>
    private void Forget(Sliced parent)
    {
        _parents.Remove(parent.ClientId);
        foreach (var c in parent.Children) _byChild.Remove(c.ClientId);
    }

    private sealed record Sliced(string ClientId, int Quantity)
    {
        public List<Child> Children { get; } = [];

        /// <summary>The parent's state and fill last reported; none yet after a restart.</summary>
        public (OrderState State, int Filled)? Reported { get; set; }
    }

    private sealed class Child(string clientId, int quantity)
    {
        public string ClientId { get; } = clientId;
        public int Quantity { get; } = quantity;
        public int Filled { get; set; }
        public decimal Average { get; set; }
        public OrderState State { get; set; } = OrderState.Sent;
    }
}
