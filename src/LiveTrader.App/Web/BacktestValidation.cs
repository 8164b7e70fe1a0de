using LiveTrader.App.Feeds;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Data;
using LiveTrader.Engine.Runs;
using LiveTrader.Kite.Rest;

namespace LiveTrader.App.Web;

/// <summary>Turns a backtest request into a run that cannot fail on its input: parameters, segments,
/// days and source checked, every candle file read, or {field: message} errors with keys
/// <c>source</c>, <c>from</c>, <c>to</c>, <c>files.NIFTY</c> ... and the parameter keys of
/// <see cref="ParameterOverrides"/>.</summary>
public static class BacktestValidation
{
    public const string FilesSource = BacktestSources.Files;
    public const string KiteSource = BacktestSources.Kite;
    public const string SimSource = BacktestSources.Sim;

    /// <param name="Inputs">The prepared candles per segment on the files source; null on Kite, which is fetched when the run starts.</param>
    /// <param name="Kite">The logged-in account's client on the Kite source; the run disposes it.</param>
    public sealed record Plan(LiveTraderSettings Settings, IReadOnlyList<Segment> Segments, string Source, Timeframe Timeframe,
        DateOnly? From, DateOnly? To, IReadOnlyList<BacktestInput>? Inputs, KiteRestClient? Kite)
    {
        /// <summary>The candle files read on the files source, by content, for parameters.json.</summary>
        public IReadOnlyList<InputFileFact> CandleFiles { get; init; } = [];

        /// <summary>What the run's parameters.json records.</summary>
        public RunParameters Parameters() => new()
        {
            Kind = RunParameters.BacktestKind,
            Source = Source,
            Segments = Segments.Select(s => s.ToString()).ToList(),
            From = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            To = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Seed = Source == SimSource ? SimSeed : null,
            Candles = CandleFiles,
            Settings = RunParameters.SettingsJson(Settings),
        };

        /// <summary>What the files' candles said out loud (<see cref="CandleSeries.Warnings"/>), for the run's note.</summary>
        public IReadOnlyList<string> Warnings { get; init; } = [];
    }

    /// <summary>The simulator's seed for the page's runs.</summary>
    public const ulong SimSeed = 1;

    public static Plan? TryPlan(LiveTraderSettings configured, BacktestRequest request, CandleFileCatalog catalog, KiteAccount account,
        out Dictionary<string, string> errors)
    {
        errors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var settings = ParameterOverrides.Apply(configured, request, errors);
        var segments = ParameterOverrides.ChooseSegments(settings, request.Segments, errors);
        var from = Day(request.From, "from", errors);
        var to = Day(request.To, "to", errors);
        if (from is DateOnly f && to is DateOnly t && f > t)
            errors["from"] = $"{f:yyyy-MM-dd} is after the last day {t:yyyy-MM-dd}";
        var timeframeKnown = Timeframe.TryParse(settings.Strategy.Timeframe, out var timeframe) && Timeframe.TradableMinutes.Contains(timeframe.Minutes);

        var source = request.Source?.Trim().ToLowerInvariant() ?? FilesSource;
        IReadOnlyList<BacktestInput>? inputs = null;
        KiteRestClient? kite = null;
        var read = new List<InputFileFact>();
        var warnings = new List<string>();
        if (source == FilesSource)
        {
            inputs = ReadFiles(request, segments, catalog, timeframeKnown ? timeframe : null, from, to, errors, read, warnings);
        }
        else if (source == KiteSource)
        {
            kite = account.RestClient();
            if (kite is null) errors["source"] = "Kite is not logged in: log in to Kite first (the Kite login button), or set KITE_API_KEY and KITE_ACCESS_TOKEN; or backtest on files";
            // Kite serves history by date range, so the range has to be said.
            if (request.From is null) errors["from"] = "give the first day to fetch from Kite";
            if (request.To is null) errors["to"] = "give the last day to fetch from Kite";
        }
        else if (source == SimSource)
        {
            // The simulator's history needs nothing on disk and no account, only the days.
            if (request.From is null) errors["from"] = "give the first day of the simulator's history";
            if (request.To is null) errors["to"] = "give the last day of the simulator's history";
        }
        else
        {
            errors["source"] = $"'{request.Source}' is not a data source (files, kite or sim)";
        }
        if (errors.Count == 0) return new Plan(settings, segments, source, timeframe, from, to, inputs, kite) { CandleFiles = read, Warnings = warnings };
        kite?.Dispose();
        return null;
    }

    private static DateOnly? Day(string? text, string key, Dictionary<string, string> errors)
    {
        if (text is null) return null;
        if (Ist.TryParseDay(text, out var day)) return day;
        errors[key] = $"'{text}' is not a date like 2024-07-26";
        return null;
    }

    /// <summary>Each chosen segment's file read and brought to the timeframe; nothing is read when the
    /// timeframe itself is refused (its error already says what to fix).</summary>
    private static List<BacktestInput> ReadFiles(BacktestRequest request, IReadOnlyList<Segment> segments, CandleFileCatalog catalog,
        Timeframe? timeframe, DateOnly? from, DateOnly? to, Dictionary<string, string> errors, List<InputFileFact> read, List<string> warnings)
    {
        var files = new Dictionary<string, string>(request.Files ?? [], StringComparer.OrdinalIgnoreCase);
        foreach (var name in files.Keys.Where(k => !Segments.TryParse(k, out _)))
            errors[$"files.{name}"] = $"unknown segment '{name}' (known: {Segments.Names})";
        if (!catalog.FolderExists)
        {
            foreach (var s in segments) errors[$"files.{s}"] = $"there is no data folder at {catalog.Folder} (LiveTrader:DataFolder)";
            return [];
        }
        var inputs = new List<BacktestInput>();
        foreach (var segment in segments)
        {
            var key = $"files.{segment}";
            var name = files.TryGetValue(segment.ToString(), out var given) && !string.IsNullOrWhiteSpace(given)
                ? given
                : DefaultFile(catalog, segment, from, to);
            if (name is null)
            {
                errors[key] = $"no candle file named for {segment} ({segment}_....csv) in the data folder";
                continue;
            }
            if (CandleFileCatalog.SegmentOf(name) is Segment other && other != segment)
            {
                errors[key] = $"'{name}' holds {other} candles, not {segment}";
                continue;
            }
            try
            {
                var series = catalog.Read(name);
                warnings.AddRange(series.Warnings(segment));
                if (timeframe is Timeframe tf) inputs.Add(BacktestInputs.FromSeries(segment, series, null, tf, from, to));
                read.Add(InputFileFact.Of(segment.ToString(), catalog.Resolve(name, out _)!));
            }
            catch (InputFileException e)
            {
                errors[key] = e.Message;
            }
        }
        return inputs;
    }

    /// <summary>The first readable file named for the segment whose days reach into the range (else the first
    /// readable one, else the first at all, so the refusal names a file).</summary>
    internal static string? DefaultFile(CandleFileCatalog catalog, Segment segment, DateOnly? from, DateOnly? to)
    {
        var named = catalog.List().Where(f => f.Segment == segment).ToList();
        var readable = named.Where(f => f.Series is not null).ToList();
        var covering = readable.FirstOrDefault(f =>
            (from is not DateOnly a || Ist.DayOf(f.Series!.Candles[^1].Start) >= a) &&
            (to is not DateOnly b || Ist.DayOf(f.Series!.Candles[0].Start) <= b));
        return (covering ?? readable.FirstOrDefault() ?? named.FirstOrDefault())?.Name;
    }
}
