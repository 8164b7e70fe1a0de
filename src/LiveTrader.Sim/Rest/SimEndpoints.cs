using System.Globalization;
using LiveTrader.Kite.Rest;
using LiveTrader.Sim.Faults;
using LiveTrader.Sim.Market;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LiveTrader.Sim.Rest;

/// <summary>Kite's REST paths served from the simulated market.</summary>
internal static class SimEndpoints
{
    /// <summary>Paths reachable without an access token.</summary>
    public static bool IsPublic(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "";
        if (path == "/connect/login") return true;
        if (path == "/session/token" && HttpMethods.IsPost(ctx.Request.Method)) return true;
        if (path == "/" ) return true;  // ticker handshake checks its own query credentials
        return false;
    }

    /// <summary>Test-only paths of the simulator itself (<c>/sim/...</c>): never rate limited or failed by faults.</summary>
    public static bool IsSimControl(HttpContext ctx) => ctx.Request.Path.StartsWithSegments("/sim");

    /// <summary>Injected REST failures, the authorization check (403 TokenException) and rate limits (429 NetworkException).</summary>
    public static void UseKiteGuards(this WebApplication app, SimSessions sessions, SimRateLimiter limiter, SimFaults faults)
    {
        app.Use(async (ctx, next) =>
        {
            bool control = IsSimControl(ctx);
            if (!control && !ctx.WebSockets.IsWebSocketRequest && faults.TryTakeRequestFailure(out var failStatus))
            {
                await (failStatus switch
                {
                    429 => SimJson.Error(ctx, 429, "NetworkException", "Too many requests"),
                    502 => SimJson.Error(ctx, 502, "DataException", "Couldn't parse the JSON response received from the exchange."),
                    503 => SimJson.Error(ctx, 503, "NetworkException", "Service unavailable (simulated)."),
                    504 => SimJson.Error(ctx, 504, "NetworkException", "Gateway timed out (simulated)."),
                    _ => SimJson.Error(ctx, failStatus, "GeneralException", "Something went wrong (simulated)."),
                });
                return;
            }
            string key;
            if (IsPublic(ctx))
            {
                key = ctx.Request.Query["api_key"].FirstOrDefault() ?? sessions.ApiKey;
            }
            else
            {
                var auth = ctx.Request.Headers.Authorization.FirstOrDefault() ?? "";
                string? apiKey = null, token = null;
                if (auth.StartsWith("token ", StringComparison.Ordinal))
                {
                    var pair = auth[6..].Trim();
                    int colon = pair.IndexOf(':');
                    if (colon > 0) { apiKey = pair[..colon]; token = pair[(colon + 1)..]; }
                }
                if (sessions.Validate(apiKey, token) is null)
                {
                    await SimJson.Error(ctx, 403, "TokenException", "Incorrect `api_key` or `access_token`.");
                    return;
                }
                key = apiKey!;
            }
            if (!control && limiter.Refusal(key, SimRateLimiter.Classify(ctx.Request.Method, ctx.Request.Path.Value ?? "")) is { } refusal)
            {
                await SimJson.Error(ctx, 429, "NetworkException", refusal);
                return;
            }
            try
            {
                await next(ctx);
            }
            catch (Exception ex) when (!ctx.Response.HasStarted && !ctx.RequestAborted.IsCancellationRequested)
            {
                // Whatever a handler did not expect still answers in Kite's envelope, never a bare 500.
                bool input = ex is BadHttpRequestException or InvalidDataException or FormatException or OverflowException;
                await SimJson.Error(ctx, input ? 400 : 500, input ? "InputException" : "GeneralException",
                    input ? "Invalid request: " + ex.Message : "Something went wrong (simulator): " + ex.GetType().Name);
            }
        });
    }

    public static void MapKite(this IEndpointRouteBuilder app, SimOptions options, SimMarket market, SimSessions sessions)
    {
        // ------------------------------------------------------------ login
        app.MapGet("/connect/login", (HttpContext ctx) =>
        {
            var key = ctx.Request.Query["api_key"].FirstOrDefault();
            if (key != options.ApiKey)
                return SimJson.Error(ctx, 400, "InputException", "Invalid `api_key`.");
            var token = sessions.IssueRequestToken();
            var url = options.RedirectUrl + (options.RedirectUrl.Contains('?') ? "&" : "?") +
                      $"request_token={token}&action=login&status=success";
            var extra = ctx.Request.Query["redirect_params"].FirstOrDefault();
            if (!string.IsNullOrEmpty(extra)) url += "&" + extra;
            ctx.Response.Redirect(url);
            return Task.CompletedTask;
        });

        app.MapPost("/session/token", async (HttpContext ctx) =>
        {
            var form = ctx.Request.HasFormContentType ? await ctx.Request.ReadFormAsync() : null;
            string? key = form?["api_key"], requestToken = form?["request_token"], checksum = form?["checksum"];
            if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(requestToken) || string.IsNullOrEmpty(checksum))
            {
                await SimJson.Error(ctx, 400, "InputException", "Missing api_key, request_token or checksum.");
                return;
            }
            switch (sessions.TryExchange(key, requestToken, checksum, out var s))
            {
                case SimSessions.ExchangeResult.InvalidChecksum:
                    await SimJson.Error(ctx, 403, "TokenException", "Invalid checksum.");
                    return;
                case SimSessions.ExchangeResult.InvalidToken:
                    await SimJson.Error(ctx, 403, "TokenException", "Token is invalid or has expired.");
                    return;
            }
            await SimJson.Success(ctx, SessionJson(options, s!));
        });

