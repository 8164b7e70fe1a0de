using System.Globalization;
using LiveTrader.App.Commands;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Data;
using LiveTrader.Engine.Runs;

namespace LiveTrader.App.Web;

/// <summary>Turns the Sweep page's request into a <see cref="SweepPlan"/> by the same checks as the
/// <c>sweep</c> command (each set's settings laid over the configured ones by the binder and checked
/// by <see cref="SettingsValidator"/>), or {field: message} errors keyed <c>vary.NAME</c>, <c>vary</c>,
/// <c>segments</c>, <c>source</c>, <c>files.NIFTY</c>, <c>from</c>, <c>to</c>, <c>sample</c>.</summary>
public static class SweepValidation
{
    /// <summary>The most sets one page sweep may hold (a sample may pick fewer of a larger grid).</summary>
    public const int MaxSets = 2000;

    /// <summary>The most values one varied parameter may take.</summary>
    public const int MaxValues = 100;

    public const int MaxAxes = 6;

    /// <summary>On the simulator source the plan's sources are empty: the run fetches them.</summary>
    public static SweepPlan? TryPlan(LiveTraderSettings configured, SweepRequest request, CandleFileCatalog catalog, out Dictionary<string, string> errors)
    {
        errors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var segments = ParameterOverrides.ChooseSegments(configured, request.Segments, errors);
        var from = Day(request.From, "from", errors);
        var to = Day(request.To, "to", errors);
        if (from is DateOnly f && to is DateOnly t && f > t) errors["from"] = $"{f:yyyy-MM-dd} is after the last day {t:yyyy-MM-dd}";
        var axes = Axes(configured, request.Vary, errors);
        if (request.Sample is int n && n < 1) errors["sample"] = $"{n} must be at least 1";
        var sets = axes.Aggregate(1L, (count, a) => count * a.Values.Count);
        var runs = Math.Min(sets, request.Sample ?? long.MaxValue);
        if (axes.Count > 0 && runs > MaxSets)
            errors["vary"] = $"{sets} sets is more than the {MaxSets} a page sweep runs: vary fewer values, or give a sample size (the sweep command takes any number)";

        var source = request.Source?.Trim().ToLowerInvariant() ?? BacktestSources.Files;
        var sources = new List<SweepSource>();
        if (source == BacktestSources.Files) sources = ReadFiles(configured, request, segments, catalog, from, to, errors);
        else if (source == BacktestSources.Sim)
        {
            if (request.From is null) errors["from"] = "give the first day of the simulator's history";
            if (request.To is null) errors["to"] = "give the last day of the simulator's history";
        }
        else errors["source"] = $"'{request.Source}' is not a sweep's data source (files or sim)";
        if (errors.Count > 0) return null;
        try
        {
            var plan = SweepPlan.Build(configured, axes, request.Sample, request.Seed ?? 1, sources, from, to);
            return source == BacktestSources.Sim ? plan.On([], source, BacktestValidation.SimSeed, segments) : plan;
        }
        catch (UsageError e)
        {
            // Each value passed alone: it is their combination the validator refuses (a window start after its end ...).
            errors["vary"] = e.Message;
            return null;
        }
    }

