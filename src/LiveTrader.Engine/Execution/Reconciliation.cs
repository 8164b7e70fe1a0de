using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;
using LiveTrader.Kite.Rest;

namespace LiveTrader.Engine.Execution;

/// <summary>What Kite said of one segment's orders and positions before its first live order (at
/// start and after a restart): the updates that bring the agent's working orders to Kite's state,
/// the orders adopted (their later updates are ours again), what the trader should know, and, when
/// the state cannot be explained, why the segment must not trade.</summary>
public sealed record ReconcileResult(
    IReadOnlyList<OrderUpdate> Updates,
    IReadOnlyList<(string ClientId, string BrokerOrderId, OrderState State, int Filled)> Adopted,
    IReadOnlyList<string> Warnings,
    string? Refusal);

/// <summary>Start-up and restart reconciliation (DECISIONS.md "Orders"): the ledger against Kite's
/// orders (by tag) and positions. Nothing is sent again blindly: an order the ledger holds as sent
/// and Kite does not list never reached it; one Kite lists is adopted at its state, an end it came to
/// while the process was down (complete, cancelled, rejected) included, and that state reaches the
/// ledger and the agent as an update. A sliced order is brought to Kite's state child by child, each
/// under its own id, for the freeze slicer to book as the one order the agent asked for. A tag of ours
/// the ledger does not know, a working order Kite has lost, or a position our fills do not explain,
/// refuses the segment.</summary>
public static class Reconciliation
{
    /// <param name="working">The agent's orders still working after the journal's restore.</param>
    /// <param name="booked">Every order of the day's ledger for this segment, as it last booked it.</param>
    /// <param name="isSegmentInstrument">Whether an instrument token is one of this segment's options.</param>
    public static ReconcileResult Check(
        Segment segment, DateOnly day,
        IReadOnlyList<WorkingOrderSnapshot> working, IReadOnlyDictionary<string, BookedOrder> booked,
        IReadOnlyList<KiteOrder> orders, IReadOnlyList<KitePosition> positions,
        Func<uint, bool> isSegmentInstrument, DateTimeOffset now)
    {
        var updates = new List<OrderUpdate>();
        var adopted = new List<(string, string, OrderState, int)>();
        var warnings = new List<string>();
        var refusals = new List<string>();
        var prefix = ClientOrderId.For(segment, day, 0, OrderPurpose.Entry, 0)[..7]; // segment letter and day
        var ours = new Dictionary<string, KiteOrder>();
        foreach (var o in orders)
        {
            var tag = o.Tag ?? o.Tags?.FirstOrDefault();
            if (tag is not null && tag.StartsWith(prefix, StringComparison.Ordinal) && ClientOrderId.IsValid(tag))
            {
                // Kite lists an order once per id; a repeated tag would be ours sent twice.
                if (ours.TryGetValue(tag, out var twin) && twin.OrderId != o.OrderId)
                    refusals.Add($"Kite lists two orders tagged {tag} ({twin.OrderId}, {o.OrderId}): one order was sent twice");
                ours[tag] = o;
            }
            else if (isSegmentInstrument(o.InstrumentToken) && KiteOrderTerms.State(o.Status) is { } s && !s.IsFinal())
            {
                warnings.Add($"Kite order {o.OrderId} ({o.TransactionType} {o.Quantity} {o.Tradingsymbol}, {o.Status}) is not ours: left alone");
            }
        }

        // One order that was to reach Kite: the agent's own, or one child of a sliced one.
        void Settle(string id, OrderPurpose purpose, OrderState ledgerState, BookedOrder? ledger)
        {
            if (ours.TryGetValue(id, out var o))
            {
                if (KiteOrderTerms.State(o.Status) is { } state)
                {
                    updates.Add(new OrderUpdate(id, state, (int)o.FilledQuantity, o.AveragePrice, now,
                        state.IsFinal() && state != OrderState.Complete ? o.StatusMessage ?? o.Status.ToLowerInvariant() : null, o.OrderId));
                    adopted.Add((id, o.OrderId, state, (int)o.FilledQuantity));
                    if (state.IsFinal() && !ledgerState.IsFinal())
                        warnings.Add($"order {id} ({purpose}) ended at Kite while the process was down: {o.Status}, {o.FilledQuantity} of {o.Quantity} filled; booked as Kite has it");
                }
                else
                {
                    adopted.Add((id, o.OrderId, ledgerState, ledger?.FilledQuantity ?? 0));
                    warnings.Add($"order {id} is {o.Status} at Kite: its fate comes with its next update");
                }
            }
            else if (ledgerState == OrderState.Sent)
            {
                // Written to the ledger, and the process died before (or while) sending it: Kite never had it.
                updates.Add(new OrderUpdate(id, OrderState.Rejected, 0, 0m, now, "not in Kite's order book at restart: it was never placed"));
                warnings.Add($"order {id} ({purpose}) was asked for but never reached Kite: counted as not placed");
            }
            else if (ledger is { } end && end.State.IsFinal())
            {
                // Ended without Kite (never reached it, given up): the ledger has its end, which the agent may not have had yet.
                updates.Add(new OrderUpdate(id, end.State, end.FilledQuantity, end.AveragePrice, now, "as the ledger booked it before the restart"));
            }
            else
            {
                refusals.Add($"order {id} ({purpose}, {ledgerState}) is working in our ledger but Kite does not list it");
            }
        }

        foreach (var w in working)
        {
            var children = FreezeSlicer.ChildIds(w.ClientId).TakeWhile(booked.ContainsKey).ToList();
            if (children.Count == 0)
            {
                // The ledger is written before the agent's step is: where it has the order, it is the later word.
                var ledger = booked.GetValueOrDefault(w.ClientId);
                Settle(w.ClientId, w.Purpose, ledger?.State ?? w.State, ledger);
            }
            else
            {
                foreach (var id in children) Settle(id, w.Purpose, booked[id].State, booked[id]);
            }
        }
        foreach (var (tag, o) in ours)
        {
            if (!booked.ContainsKey(tag))
                refusals.Add($"Kite lists order {o.OrderId} tagged {tag} ({o.TransactionType} {o.Quantity} {o.Tradingsymbol}, {o.Status}) that our ledger does not know");
        }

        // Every position in this segment's options must be what our own orders' fills add up to.
        var explained = new Dictionary<uint, long>();
        foreach (var o in ours.Values)
            explained[o.InstrumentToken] = explained.GetValueOrDefault(o.InstrumentToken) + (o.TransactionType == "BUY" ? o.FilledQuantity : -o.FilledQuantity);
        foreach (var p in positions)
        {
            if (!isSegmentInstrument(p.InstrumentToken))
            {
                if (p.Quantity != 0) warnings.Add($"Kite holds {p.Quantity} {p.Tradingsymbol} ({p.Product}), not one of {segment}'s options: left alone");
                continue;
            }
            var ourQuantity = explained.GetValueOrDefault(p.InstrumentToken);
            if (p.Quantity != ourQuantity)
                refusals.Add($"Kite holds {p.Quantity} {p.Tradingsymbol} ({p.Product}) but our orders explain {ourQuantity}");
        }
        foreach (var (token, quantity) in explained)
        {
            if (quantity != 0 && !positions.Any(p => p.InstrumentToken == token && p.Quantity == quantity))
                refusals.Add($"our filled orders in instrument {token} add up to {quantity} but Kite shows no such position");
        }

        var refusal = refusals.Count == 0 ? null
            : $"{segment} does not trade: {string.Join("; ", refusals)}. Check the orders and positions at Kite, close or cancel what is not ours to explain, then restart the session.";
        return new ReconcileResult(updates, adopted, warnings, refusal);
    }
}
