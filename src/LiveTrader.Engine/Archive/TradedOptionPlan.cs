using LiveTrader.Core.Market;
using LiveTrader.Kite.Historical;
using LiveTrader.Kite.Instruments;

namespace LiveTrader.Engine.Archive;

/// <summary>The traded options that can be archived, and a warning for each that cannot.</summary>
public sealed record TradedOptionPlan(IReadOnlyList<HistoryTarget> Targets, IReadOnlyList<string> Warnings)
{
    /// <summary>Each option's file <c>options/SYMBOL_interval.csv</c> over its trade days within
    /// [from, to]. Its token comes from the trade day's archived dump (Kite reuses tokens after expiry,
    /// so only that day's dump or today's is trusted), else from today's live dump. Kite serves no
    /// candles of an expired option (forum staff 2023: only expired futures, as day candles), so one
    /// that has expired is warned about and left out, like one no dump knows; the rest go on.</summary>
    public static TradedOptionPlan Build(IReadOnlyList<TradedOption> traded, string dataFolder, KiteInterval interval,
        DateOnly from, DateOnly to, DateOnly today, IReadOnlyList<KiteInstrument> liveDump, Func<Segment, string> exchangeOf)
    {
        var warnings = new List<string>();
        var outside = traded.Where(t => t.Day < from || t.Day > to).ToList();
        if (outside.Count > 0)
            warnings.Add($"{outside.Count} traded option day(s) outside {from:yyyy-MM-dd}..{to:yyyy-MM-dd} left out ({string.Join(", ", outside.Take(3).Select(t => $"{t.Tradingsymbol} on {t.Day:yyyy-MM-dd}"))}{(outside.Count > 3 ? ", ..." : "")})");

        var dumps = new Dictionary<DateOnly, IReadOnlyList<KiteInstrument>?>();
        var targets = new List<HistoryTarget>();
        foreach (var symbol in traded.Where(t => t.Day >= from && t.Day <= to).GroupBy(t => t.Tradingsymbol, StringComparer.Ordinal))
        {
            var days = new List<DayRange>();
            uint? token = null;
            foreach (var trade in symbol.OrderBy(t => t.Day))
            {
                var exchange = exchangeOf(trade.Segment);
                var dayDump = DumpOf(dumps, dataFolder, trade.Day);
                var known = Find(dayDump, symbol.Key, exchange) ?? Find(liveDump, symbol.Key, exchange);
                if (known is null)
                {
                    warnings.Add($"{symbol.Key} ({trade.Segment}, traded {trade.Day:yyyy-MM-dd}) is in no instrument dump: " +
                        $"{(dayDump is null ? $"the dump of {trade.Day:yyyy-MM-dd} is not archived" : $"the archived dump of {trade.Day:yyyy-MM-dd} does not list it")} " +
                        $"and today's ({today:yyyy-MM-dd}) does not either; left out");
                    continue;
                }
                if (known.Expiry < today)
                {
                    warnings.Add($"{symbol.Key} (traded {trade.Day:yyyy-MM-dd}) expired on {known.Expiry:yyyy-MM-dd}, and Kite serves no candles of an expired option; left out");
                    continue;
                }
                token = known.InstrumentToken;
                days.Add(new DayRange(trade.Day, trade.Day));
            }
            if (token is { } t && days.Count > 0)
                targets.Add(new HistoryTarget(CandleArchive.Option(dataFolder, symbol.Key, interval), t, days, Series: false));
        }
        return new TradedOptionPlan(targets, warnings);
    }

    private static KiteInstrument? Find(IReadOnlyList<KiteInstrument>? dump, string symbol, string exchange) =>
        dump?.FirstOrDefault(i => i.Tradingsymbol == symbol && i.Exchange == exchange && i.InstrumentType is "CE" or "PE");

    private static IReadOnlyList<KiteInstrument>? DumpOf(Dictionary<DateOnly, IReadOnlyList<KiteInstrument>?> cache, string dataFolder, DateOnly day)
    {
        if (cache.TryGetValue(day, out var dump)) return dump;
        var path = HistoryDownload.InstrumentDumpPath(dataFolder, day);
        if (File.Exists(path))
        {
            using var stream = File.OpenRead(path);
            dump = InstrumentDump.Parse(stream);
        }
        return cache[day] = dump;
    }
}
