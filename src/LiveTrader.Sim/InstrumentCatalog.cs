using System.Globalization;
using System.Text;
using LiveTrader.Core.Instruments;
using LiveTrader.Sim.Market;

namespace LiveTrader.Sim;

public enum SimInstrumentKind { Index, Future, Option }

/// <summary>One row of the simulated instrument dump.</summary>
public sealed record SimInstrument(
    uint InstrumentToken,
    uint ExchangeToken,
    string Tradingsymbol,
    string Name,
    DateOnly? Expiry,
    decimal Strike,
    decimal TickSize,
    int LotSize,
    string InstrumentType,
    string Segment,
    string Exchange,
    IndexSpec Underlying,
    SimInstrumentKind Kind)
{
    public string QuoteKey => Exchange + ":" + Tradingsymbol;
    public OptionType? OptionType => InstrumentType switch { "CE" => Core.Instruments.OptionType.CE, "PE" => Core.Instruments.OptionType.PE, _ => null };
}

/// <summary>
/// The instrument dump of the simulated day: the three indices (tokens 256265, 260105, 265), three monthly futures
/// each, and CE/PE options for every weekly and monthly expiry of the current and next two months (by the expiry
/// calendar's rules) on strikes ±10 % around the day's opening level. Tokens follow Kite's rule
/// <c>instrument_token = exchange_token·256 + segment</c> (NFO 2, BFO 5, indices 9); symbols come from
/// <see cref="OptionSymbol"/>; lot sizes from <see cref="IndexSpec.LotSize"/>.
/// </summary>
public sealed class InstrumentCatalog
{
    public const string Header = "instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,strike,tick_size,lot_size,instrument_type,segment,exchange";

    private readonly List<SimInstrument> _all = [];
    private readonly Dictionary<uint, SimInstrument> _byToken = [];
    private readonly Dictionary<string, SimInstrument> _byKey = new(StringComparer.Ordinal);

    public InstrumentCatalog(DateOnly day, IReadOnlyDictionary<IndexSpec, double> openingLevels, ExpiryCalendar calendar, double strikeRange = 0.10)
    {
        Day = day;
        uint nfo = 35_000, bfo = 870_000;
        foreach (var spec in IndexSpec.All)
        {
            Add(new SimInstrument(spec.InstrumentToken, spec.ExchangeToken, spec.Tradingsymbol, spec.Tradingsymbol, null, 0, 0, 0, "EQ", "INDICES", spec.Exchange, spec, SimInstrumentKind.Index));
        }
        foreach (var spec in IndexSpec.All)
        {
            int lot = spec.LotSize(day);
            string segFut = spec.DerivativeExchange + "-FUT", segOpt = spec.DerivativeExchange + "-OPT";
            uint NextToken(out uint exchangeToken)
            {
                exchangeToken = spec.DerivativeSegmentId == 5 ? bfo++ : nfo++;
                return exchangeToken * 256 + (uint)spec.DerivativeSegmentId;
            }

            var month = new DateOnly(day.Year, day.Month, 1);
            var monthlies = new List<DateOnly>();
            var expiries = new SortedSet<DateOnly>();
            for (int i = 0; i < 4; i++, month = month.AddMonths(1))
            {
                var monthly = calendar.MonthlyExpiry(spec.Segment, month.Year, month.Month);
                if (monthly >= day) monthlies.Add(monthly);
                foreach (var e in calendar.ExpiriesInMonth(spec.Segment, month.Year, month.Month))
                    if (e >= day) expiries.Add(e);
            }
            monthlies = monthlies.Take(3).ToList();
            expiries.RemoveWhere(e => e > monthlies[^1]);

            foreach (var m in monthlies)
            {
                var symbol = $"{spec.UnderlyingName}{m.Year % 100:00}{m.ToString("MMM", CultureInfo.InvariantCulture).ToUpperInvariant()}FUT";
                var token = NextToken(out var et);
                Add(new SimInstrument(token, et, symbol, spec.UnderlyingName, m, 0, spec.FuturesTick, lot, "FUT", segFut, spec.DerivativeExchange, spec, SimInstrumentKind.Future));
            }

            double level = openingLevels.TryGetValue(spec, out var l) ? l : spec.DefaultLevel;
            decimal step = spec.StrikeStep;
            decimal lo = Math.Floor((decimal)(level * (1 - strikeRange)) / step) * step;
            decimal hi = Math.Ceiling((decimal)(level * (1 + strikeRange)) / step) * step;
            foreach (var e in expiries)
            {
                bool monthly = calendar.IsMonthlyExpiry(spec.Segment, e);
                for (decimal k = lo; k <= hi; k += step)
                {
                    foreach (var type in new[] { OptionType.CE, OptionType.PE })
                    {
                        var token = NextToken(out var et);
                        var symbol = OptionSymbol.For(spec.Segment, e, k, type, monthly);
                        Add(new SimInstrument(token, et, symbol, spec.UnderlyingName, e, k, 0.05m, lot, type.ToString(), segOpt, spec.DerivativeExchange, spec, SimInstrumentKind.Option));
                    }
                }
            }
        }
    }

    public DateOnly Day { get; }

    public IReadOnlyList<SimInstrument> All => _all;

    public SimInstrument? ByToken(uint token) => _byToken.GetValueOrDefault(token);

    /// <summary>Looks up <c>EXCHANGE:TRADINGSYMBOL</c> (or a numeric instrument token).</summary>
    public SimInstrument? ByKey(string key)
    {
        if (_byKey.TryGetValue(key, out var i)) return i;
        return uint.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var token) ? ByToken(token) : null;
    }

    /// <summary>The dump as CSV (all exchanges, or one exchange such as NFO), Kite's column order, quoted names.</summary>
    public string ToCsv(string? exchange = null)
    {
        var sb = new StringBuilder(_all.Count * 80);
        sb.Append(Header).Append('\n');
        foreach (var i in _all)
        {
            if (exchange is not null && !string.Equals(i.Exchange, exchange, StringComparison.OrdinalIgnoreCase)) continue;
            sb.Append(i.InstrumentToken.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(i.ExchangeToken.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(i.Tradingsymbol).Append(',')
              .Append('"').Append(i.Name).Append('"').Append(',')
              .Append('0').Append(',')
              .Append(i.Expiry?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "").Append(',')
              .Append(i.Strike.ToString("0.##", CultureInfo.InvariantCulture)).Append(',')
              .Append(i.TickSize.ToString("0.####", CultureInfo.InvariantCulture)).Append(',')
              .Append(i.LotSize.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(i.InstrumentType).Append(',')
              .Append(i.Segment).Append(',')
              .Append(i.Exchange).Append('\n');
        }
        return sb.ToString();
    }

    public bool HasExchange(string exchange) => _all.Any(i => string.Equals(i.Exchange, exchange, StringComparison.OrdinalIgnoreCase));

    private void Add(SimInstrument i)
    {
        _all.Add(i);
        _byToken[i.InstrumentToken] = i;
        _byKey[i.QuoteKey] = i;
    }
}
