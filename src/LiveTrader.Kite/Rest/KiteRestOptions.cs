namespace LiveTrader.Kite.Rest;

/// <summary>Settings of <see cref="KiteRestClient"/>. Defaults follow kite-protocol.md §1.</summary>
public sealed class KiteRestOptions
{
    public Uri BaseUri { get; set; } = new("https://api.kite.trade");

    /// <summary>Per-attempt HTTP timeout (official clients use 7 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(7);

    /// <summary>Retries after the first attempt for HTTP 429/5xx and network failures.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First retry delay; doubles each retry (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Client-side rate limits (requests per <see cref="RateLimitWindow"/>); 0 disables a gate.</summary>
    public int QuoteRequestsPerWindow { get; set; } = 1;
    public int HistoricalRequestsPerWindow { get; set; } = 3;
    public int OrderRequestsPerWindow { get; set; } = 10;
    public int OtherRequestsPerWindow { get; set; } = 10;

    /// <summary>Kite's order caps per minute and per IST day; orders, modifications and cancellations all count; 0 disables one.</summary>
    public int OrderRequestsPerMinute { get; set; } = 400;
    public int OrderRequestsPerDay { get; set; } = 5000;

    /// <summary>Slightly over one second so our window never undercuts the server's.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMilliseconds(1050);

    public string UserAgent { get; set; } = "LiveTrader.Kite/1.0";

    /// <summary>Optional diagnostic sink. Lines never contain credentials.</summary>
    public Action<string>? Log { get; set; }

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
