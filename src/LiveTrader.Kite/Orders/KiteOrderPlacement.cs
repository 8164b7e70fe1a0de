using LiveTrader.Kite.Rest;

namespace LiveTrader.Kite.Orders;

/// <summary>What is known about an order after its placement call.</summary>
public enum PlacementOutcome
{
    /// <summary>Kite gave an id, or the order was found in the book by its tag.</summary>
    Placed,

    /// <summary>Refused before the OMS (400, 403 or 429): no order exists, placing again is safe.</summary>
    SurelyNotPlaced,

    /// <summary>The answer was lost (timeout, network, 5xx) and the order is not in the book (yet): it may still
    /// appear; reconcile through <c>/orders</c> and the order updates before placing again.</summary>
    Unknown,
}

/// <summary>The outcome, the ids found (autoslice children included) and the error that made a lookup necessary.</summary>
public sealed record KitePlacementResult(PlacementOutcome Outcome, IReadOnlyList<string> OrderIds, Exception? Error);

/// <summary>
/// Places a tagged order and, when the answer is lost, looks for it by its tag (kite-orders.md §1: tags give no
/// idempotency, so the caller's tag must be unique to the order for the lookup to mean anything).
/// </summary>
public static class KiteOrderPlacement
{
    /// <summary>Whether a failed placement surely made no order (a refusal) or may have made one.</summary>
    public static PlacementOutcome OutcomeOf(Exception error) => error switch
    {
        KiteException { StatusCode: System.Net.HttpStatusCode.BadRequest or System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.TooManyRequests }
            => PlacementOutcome.SurelyNotPlaced,
        _ => PlacementOutcome.Unknown,
    };

    public static async Task<KitePlacementResult> PlaceAndFindAsync(this KiteRestClient client, KiteOrderRequest order, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(order.Tag)) throw new ArgumentException("a unique tag is needed to find the order again", nameof(order));
        try
        {
            var placed = await client.PlaceOrderWithChildrenAsync(order, ct).ConfigureAwait(false);
            return new KitePlacementResult(PlacementOutcome.Placed, placed.OrderIds, null);
        }
        catch (Exception error) when (error is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (OutcomeOf(error) == PlacementOutcome.SurelyNotPlaced) return new KitePlacementResult(PlacementOutcome.SurelyNotPlaced, [], error);
            List<KiteOrder> found;
            try { found = await client.FindOrdersByTagAsync(order.Tag, ct).ConfigureAwait(false); }
            catch (KiteException) { found = []; }
            catch (HttpRequestException) { found = []; }
            catch (TimeoutException) { found = []; }
            return found.Count > 0
                ? new KitePlacementResult(PlacementOutcome.Placed, found.Select(o => o.OrderId).ToList(), error)
                : new KitePlacementResult(PlacementOutcome.Unknown, [], error);
        }
    }
}
