using LiveTrader.App.Feeds;
using LiveTrader.Core.Settings;

namespace LiveTrader.App.Web;

/// <summary>Builds the Live Trader web app: the API, the event stream and the page, behind the guards.
/// Tests give <paramref name="configure"/> to swap Kestrel for the test server, or the clock.</summary>
public static class WebApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(LiveTraderSettings settings, IReadOnlyList<string> urls, Action<WebApplicationBuilder>? configure = null)
    {
        WebSecurity.CheckUrls(urls, settings.Web.AccessToken);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls([.. urls]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Feeds.WallClock>();
        builder.Services.AddSingleton<KiteAccount>();
        builder.Services.AddSingleton<TraderService>();
        builder.Services.AddSingleton<CandleFileCatalog>();
        builder.Services.AddSingleton<BacktestJobs>();
        builder.Services.AddSingleton<SweepJobs>();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            o.SerializerOptions.MaxDepth = RequestLimits.MaxJsonDepth;
        });
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes);
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        configure?.Invoke(builder);
        var app = builder.Build();
        var token = settings.Web.AccessToken;
        app.Use(ApiError.Guard);
        app.Use((context, next) => WebSecurity.Guard(context, next, token));
        app.Use(RequestLimits.Guard);
        StaticPage.Map(app);
        ApiEndpoints.Map(app);
        KiteLoginEndpoints.Map(app);
        BacktestEndpoints.Map(app);
        SweepEndpoints.Map(app);
        TradeStoryEndpoint.Map(app);
        return app;
    }
}
