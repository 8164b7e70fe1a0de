using System.Globalization;
using System.Text.Json;
using LiveTrader.App.Commands;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Sim;

namespace LiveTrader.App.Web;

/// <summary>Turns a start request into the session's settings, segments and simulator options, or
/// into {field: message} errors; the same <see cref="SettingsValidator"/> that checks the file checks
/// the overrides, so the page can never start what the command line would refuse.</summary>
public static class StartValidation
{
    public sealed record Plan(LiveTraderSettings Settings, IReadOnlyList<Segment> Segments, SimOptions Sim, double Speed);

    public static Plan? TryPlan(LiveTraderSettings configured, StartRequest request, out Dictionary<string, string> errors)
    {
        errors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var settings = Copy(configured);

        var segments = new List<Segment>();
        if (request.Segments is null)
            segments.AddRange(Segments.All.Where(s => settings.Segments.TryGetValue(s.ToString(), out var seg) && seg.Enabled));
        else
        {
            foreach (var name in request.Segments)
            {
                if (!Segments.TryParse(name, out var s) || !settings.Segments.ContainsKey(s.ToString()))
                    errors["segments"] = $"unknown segment '{name}' (known: {Segments.Names})";
                else if (!segments.Contains(s)) segments.Add(s);
            }
        }
        if (segments.Count == 0 && !errors.ContainsKey("segments")) errors["segments"] = "choose at least one segment";

        if (request.Timeframe is not null) settings.Strategy.Timeframe = request.Timeframe;
        if (request.RsiPeriod is { } rsi) settings.Strategy.RsiPeriod = rsi;
        if (request.InitialCapital is { } capital) settings.InitialCapital = capital;
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
            if (o.MaxDailyLoss is { } loss) seg.MaxDailyLoss = loss;
            if (o.TradingWindowStart is not null)
            {
                if (TryTime(o.TradingWindowStart, out var t)) seg.TradingWindowStart = t;
                else errors[$"LiveTrader:Segments:{name}:TradingWindowStart"] = $"'{o.TradingWindowStart}' is not a time like 09:20";
            }
            if (o.TradingWindowEnd is not null)
            {
                if (TryTime(o.TradingWindowEnd, out var t)) seg.TradingWindowEnd = t;
                else errors[$"LiveTrader:Segments:{name}:TradingWindowEnd"] = $"'{o.TradingWindowEnd}' is not a time like 15:15";
            }
        }
        foreach (var line in SettingsValidator.Validate(settings))
        {
            var cut = line.IndexOf(": ", StringComparison.Ordinal);
            if (cut < 0) errors[""] = line;
            else errors.TryAdd(line[..cut], line[(cut + 2)..]);
        }

        var speed = request.Speed ?? 60;
        SimOptions? sim = null;
        try
        {
            sim = SimCommand.Options(0, [], speed, request.Seed ?? 1, request.Date);
        }
        catch (UsageError e)
        {
            var field = e.Message.StartsWith("--date", StringComparison.Ordinal) ? "date" : "speed";
            errors[field] = e.Message.Replace($"--{field}: ", "", StringComparison.Ordinal);
        }
        return errors.Count == 0 ? new Plan(settings, segments, sim!, speed) : null;
    }

    private static bool TryTime(string text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>A deep copy, so one session's overrides never leak into the configured defaults.</summary>
    private static LiveTraderSettings Copy(LiveTraderSettings s)
    {
        var copy = JsonSerializer.Deserialize<LiveTraderSettings>(JsonSerializer.Serialize(s))!;
        copy.Segments = new Dictionary<string, SegmentSettings>(copy.Segments, StringComparer.OrdinalIgnoreCase);
        return copy;
    }
}
