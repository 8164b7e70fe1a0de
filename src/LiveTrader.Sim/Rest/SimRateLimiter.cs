namespace LiveTrader.Sim.Rest;

/// <summary>Kite's endpoint classes for rate limiting (kite-protocol.md §1.6).</summary>
public enum RateClass { Quote, Historical, Order, Other }

/// <summary>
/// Fixed one-second windows per (api_key, endpoint class), on real time: a request over the class's limit is refused
/// (the caller answers 429 NetworkException "Too many requests"). Real time, not simulated time, because the limits
/// protect the server, whatever the replay speed.
/// </summary>
public sealed class SimRateLimiter(SimOptions options)
{
    private readonly Dictionary<(string, RateClass), (long Window, int Count)> _windows = [];
    private readonly object _gate = new();

    public static RateClass Classify(string method, string path)
    {
        if (path.StartsWith("/quote", StringComparison.Ordinal)) return RateClass.Quote;
        if (path.StartsWith("/instruments/historical/", StringComparison.Ordinal)) return RateClass.Historical;
        if (path.StartsWith("/orders", StringComparison.Ordinal) && method is "POST" or "PUT" or "DELETE") return RateClass.Order;
        return RateClass.Other;
    }

    public int LimitOf(RateClass c) => c switch
    {
        RateClass.Quote => options.QuoteRatePerSecond,
        RateClass.Historical => options.HistoricalRatePerSecond,
        RateClass.Order => options.OrderRatePerSecond,
        _ => options.OtherRatePerSecond,
    };

    /// <summary>Counts one request; false when it is over the limit.</summary>
    public bool TryAcquire(string apiKey, RateClass c)
    {
        int limit = LimitOf(c);
        if (limit <= 0) return true;
        long window = options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds() / 1000;
        lock (_gate)
        {
            var key = (apiKey, c);
            var (w, n) = _windows.GetValueOrDefault(key);
            if (w != window) n = 0;
            if (n >= limit) { _windows[key] = (window, n); return false; }
            _windows[key] = (window, n + 1);
            return true;
        }
    }
}
