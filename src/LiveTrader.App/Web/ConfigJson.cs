using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;

namespace LiveTrader.App.Web;

/// <summary>The configured defaults the page prefills. Never a secret: no Kite file paths, no access token.</summary>
public static class ConfigJson
{
    public static object From(LiveTraderSettings s) => new
    {
        modes = new[] { new { name = "Paper", enabled = true }, new { name = "Dry run", enabled = true }, new { name = "Live", enabled = s.LiveTradingEnabled } },
        liveEnabled = s.LiveTradingEnabled,
        timeframes = Timeframe.TradableMinutes.Select(m => $"{m}minute"),
        initialCapital = s.InitialCapital,
        strategy = new
        {
            timeframe = s.Strategy.Timeframe,
            rsiPeriod = s.Strategy.RsiPeriod,
            priceStrength = new { length = s.Strategy.PriceStrength.Length, source = s.Strategy.PriceStrength.Source },
            volumeStrength = new { length = s.Strategy.VolumeStrength.Length, source = s.Strategy.VolumeStrength.Source },
        },
        risk = new
        {
            dailyLossLimit = s.Risk.DailyLossLimit, dailyProfitTarget = s.Risk.DailyProfitTarget, squareOffTime = s.Risk.SquareOffTime.ToString("HH:mm"),
            protection = new { dailyLoss = s.Risk.Protection.DailyLoss, profitLockAt = s.Risk.Protection.ProfitLockAt, profitLockPercent = s.Risk.Protection.ProfitLockPercent, trailingStop = s.Risk.Protection.TrailingStop },
        },
        segments = Segments.All.Where(seg => s.Segments.ContainsKey(seg.ToString())).Select(seg =>
        {
            var c = s.Segments[seg.ToString()];
            return new
            {
                name = seg.ToString(), enabled = c.Enabled, indexSymbol = c.IndexSymbol, lotSize = c.LotSize, strikeStep = c.StrikeStep,
                itmOffsetPoints = c.ItmOffsetPoints, stopLossPoints = c.StopLossPoints, trailingStopPoints = c.TrailingStopPoints,
                profitTargetPoints = c.ProfitTargetPoints, pyramidPoints = c.PyramidPoints, lotAddition = c.LotAddition,
                maxQuantity = c.MaxQuantity, maxTradesPerDay = c.MaxTradesPerDay, maxDailyLoss = c.MaxDailyLoss,
                tradingWindowStart = c.TradingWindowStart.ToString("HH:mm"), tradingWindowEnd = c.TradingWindowEnd.ToString("HH:mm"),
            };
        }),
        web = new { tokenRequired = !string.IsNullOrEmpty(s.Web.AccessToken) },
    };
}
