namespace LiveTrader.Sim.Rest;

/// <summary>Kite's endpoint classes for rate limiting (kite-protocol.md §1.6).</summary>
public enum RateClass { Quote, Historical, Order, Other }

/// <summary>
/// Fixed one-second windows per (api_key, endpoint class), on real time: a request over the class's limit is refused
/// (the caller answers 429 NetworkException "Too many requests"). Order requests (placements, modifications and
/// cancellations, refused ones too) also meet Kite's per-minute and per-day caps ("Maximum allowed order requests
/// exceeded"). Real time, not simulated time, because the limits protect the server, whatever the replay speed; the
/// day is the simulator's run (one simulated day).
/// </summary>
public sealed class SimRateLimiter(SimOptions options)
{
    public const string TooManyRequests = "Too many requests";
    public const string OrderCapReached = "Maximum allowed order requests exceeded";

    private readonly Dictionary<(string, RateClass), (long Window, int Count)> _windows = [];
    private readonly Dictionary<string, (long Minute, int InMinute, int InDay)> _orderCaps = [];
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

    /// <summary>Counts one request; the refusal message when it is over a limit, else null.</summary>
    public string? Refusal(string apiKey, RateClass c)
    {
        long ms = options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_gate)
        {
            if (c == RateClass.Order)
            {
                var (minute, inMinute, inDay) = _orderCaps.GetValueOrDefault(apiKey);
                if (minute != ms / 60_000) inMinute = 0;
                bool capped = (options.OrdersPerMinute > 0 && inMinute >= options.OrdersPerMinute) ||
                              (options.OrdersPerDay > 0 && inDay >= options.OrdersPerDay);
                _orderCaps[apiKey] = (ms / 60_000, inMinute + 1, inDay + 1);
                if (capped) return OrderCapReached;
            }
            int limit = LimitOf(c);
            if (limit <= 0) return null;
            long window = ms / 1000;
            var key = (apiKey, c);
            var (w, n) = _windows.GetValueOrDefault(key);
            if (w != window) n = 0;
            if (n >= limit) { _windows[key] = (window, n); return TooManyRequests; }
            _windows[key] = (window, n + 1);
            return null;
        }
    }
}
