using System.Globalization;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;

namespace LiveTrader.App.Web;

/// <summary>Applies a page's parameters to a copy of the configured settings and checks the result
/// with the same <see cref="SettingsValidator"/> that checks the file, so the page can never run what
/// the command line would refuse. Errors are keyed by the configuration path of the field
/// (<c>LiveTrader:Segments:NIFTY:StopLossPoints</c>), which is what the page shows them next to.</summary>
public static class ParameterOverrides
{
    public static LiveTraderSettings Apply(LiveTraderSettings configured, ParameterRequest request, Dictionary<string, string> errors)
    {
        var settings = Configuration.SettingsLoader.Copy(configured);
        if (request.Timeframe is not null) settings.Strategy.Timeframe = request.Timeframe;
        if (request.RsiPeriod is { } rsi) settings.Strategy.RsiPeriod = rsi;
        if (request.PriceStrengthLength is { } ps) settings.Strategy.PriceStrength.Length = ps;
        if (request.VolumeStrengthLength is { } vs) settings.Strategy.VolumeStrength.Length = vs;
        if (request.InitialCapital is { } capital) settings.InitialCapital = capital;
        if (request.DailyLossLimit is { } loss) settings.Risk.DailyLossLimit = loss == 0 ? null : loss;
        if (request.DailyProfitTarget is { } target) settings.Risk.DailyProfitTarget = target == 0 ? null : target;
        var protection = settings.Risk.Protection;
        if (request.ProtectionDailyLoss is { } dailyLoss) protection.DailyLoss = dailyLoss == 0 ? null : dailyLoss;
        if (request.ProfitLockAt is { } lockAt) protection.ProfitLockAt = lockAt == 0 ? null : lockAt;
        if (request.ProfitLockPercent is { } lockPercent) protection.ProfitLockPercent = lockPercent;
        if (request.AccountTrailingStop is { } trail) protection.TrailingStop = trail == 0 ? null : trail;
        foreach (var (name, o) in request.Overrides ?? [])
        {
            if (!settings.Segments.TryGetValue(name, out var seg))
            {
                errors[$"overrides.{name}"] = $"unknown segment '{name}'";
                continue;
            }
            if (o.StopLossPoints is { } sl) seg.StopLossPoints = sl;
            if (o.TrailingStopPoints is { } tsl) seg.TrailingStopPoints = tsl;
            if (o.ItmOffsetPoints is { } itm) seg.ItmOffsetPoints = itm;
            if (o.PyramidPoints is { } pyr) seg.PyramidPoints = pyr;
            if (o.LotAddition is { } add) seg.LotAddition = add;
            if (o.MaxQuantity is { } max) seg.MaxQuantity = max;
            if (o.MaxTradesPerDay is { } trades) seg.MaxTradesPerDay = trades;
            if (o.MaxDailyLoss is { } segLoss) seg.MaxDailyLoss = segLoss == 0 ? null : segLoss;
            var key = $"{LiveTraderSettings.SectionName}:Segments:{name.ToUpperInvariant()}";
            if (o.TradingWindowStart is not null)
            {
                if (TryTime(o.TradingWindowStart, out var t)) seg.TradingWindowStart = t;
                else errors[$"{key}:TradingWindowStart"] = $"'{o.TradingWindowStart}' is not a time like 09:20";
            }
            if (o.TradingWindowEnd is not null)
            {
                if (TryTime(o.TradingWindowEnd, out var t)) seg.TradingWindowEnd = t;
                else errors[$"{key}:TradingWindowEnd"] = $"'{o.TradingWindowEnd}' is not a time like 15:15";
            }
        }
        foreach (var line in SettingsValidator.Validate(settings))
        {
            var cut = line.IndexOf(": ", StringComparison.Ordinal);
            if (cut < 0) errors[""] = line;
            else errors.TryAdd(line[..cut], line[(cut + 2)..]);
        }
        return settings;
    }

    /// <summary>The segments a request names (or those enabled in the configuration), each known and configured.</summary>
    public static List<Segment> ChooseSegments(LiveTraderSettings settings, string[]? names, Dictionary<string, string> errors)
    {
        var segments = new List<Segment>();
        if (names is null)
            segments.AddRange(Segments.All.Where(s => settings.Segments.TryGetValue(s.ToString(), out var seg) && seg.Enabled));
        else
        {
            foreach (var name in names)
            {
                if (!Segments.TryParse(name, out var s) || !settings.Segments.ContainsKey(s.ToString()))
                    errors["segments"] = $"unknown segment '{name}' (known: {Segments.Names})";
                else if (!segments.Contains(s)) segments.Add(s);
            }
        }
        if (segments.Count == 0 && !errors.ContainsKey("segments")) errors["segments"] = "choose at least one segment";
        return segments;
    }

    private static bool TryTime(string text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
