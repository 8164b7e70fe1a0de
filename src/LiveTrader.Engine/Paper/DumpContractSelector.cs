using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Trading;
using LiveTrader.Kite.Instruments;

namespace LiveTrader.Engine.Paper;

/// <summary>Live instrument selection (DECISIONS.md "Instruments and lots"): the ITM strike on the
/// nearest expiry on or after today, taken from the day's Kite instrument dump, whose lot size, tick
/// size and token are authoritative.</summary>
public sealed class DumpContractSelector : IContractSelector
{
    private readonly Segment _segment;
    private readonly SegmentSettings _settings;
    private readonly Dictionary<(DateOnly Expiry, decimal Strike, OptionType Type), KiteInstrument> _options = [];
    private readonly List<DateOnly> _expiries;

    public DumpContractSelector(Segment segment, SegmentSettings settings, IEnumerable<KiteInstrument> dump)
    {
        _segment = segment;
        _settings = settings;
        var name = OptionSymbol.UnderlyingName(segment);
        foreach (var i in dump)
        {
            if (i.Expiry is not DateOnly expiry || i.Name != name || i.Exchange != settings.Exchange) continue;
            OptionType? type = i.InstrumentType switch { "CE" => OptionType.CE, "PE" => OptionType.PE, _ => null };
            if (type is OptionType t) _options[(expiry, i.Strike, t)] = i;
        }
        _expiries = _options.Keys.Select(k => k.Expiry).Distinct().Order().ToList();
    }

    public int OptionCount => _options.Count;

    public OptionContract? Select(OptionType type, decimal spot, DateTimeOffset time, out string? refusal)
    {
        var day = Ist.DayOf(time);
        var expiry = _expiries.FirstOrDefault(e => e > day || (e == day && Ist.TimeOf(time) < MarketHours.Close));
        if (expiry == default)
        {
            refusal = $"the instrument dump has no {OptionSymbol.UnderlyingName(_segment)} option expiring on or after {day:yyyy-MM-dd}";
            return null;
        }
        var strike = StrikeSelector.ItmStrike(spot, _settings, type);
        if (!_options.TryGetValue((expiry, strike, type), out var instrument))
        {
            refusal = $"the instrument dump has no {OptionSymbol.UnderlyingName(_segment)} {expiry:yyyy-MM-dd} {strike} {type}";
            return null;
        }
        refusal = null;
        return new OptionContract(_segment, expiry, strike, type, instrument.Tradingsymbol)
        {
            Exchange = instrument.Exchange,
            LotSize = instrument.LotSize,
            TickSize = instrument.TickSize > 0 ? instrument.TickSize : _settings.TickSize,
            InstrumentToken = instrument.InstrumentToken,
        };
    }
}
