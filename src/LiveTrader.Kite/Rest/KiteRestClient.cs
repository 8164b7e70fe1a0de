using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using LiveTrader.Kite.Auth;
using LiveTrader.Kite.Historical;
using LiveTrader.Kite.Instruments;
using Polly;
using Polly.Retry;

namespace LiveTrader.Kite.Rest;

/// <summary>
/// Kite Connect v3 REST client (kite-protocol.md §1–5). Adds <c>X-Kite-Version: 3</c> and the
/// <c>Authorization: token key:token</c> header, maps error envelopes to typed <see cref="KiteException"/>s, rate-limits
/// per endpoint class, and retries HTTP 429/5xx with exponential backoff. A 403 <see cref="TokenException"/> is never
/// retried: it raises <see cref="LoginRequired"/> and is rethrown. Order placement, modification and cancellation are
/// retried only on 429 (the request was refused before reaching the OMS); a 5xx there may already have reached the
/// exchange, so the caller must reconcile through the order book instead of blindly resending.
/// </summary>
public sealed class KiteRestClient : IDisposable
{
    /// <summary>How Kite's JSON maps to the models: snake_case, numbers as strings allowed, IST timestamps.</summary>
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString,
        Converters = { new KiteNullableTimestampConverter(), new KiteTimestampConverter() },
    };

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly KiteRestOptions _options;
    private readonly ResiliencePipeline _retryAll;
    private readonly ResiliencePipeline _retryRateLimitOnly;
    private readonly RateGate? _quoteGate, _historicalGate, _otherGate;
    private readonly KiteOrderRateGate _orderGate;
    private volatile KiteCredentials? _credentials;

    public KiteRestClient(KiteCredentials? credentials, KiteRestOptions? options = null, HttpMessageHandler? handler = null)
    {
        _options = options ?? new KiteRestOptions();
        handler ??= new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All };
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _ownsHttp = true;
        _credentials = credentials;
        _retryAll = BuildPipeline(ex => ex is KiteException k ? k.IsTransient : ex is HttpRequestException or TimeoutException);
        _retryRateLimitOnly = BuildPipeline(ex => ex is KiteException { StatusCode: HttpStatusCode.TooManyRequests });
        _quoteGate = Gate(_options.QuoteRequestsPerWindow);
        _historicalGate = Gate(_options.HistoricalRequestsPerWindow);
        // A minute window a little over 60 s, like the second's, so ours never undercuts the server's.
        _orderGate = new KiteOrderRateGate(_options.OrderRequestsPerWindow, _options.RateLimitWindow, _options.OrderRequestsPerMinute,
            TimeSpan.FromSeconds(61), _options.OrderRequestsPerDay, _options.TimeProvider);
        _otherGate = Gate(_options.OtherRequestsPerWindow);
    }

    /// <summary>Raised (once per failing call) when Kite answers 403 TokenException: the user must log in again.</summary>
    public event EventHandler<TokenException>? LoginRequired;

    /// <summary>The client's order budgets (per second, minute and IST day), shared by placements, modifications and cancels.</summary>
    public KiteOrderRateGate OrderGate => _orderGate;

    public KiteCredentials? Credentials
    {
        get => _credentials;
        set => _credentials = value;
    }

    // ---------------------------------------------------------------- session

    /// <summary>
    /// Exchanges a <c>request_token</c> for a session (POST /session/token with the SHA-256 checksum) and, on success,
    /// switches this client to the new access token.
    /// </summary>
    public async Task<KiteSession> GenerateSessionAsync(string requestToken, string apiSecret, CancellationToken ct = default)
    {
        var apiKey = _credentials?.ApiKey ?? throw new InvalidOperationException("An api_key is required to log in.");
        var form = new List<KeyValuePair<string, string>>
        {
            new("api_key", apiKey),
            new("request_token", requestToken),
            new("checksum", KiteLogin.Checksum(apiKey, requestToken, apiSecret)),
        };
        var session = await SendAsync<KiteSession>(HttpMethod.Post, "/session/token", null, form, _otherGate, _retryRateLimitOnly, authorize: false, ct)
            .ConfigureAwait(false);
        _credentials = new KiteCredentials(apiKey, session.AccessToken, apiSecret, CredentialSource.LoginFlow);
        return session;
    }

    /// <summary>Invalidates the access token (DELETE /session/token).</summary>
    public Task<bool> InvalidateAccessTokenAsync(CancellationToken ct = default)
    {
        var c = RequireCredentials();
        return SendAsync<bool>(HttpMethod.Delete, "/session/token",
            [new("api_key", c.ApiKey), new("access_token", c.AccessToken!)], null, _otherGate, _retryAll, true, ct);
    }

    // ---------------------------------------------------------------- instruments

    /// <summary>Downloads and parses the instrument dump (all exchanges, or one exchange such as NFO).</summary>
    public async Task<List<KiteInstrument>> GetInstrumentsAsync(string? exchange = null, CancellationToken ct = default)
    {
        var bytes = await GetInstrumentsCsvAsync(exchange, ct).ConfigureAwait(false);
        using var stream = new MemoryStream(bytes);
        return InstrumentDump.Parse(stream);
    }

    /// <summary>The instrument dump as Kite serves it (CSV bytes), for keeping: option tokens change every expiry and
    /// Kite lists only live contracts.</summary>
    public async Task<byte[]> GetInstrumentsCsvAsync(string? exchange = null, CancellationToken ct = default)
    {
        var path = exchange is null ? "/instruments" : "/instruments/" + Uri.EscapeDataString(exchange);
        return await _retryAll.ExecuteAsync(async token =>
        {
            if (_otherGate is not null) await _otherGate.WaitAsync(token).ConfigureAwait(false);
            using var request = BuildRequest(HttpMethod.Get, path, null, null, authorize: true);
            using var response = await SendRawAsync(request, token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) throw ToException(response.StatusCode, body);
            return body;
        }, ct).ConfigureAwait(false);
    }

    // ---------------------------------------------------------------- historical

    /// <summary>
    /// Fetches candles for [from, to], splitting the range into requests no longer than the interval's maximum and
    /// pacing them at the historical rate limit (3/s). Candles are returned in time order without duplicates.
    /// </summary>
    public async Task<List<KiteCandle>> GetHistoricalAsync(uint instrumentToken, KiteInterval interval, DateTimeOffset from, DateTimeOffset to,
        bool continuous = false, bool openInterest = false, CancellationToken ct = default)
    {
        var result = new List<KiteCandle>();
        var path = $"/instruments/historical/{instrumentToken}/{HistoricalCandles.WireName(interval)}";
        foreach (var chunk in HistoricalCandles.Split(from, to, interval))
        {
            var query = new List<KeyValuePair<string, string>>
            {
                new("from", KiteTime.FormatQuery(chunk.From)),
                new("to", KiteTime.FormatQuery(chunk.To)),
                new("continuous", continuous ? "1" : "0"),
                new("oi", openInterest ? "1" : "0"),
            };
            var data = await SendAsync<JsonElement>(HttpMethod.Get, path, query, null, _historicalGate, _retryAll, true, ct).ConfigureAwait(false);
            foreach (var candle in HistoricalCandles.Parse(data))
                if (result.Count == 0 || candle.Time > result[^1].Time)
                    result.Add(candle);
        }
        return result;
    }

    // ---------------------------------------------------------------- quotes

    /// <summary>Full quotes keyed by <c>EXCHANGE:TRADINGSYMBOL</c>; unknown instruments are absent. Batches of 500.</summary>
    public Task<Dictionary<string, KiteQuote>> GetQuoteAsync(IEnumerable<string> instruments, CancellationToken ct = default) =>
        GetBatchedAsync<KiteQuote>("/quote", instruments, 500, ct);

    /// <summary>Last traded prices keyed by <c>EXCHANGE:TRADINGSYMBOL</c>. Batches of 1000.</summary>
    public Task<Dictionary<string, KiteLtp>> GetLtpAsync(IEnumerable<string> instruments, CancellationToken ct = default) =>
        GetBatchedAsync<KiteLtp>("/quote/ltp", instruments, 1000, ct);

    /// <summary>OHLC + LTP keyed by <c>EXCHANGE:TRADINGSYMBOL</c>. Batches of 1000.</summary>
    public Task<Dictionary<string, KiteOhlcQuote>> GetOhlcAsync(IEnumerable<string> instruments, CancellationToken ct = default) =>
        GetBatchedAsync<KiteOhlcQuote>("/quote/ohlc", instruments, 1000, ct);

    private async Task<Dictionary<string, T>> GetBatchedAsync<T>(string path, IEnumerable<string> instruments, int batch, CancellationToken ct)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var chunk in instruments.Distinct().Chunk(batch))
        {
            var query = chunk.Select(i => new KeyValuePair<string, string>("i", i)).ToList();
            var data = await SendAsync<Dictionary<string, T>?>(HttpMethod.Get, path, query, null, _quoteGate, _retryAll, true, ct).ConfigureAwait(false);
            if (data is null) continue;
            foreach (var (k, v) in data) result[k] = v;
        }
        return result;
    }

    // ---------------------------------------------------------------- orders

    /// <summary>Places an order; returns Kite's order id (of an autosliced order: its first child's).</summary>
    public async Task<string> PlaceOrderAsync(KiteOrderRequest order, CancellationToken ct = default)
    {
        var placed = await PlaceOrderWithChildrenAsync(order, ct).ConfigureAwait(false);
        return placed.OrderIds.FirstOrDefault()
            ?? throw new OrderException("Kite placed no order: " + string.Join("; ", placed.Children.Select(c => c.Error)), HttpStatusCode.OK);
    }

    /// <summary>Places an order and returns every id it made: with <c>autoslice</c> one child per slice, each with its
    /// id or its error (both of Kite's response shapes are read).</summary>
    public async Task<KitePlacement> PlaceOrderWithChildrenAsync(KiteOrderRequest order, CancellationToken ct = default)
    {
        var form = new List<KeyValuePair<string, string>>();
        Add(form, "exchange", order.Exchange);
        Add(form, "tradingsymbol", order.Tradingsymbol);
        Add(form, "transaction_type", order.TransactionType);
        Add(form, "order_type", order.OrderType);
        Add(form, "quantity", order.Quantity);
        Add(form, "product", order.Product);
        Add(form, "price", order.Price);
        Add(form, "trigger_price", order.TriggerPrice);
        Add(form, "disclosed_quantity", order.DisclosedQuantity);
        Add(form, "validity", order.Validity);
        Add(form, "validity_ttl", order.ValidityTtl);
        Add(form, "iceberg_legs", order.IcebergLegs);
        Add(form, "iceberg_quantity", order.IcebergQuantity);
        Add(form, "auction_number", order.AuctionNumber);
        Add(form, "market_protection", order.MarketProtection);
        Add(form, "autoslice", order.Autoslice is null ? null : order.Autoslice.Value ? "true" : "false");
        Add(form, "tag", order.Tag);
        Add(form, "algo_id", order.AlgoId);
        var data = await SendOrderAsync<JsonElement>(HttpMethod.Post, "/orders/" + Uri.EscapeDataString(order.Variety), null, form, ct)
            .ConfigureAwait(false);
        return KitePlacement.Parse(data);
    }

    public async Task<string> ModifyOrderAsync(string variety, string orderId, KiteOrderModification change, CancellationToken ct = default)
    {
        var form = new List<KeyValuePair<string, string>>();
        Add(form, "order_type", change.OrderType);
        Add(form, "quantity", change.Quantity);
        Add(form, "price", change.Price);
        Add(form, "trigger_price", change.TriggerPrice);
        Add(form, "disclosed_quantity", change.DisclosedQuantity);
        Add(form, "validity", change.Validity);
        Add(form, "parent_order_id", change.ParentOrderId);
        Add(form, "market_protection", change.MarketProtection);
        var data = await SendOrderAsync<OrderIdResponse>(HttpMethod.Put, $"/orders/{Uri.EscapeDataString(variety)}/{Uri.EscapeDataString(orderId)}",
            null, form, ct).ConfigureAwait(false);
        return data.OrderId;
    }

    public async Task<string> CancelOrderAsync(string variety, string orderId, string? parentOrderId = null, CancellationToken ct = default)
    {
        var query = new List<KeyValuePair<string, string>>();
        Add(query, "parent_order_id", parentOrderId);
        var data = await SendOrderAsync<OrderIdResponse>(HttpMethod.Delete, $"/orders/{Uri.EscapeDataString(variety)}/{Uri.EscapeDataString(orderId)}",
            query, null, ct).ConfigureAwait(false);
        return data.OrderId;
    }

    /// <summary>The day's order book.</summary>
    public async Task<List<KiteOrder>> GetOrdersAsync(CancellationToken ct = default) =>
        await SendAsync<List<KiteOrder>?>(HttpMethod.Get, "/orders", null, null, _otherGate, _retryAll, true, ct).ConfigureAwait(false) ?? [];

    /// <summary>Every state an order went through, oldest first.</summary>
    public async Task<List<KiteOrder>> GetOrderHistoryAsync(string orderId, CancellationToken ct = default) =>
        await SendAsync<List<KiteOrder>?>(HttpMethod.Get, "/orders/" + Uri.EscapeDataString(orderId), null, null, _otherGate, _retryAll, true, ct)
            .ConfigureAwait(false) ?? [];

    public async Task<List<KiteTrade>> GetTradesAsync(CancellationToken ct = default) =>
        await SendAsync<List<KiteTrade>?>(HttpMethod.Get, "/trades", null, null, _otherGate, _retryAll, true, ct).ConfigureAwait(false) ?? [];

    public async Task<List<KiteTrade>> GetOrderTradesAsync(string orderId, CancellationToken ct = default) =>
        await SendAsync<List<KiteTrade>?>(HttpMethod.Get, $"/orders/{Uri.EscapeDataString(orderId)}/trades", null, null, _otherGate, _retryAll, true, ct)
            .ConfigureAwait(false) ?? [];

    public async Task<KitePositions> GetPositionsAsync(CancellationToken ct = default) =>
        await SendAsync<KitePositions?>(HttpMethod.Get, "/portfolio/positions", null, null, _otherGate, _retryAll, true, ct).ConfigureAwait(false)
        ?? new KitePositions([], []);

    /// <summary>Every order of the day carrying <paramref name="tag"/> (in <c>tag</c> or <c>tags</c>), in the book's order.</summary>
    public async Task<List<KiteOrder>> FindOrdersByTagAsync(string tag, CancellationToken ct = default) =>
        (await GetOrdersAsync(ct).ConfigureAwait(false)).Where(o => o.Tag == tag || (o.Tags?.Contains(tag) ?? false)).ToList();

    /// <summary>Moves (part of) a position to another product, e.g. MIS to NRML.</summary>
    public Task<bool> ConvertPositionAsync(KitePositionConversion change, CancellationToken ct = default)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("exchange", change.Exchange), new("tradingsymbol", change.Tradingsymbol), new("transaction_type", change.TransactionType),
            new("position_type", change.PositionType), new("quantity", change.Quantity.ToString(CultureInfo.InvariantCulture)),
            new("old_product", change.OldProduct), new("new_product", change.NewProduct),
        };
        return SendAsync<bool>(HttpMethod.Put, "/portfolio/positions", null, form, _otherGate, _retryRateLimitOnly, true, ct);
    }

    // ---------------------------------------------------------------- funds, margins, charges

    public async Task<KiteMargins> GetMarginsAsync(CancellationToken ct = default) =>
        await SendAsync<KiteMargins?>(HttpMethod.Get, "/user/margins", null, null, _otherGate, _retryAll, true, ct).ConfigureAwait(false)
        ?? new KiteMargins(null, null);

    /// <summary>The margin each order would need now.</summary>
    public async Task<List<KiteOrderMargin>> GetOrderMarginsAsync(IEnumerable<KiteMarginOrder> orders, CancellationToken ct = default) =>
        await SendJsonAsync<List<KiteOrderMargin>?>(HttpMethod.Post, "/margins/orders", null, orders.ToList(), ct).ConfigureAwait(false) ?? [];

    /// <summary>The margin of a basket, alone and (<paramref name="considerPositions"/>) with the open positions.</summary>
    public Task<KiteBasketMargins> GetBasketMarginsAsync(IEnumerable<KiteMarginOrder> orders, bool considerPositions = true, CancellationToken ct = default) =>
        SendJsonAsync<KiteBasketMargins>(HttpMethod.Post, "/margins/basket",
            [new("consider_positions", considerPositions ? "true" : "false")], orders.ToList(), ct);

    /// <summary>The virtual contract note: itemised charges of executed orders, to check our own charge table against.</summary>
    public async Task<List<KiteOrderChargesEntry>> GetVirtualContractNoteAsync(IEnumerable<KiteChargeOrder> orders, CancellationToken ct = default) =>
        await SendJsonAsync<List<KiteOrderChargesEntry>?>(HttpMethod.Post, "/charges/orders", null, orders.ToList(), ct).ConfigureAwait(false) ?? [];

    // ---------------------------------------------------------------- plumbing

    private sealed record OrderIdResponse(string OrderId);

    private Task<T> SendAsync<T>(HttpMethod method, string path, List<KeyValuePair<string, string>>? query,
        List<KeyValuePair<string, string>>? form, RateGate? gate, ResiliencePipeline pipeline, bool authorize, CancellationToken ct) =>
        SendAsync<T>(method, path, query, form is null ? null : new FormUrlEncodedContent(form), gate is null ? null : gate.WaitAsync, pipeline, authorize, ct);

    private Task<T> SendOrderAsync<T>(HttpMethod method, string path, List<KeyValuePair<string, string>>? query,
        List<KeyValuePair<string, string>>? form, CancellationToken ct) =>
        SendAsync<T>(method, path, query, form is null ? null : new FormUrlEncodedContent(form), _orderGate.WaitAsync, _retryRateLimitOnly, true, ct);

    private Task<T> SendJsonAsync<T>(HttpMethod method, string path, List<KeyValuePair<string, string>>? query, object body, CancellationToken ct) =>
        SendAsync<T>(method, path, query, JsonContent(body), _otherGate is null ? null : _otherGate.WaitAsync, _retryAll, true, ct);

    private static ByteArrayContent JsonContent(object body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, Json));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, List<KeyValuePair<string, string>>? query,
        HttpContent? content, Func<CancellationToken, Task>? gate, ResiliencePipeline pipeline, bool authorize, CancellationToken ct)
    {
        // The body is read once per attempt, so each attempt sends a copy of it.
        var bytes = content is null ? null : await content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        var contentType = content?.Headers.ContentType;
        content?.Dispose();
        try
        {
            return await pipeline.ExecuteAsync(async token =>
            {
                if (gate is not null) await gate(token).ConfigureAwait(false);
                using var request = BuildRequest(method, path, query, null, authorize);
                if (bytes is not null)
                {
                    request.Content = new ByteArrayContent(bytes);
                    request.Content.Headers.ContentType = contentType;
                }
                using var response = await SendRawAsync(request, token).ConfigureAwait(false);
                var body = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
                return ReadEnvelope<T>(response.StatusCode, body);
            }, ct).ConfigureAwait(false);
        }
        catch (TokenException ex)
        {
            _options.Log?.Invoke($"Kite {method} {path}: login required ({ex.ErrorType}).");
            LoginRequired?.Invoke(this, ex);
            throw;
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Kite {request.Method} {request.RequestUri?.AbsolutePath} timed out after {_options.Timeout.TotalSeconds:0.#} s.");
        }
    }

    private HttpRequestMessage BuildRequest(HttpMethod method, string path, List<KeyValuePair<string, string>>? query,
        List<KeyValuePair<string, string>>? form, bool authorize)
    {
        var uri = new UriBuilder(new Uri(_options.BaseUri, _options.BaseUri.AbsolutePath.TrimEnd('/') + path));
        if (query is { Count: > 0 })
            uri.Query = string.Join('&', query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        var request = new HttpRequestMessage(method, uri.Uri);
        request.Headers.Add("X-Kite-Version", "3");
        request.Headers.UserAgent.ParseAdd(_options.UserAgent);
        if (authorize)
        {
            var c = RequireCredentials();
            request.Headers.Authorization = new AuthenticationHeaderValue("token", $"{c.ApiKey}:{c.AccessToken}");
        }
        if (form is not null) request.Content = new FormUrlEncodedContent(form);
        return request;
    }

    private KiteCredentials RequireCredentials()
    {
        var c = _credentials;
        if (c is null || !c.HasAccessToken)
            throw new TokenException("No access token: login required.", HttpStatusCode.Forbidden);
        return c;
    }

    private static T ReadEnvelope<T>(HttpStatusCode status, byte[] body)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw ToException(status, body);
        }
        using (doc)
        {
            var root = doc.RootElement;
            bool isError = (int)status >= 400 || (root.ValueKind == JsonValueKind.Object &&
                ((root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String && s.GetString() == "error") ||
                 root.TryGetProperty("error_type", out _)));
            if (isError) throw ToException(status, root);
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data))
                throw new DataException("Kite response has no 'data'.", status);
            if (typeof(T) == typeof(JsonElement)) return (T)(object)data.Clone();
            return data.Deserialize<T>(Json)!;
        }
    }

    private static KiteException ToException(HttpStatusCode status, JsonElement root)
    {
        string? type = null, message = null;
        if (root.ValueKind == JsonValueKind.Object)
        {
            if (root.TryGetProperty("error_type", out var t) && t.ValueKind == JsonValueKind.String) type = t.GetString();
            if (root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String) message = m.GetString();
        }
        if ((int)status < 400) status = HttpStatusCode.InternalServerError;
        return KiteException.Create(type, message, status);
    }

    private static KiteException ToException(HttpStatusCode status, byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return ToException(status, doc.RootElement);
        }
        catch (JsonException)
        {
            return KiteException.Create(null, null, status);
        }
    }

    private ResiliencePipeline BuildPipeline(Func<Exception, bool> retryable)
    {
        if (_options.MaxRetries <= 0) return ResiliencePipeline.Empty;
        return new ResiliencePipelineBuilder { TimeProvider = _options.TimeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not TokenException && retryable(ex)),
                MaxRetryAttempts = _options.MaxRetries,
                Delay = _options.RetryBaseDelay,
                MaxDelay = _options.MaxRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    _options.Log?.Invoke($"Kite request failed ({Describe(args.Outcome.Exception)}); retry {args.AttemptNumber + 1} in {args.RetryDelay.TotalMilliseconds:0} ms.");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private static string Describe(Exception? ex) => ex switch
    {
        KiteException k => $"{(int)k.StatusCode} {k.ErrorType}",
        null => "unknown",
        _ => ex.GetType().Name,
    };

    private RateGate? Gate(int permits) =>
        permits > 0 ? new RateGate(permits, _options.RateLimitWindow, _options.TimeProvider) : null;

    private static void Add(List<KeyValuePair<string, string>> list, string key, string? value)
    {
        if (value is not null) list.Add(new(key, value));
    }

    private static void Add(List<KeyValuePair<string, string>> list, string key, long? value)
    {
        if (value is not null) list.Add(new(key, value.Value.ToString(CultureInfo.InvariantCulture)));
    }

    private static void Add(List<KeyValuePair<string, string>> list, string key, decimal? value)
    {
        if (value is not null) list.Add(new(key, value.Value.ToString(CultureInfo.InvariantCulture)));
    }

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }
}