    /// <summary>Each axis named, with values, and each value accepted alone by the binder and the validator.</summary>
    private static List<SweepAxis> Axes(LiveTraderSettings configured, List<SweepAxisRequest>? vary, Dictionary<string, string> errors)
    {
        var axes = new List<SweepAxis>();
        if (vary is null || vary.Count == 0)
        {
            errors["vary"] = "choose at least one parameter to vary";
            return axes;
        }
        if (vary.Count > MaxAxes) errors["vary"] = $"{vary.Count} parameters: vary at most {MaxAxes} at once";
        for (var i = 0; i < vary.Count; i++)
        {
            var a = vary[i];
            var name = a.Name?.Trim() ?? "";
            var key = name.Length == 0 ? $"vary[{i}]" : $"vary.{name}";
            if (name.Length == 0) { errors[key] = "name the parameter (a configuration path such as Segments.NIFTY.StopLossPoints)"; continue; }
            if (axes.Any(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase))) { errors[key] = $"{name} is given twice"; continue; }
            var values = Values(a, key, errors);
            if (values is null) continue;
            var axis = new SweepAxis(name, values);
            foreach (var value in values)
            {
                try
                {
                    SweepPlan.SettingsFor(configured, [axis], [value]);
                }
                catch (UsageError e)
                {
                    errors[key] = e.Message;
                    break;
                }
            }
            axes.Add(axis);
        }
        return axes;
    }

    private static List<string>? Values(SweepAxisRequest a, string key, Dictionary<string, string> errors)
    {
        if (a.Values is { Length: > 0 } list)
        {
            var values = list.Select(v => v?.Trim() ?? "").ToList();
            if (values.Any(v => v.Length == 0)) { errors[key] = "a value is empty"; return null; }
            if (values.Count > MaxValues) { errors[key] = $"{values.Count} values: at most {MaxValues}"; return null; }
            if (values.Distinct(StringComparer.Ordinal).Count() != values.Count) { errors[key] = "a value is given twice"; return null; }
            return values;
        }
        if (a.From is not decimal from || a.To is not decimal to || a.Step is not decimal step)
        {
            errors[key] = "give a list of values, or from, to and step";
            return null;
        }
        if (step <= 0) { errors[key] = $"step {step} must be above 0"; return null; }
        if (from > to) { errors[key] = $"from {from} is above to {to}"; return null; }
        if ((to - from) / step + 1 > MaxValues) { errors[key] = $"from {from} to {to} by {step} is more than {MaxValues} values"; return null; }
        var range = new List<string>();
        for (var v = from; v <= to; v += step) range.Add(v.ToString(CultureInfo.InvariantCulture));
        return range;
    }

    private static List<SweepSource> ReadFiles(LiveTraderSettings configured, SweepRequest request, IReadOnlyList<Segment> segments, CandleFileCatalog catalog,
        DateOnly? from, DateOnly? to, Dictionary<string, string> errors)
    {
        var files = new Dictionary<string, string>(request.Files ?? [], StringComparer.OrdinalIgnoreCase);
        foreach (var name in files.Keys.Where(k => !Segments.TryParse(k, out _)))
            errors[$"files.{name}"] = $"unknown segment '{name}' (known: {Segments.Names})";
        var sources = new List<SweepSource>();
        if (!catalog.FolderExists)
        {
            foreach (var s in segments) errors[$"files.{s}"] = $"there is no data folder at {catalog.Folder} (LiveTrader:DataFolder): sweep on the simulator's history";
            return sources;
        }
        var timeframe = configured.Strategy.ParsedTimeframe();
        foreach (var segment in segments)
        {
            var key = $"files.{segment}";
            var name = files.TryGetValue(segment.ToString(), out var given) && !string.IsNullOrWhiteSpace(given)
                ? given
                : BacktestValidation.DefaultFile(catalog, segment, from, to);
            if (name is null) { errors[key] = $"no candle file named for {segment} ({segment}_....csv) in the data folder"; continue; }
            if (CandleFileCatalog.SegmentOf(name) is Segment other && other != segment) { errors[key] = $"'{name}' holds {other} candles, not {segment}"; continue; }
            try
            {
                var series = catalog.Read(name);
                // The days are checked against the file as a backtest checks them.
                BacktestInputs.FromSeries(segment, series, null, timeframe, from, to);
                sources.Add(new SweepSource(segment, series, InputFileFact.Of(segment.ToString(), catalog.Resolve(name, out _)!)));
            }
            catch (InputFileException e)
            {
                errors[key] = e.Message;
            }
        }
        return sources;
    }

    private static DateOnly? Day(string? text, string key, Dictionary<string, string> errors)
    {
        if (text is null) return null;
        if (Ist.TryParseDay(text, out var day)) return day;
        errors[key] = $"'{text}' is not a date like 2024-07-26";
        return null;
    }
}