        app.MapDelete("/session/token", (HttpContext ctx) =>
        {
            var key = ctx.Request.Query["api_key"].FirstOrDefault() ?? "";
            var token = ctx.Request.Query["access_token"].FirstOrDefault() ?? "";
            sessions.Invalidate(key, token);
            return SimJson.Success(ctx, true);
        });

        app.MapGet("/user/profile", (HttpContext ctx) => SimJson.Success(ctx, new Dictionary<string, object?>
        {
            ["user_id"] = options.UserId, ["user_type"] = "individual", ["email"] = "sim@localhost", ["user_name"] = "Sim Trader",
            ["user_shortname"] = "Sim", ["broker"] = "ZERODHA", ["exchanges"] = Exchanges, ["products"] = Products,
            ["order_types"] = OrderTypes, ["avatar_url"] = null, ["meta"] = new Dictionary<string, object?> { ["demat_consent"] = "empty" },
        }));

        // ------------------------------------------------------------ instruments
        app.MapGet("/instruments", (HttpContext ctx) => Csv(ctx, market.Catalog.ToCsv()));
        app.MapGet("/instruments/{exchange}", (HttpContext ctx, string exchange) => Csv(ctx, market.Catalog.ToCsv(exchange.ToUpperInvariant())));

        // ------------------------------------------------------------ historical
        app.MapGet("/instruments/historical/{token}/{interval}", (HttpContext ctx, string token, string interval) =>
            Historical(ctx, market, token, interval));

        // ------------------------------------------------------------ quotes
        app.MapGet("/quote", (HttpContext ctx) => Quotes(ctx, market, 500, s => FullQuote(s)));
        app.MapGet("/quote/ohlc", (HttpContext ctx) => Quotes(ctx, market, 1000, s => new Dictionary<string, object?>
        {
            ["instrument_token"] = s.Instrument.InstrumentToken,
            ["last_price"] = SimJson.Px(s.LastPrice),
            ["ohlc"] = Ohlc(s),
        }));
        app.MapGet("/quote/ltp", (HttpContext ctx) => Quotes(ctx, market, 1000, s => new Dictionary<string, object?>
        {
            ["instrument_token"] = s.Instrument.InstrumentToken,
            ["last_price"] = SimJson.Px(s.LastPrice),
        }));
    }

    private static readonly string[] Exchanges = ["NSE", "NFO", "BSE", "BFO"];
    private static readonly string[] Products = ["CNC", "NRML", "MIS"];
    private static readonly string[] OrderTypes = ["MARKET", "LIMIT", "SL", "SL-M"];

    private static Dictionary<string, object?> SessionJson(SimOptions o, SimSession s) => new()
    {
        ["user_type"] = "individual", ["email"] = "sim@localhost", ["user_name"] = "Sim Trader", ["user_shortname"] = "Sim",
        ["broker"] = "ZERODHA", ["exchanges"] = Exchanges, ["products"] = Products, ["order_types"] = OrderTypes,
        ["avatar_url"] = null, ["user_id"] = o.UserId, ["api_key"] = s.ApiKey, ["access_token"] = s.AccessToken,
        ["public_token"] = s.PublicToken, ["enctoken"] = "", ["refresh_token"] = "", ["silo"] = "",
        ["login_time"] = SimJson.Time(s.LoginTime), ["meta"] = new Dictionary<string, object?> { ["demat_consent"] = "empty" },
    };

    private static Task Csv(HttpContext ctx, string csv)
    {
        ctx.Response.ContentType = "text/csv";
        return ctx.Response.WriteAsync(csv);
    }

    private static readonly Dictionary<string, (int Minutes, int MaxDays)> Intervals = new(StringComparer.Ordinal)
    {
        ["minute"] = (1, 60), ["3minute"] = (3, 100), ["5minute"] = (5, 100), ["10minute"] = (10, 100),
        ["15minute"] = (15, 200), ["30minute"] = (30, 200), ["60minute"] = (60, 400), ["day"] = (0, 2000),
    };

    private static Task Historical(HttpContext ctx, SimMarket market, string tokenText, string interval)
    {
        if (!Intervals.TryGetValue(interval, out var spec))
            return SimJson.Error(ctx, 400, "InputException", "invalid interval");
        if (!uint.TryParse(tokenText, NumberStyles.None, CultureInfo.InvariantCulture, out var token) || market.Catalog.ByToken(token) is not { } inst)
            return SimJson.Error(ctx, 400, "InputException", "invalid token");
        if (!KiteTime.TryParse(ctx.Request.Query["from"].FirstOrDefault(), out var from) ||
            !KiteTime.TryParse(ctx.Request.Query["to"].FirstOrDefault(), out var to))
            return SimJson.Error(ctx, 400, "InputException", "invalid from/to: expected yyyy-mm-dd hh:mm:ss");
        if (to < from)
            return SimJson.Error(ctx, 400, "InputException", "invalid range: from is after to");
        if ((to - from).TotalDays > spec.MaxDays)
            return SimJson.Error(ctx, 400, "InputException", $"interval exceeds max limit: {spec.MaxDays} days");
        if (!TryFlag(ctx, "oi", out var oi) || !TryFlag(ctx, "continuous", out var continuous))
            return SimJson.Error(ctx, 400, "InputException", "invalid oi/continuous: expected 0 or 1");
        // Kite splices expired contracts only into day candles of NFO and MCX futures (historical docs,
        // support article); asked of anything else the simulator refuses rather than guess kindly.
        if (continuous && (inst.Kind != SimInstrumentKind.Future || inst.Exchange != "NFO" || spec.Minutes != 0))
            return SimJson.Error(ctx, 400, "InputException", "continuous data is available only for day candles of NFO and MCX futures");
        var candles = continuous ? market.ContinuousDayCandles(inst, from, to) : market.Candles(inst, spec.Minutes, from, to);
        var rows = candles.Select(c => oi
            ? new object[] { SimJson.CandleTime(c.Start), SimJson.Px(c.Open), SimJson.Px(c.High), SimJson.Px(c.Low), SimJson.Px(c.Close), c.Volume, c.OpenInterest }
            : new object[] { SimJson.CandleTime(c.Start), SimJson.Px(c.Open), SimJson.Px(c.High), SimJson.Px(c.Low), SimJson.Px(c.Close), c.Volume }).ToList();
        return SimJson.Success(ctx, new Dictionary<string, object?> { ["candles"] = rows });
    }

    /// <summary>Kite documents <c>oi</c> and <c>continuous</c> as "0 or 1"; absent is 0.</summary>
    private static bool TryFlag(HttpContext ctx, string name, out bool value)
    {
        var text = ctx.Request.Query[name].FirstOrDefault();
        value = text == "1";
        return text is null or "0" or "1";
    }

    private static Task Quotes(HttpContext ctx, SimMarket market, int max, Func<InstrumentSnapshot, Dictionary<string, object?>> shape)
    {
        var keys = ctx.Request.Query["i"].Where(k => !string.IsNullOrEmpty(k)).Select(k => k!).Distinct().ToList();
        if (keys.Count == 0) return SimJson.Error(ctx, 400, "InputException", "No instruments specified.");
        if (keys.Count > max) return SimJson.Error(ctx, 400, "InputException", $"Too many instruments (max {max}).");
        var now = market.Clock.Now;
        var data = new Dictionary<string, object?>();
        foreach (var key in keys)
            if (market.Catalog.ByKey(key) is { } inst)
                data[key] = shape(market.Snapshot(inst, now));
        return SimJson.Success(ctx, data);
    }

    private static Dictionary<string, object?> Ohlc(InstrumentSnapshot s) => new()
    {
        ["open"] = SimJson.Px(s.Open), ["high"] = SimJson.Px(s.High), ["low"] = SimJson.Px(s.Low), ["close"] = SimJson.Px(s.PreviousClose),
    };

    private static Dictionary<string, object?> FullQuote(InstrumentSnapshot s)
    {
        static object[] Levels(SimDepthLevel[] levels) => Enumerable.Range(0, 5).Select(i =>
        {
            var l = i < levels.Length ? levels[i] : default;
            return (object)new Dictionary<string, object?> { ["price"] = SimJson.Px(l.Price), ["quantity"] = l.Quantity, ["orders"] = l.Orders };
        }).ToArray();
        var (lower, upper) = Orders.PriceBands.Circuit(s);
        return new Dictionary<string, object?>
        {
            ["instrument_token"] = s.Instrument.InstrumentToken,
            ["timestamp"] = SimJson.Time(s.Timestamp),
            ["last_trade_time"] = s.LastTradeTime is { } t ? SimJson.Time(t) : null,
            ["last_price"] = SimJson.Px(s.LastPrice),
            ["last_quantity"] = s.LastQuantity,
            ["buy_quantity"] = s.BuyQuantity,
            ["sell_quantity"] = s.SellQuantity,
            ["volume"] = s.Volume,
            ["average_price"] = SimJson.Px(s.AveragePrice),
            ["oi"] = s.OpenInterest,
            ["oi_day_high"] = s.OpenInterestDayHigh,
            ["oi_day_low"] = s.OpenInterestDayLow,
            ["net_change"] = SimJson.Px(s.NetChange),
            ["lower_circuit_limit"] = s.Instrument.Kind == SimInstrumentKind.Index ? 0 : lower,
            ["upper_circuit_limit"] = s.Instrument.Kind == SimInstrumentKind.Index ? 0 : upper,
            ["ohlc"] = Ohlc(s),
            ["depth"] = new Dictionary<string, object?> { ["buy"] = Levels(s.Bids), ["sell"] = Levels(s.Offers) },
        };
    }
}
