using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Paper;
using LiveTrader.Kite.Instruments;

namespace LiveTrader.Engine.Tests.Paper;

public sealed class DumpContractSelectorTests
{
    // Rows in the real dump's layout (kite-protocol.md section 2), two NIFTY expiries and a SENSEX one.
    private const string Dump = """
        instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,strike,tick_size,lot_size,instrument_type,segment,exchange
        256265,1001,NIFTY 50,"NIFTY 50",0,,0,0,0,EQ,INDICES,NSE
        10967554,42842,NIFTY2610625900CE,"NIFTY",0,2026-01-06,25900,0.05,65,CE,NFO-OPT,NFO
        10967810,42843,NIFTY2610626100PE,"NIFTY",0,2026-01-06,26100,0.05,65,PE,NFO-OPT,NFO
        10968066,42844,NIFTY2611325900CE,"NIFTY",0,2026-01-13,25900,0.05,65,CE,NFO-OPT,NFO
        13238786,51714,NIFTY26JANFUT,"NIFTY",0,2026-01-27,0,0.1,65,FUT,NFO-FUT,NFO
        221837573,866553,SENSEX2610884900CE,"SENSEX",0,2026-01-08,84900,0.05,20,CE,BFO-OPT,BFO
        """;

    private static readonly List<KiteInstrument> Instruments = InstrumentDump.Parse(new StringReader(Dump.Replace("\r", "")));

    private static SegmentSettings Nifty => new() { Exchange = "NFO", LotSize = 75, StrikeStep = 50, ItmOffsetPoints = 100, TickSize = 0.05m };

    private static DateTimeOffset At(int month, int day, int h, int m) => Ist.At(new DateOnly(2026, month, day), new TimeOnly(h, m));

    [Fact]
    public void Picks_the_itm_strike_on_the_nearest_expiry_with_the_dump_lot_size_and_token()
    {
        var selector = new DumpContractSelector(Segment.NIFTY, Nifty, Instruments);

        var ce = selector.Select(OptionType.CE, 26010m, At(1, 5, 10, 0), out var why);

        Assert.Null(why);
        Assert.Equal("NIFTY2610625900CE", ce!.TradingSymbol);
        Assert.Equal((new DateOnly(2026, 1, 6), 25900m, 65, 10967554u, "NFO"), (ce.Expiry, ce.Strike, ce.LotSize, ce.InstrumentToken, ce.Exchange));

        var pe = selector.Select(OptionType.PE, 26010m, At(1, 5, 10, 0), out _);
        Assert.Equal("NIFTY2610626100PE", pe!.TradingSymbol);
    }

    [Fact]
    public void Expiry_day_still_trades_its_own_expiry_and_the_next_day_moves_on()
    {
        var selector = new DumpContractSelector(Segment.NIFTY, Nifty, Instruments);

        Assert.Equal(new DateOnly(2026, 1, 6), selector.Select(OptionType.CE, 26000m, At(1, 6, 15, 0), out _)!.Expiry);
        Assert.Equal(new DateOnly(2026, 1, 13), selector.Select(OptionType.CE, 26000m, At(1, 7, 9, 30), out _)!.Expiry);
    }

    [Fact]
    public void A_strike_the_dump_lacks_is_refused_with_what_was_looked_for()
    {
        var selector = new DumpContractSelector(Segment.NIFTY, Nifty, Instruments);

        Assert.Null(selector.Select(OptionType.CE, 27000m, At(1, 5, 10, 0), out var why));
        Assert.Equal("the instrument dump has no NIFTY 2026-01-06 26900 CE", why);
        Assert.Null(selector.Select(OptionType.CE, 26000m, At(1, 20, 10, 0), out why));
        Assert.Contains("no NIFTY option expiring on or after 2026-01-20", why);
    }

    [Fact]
    public void Only_the_segment_own_options_on_its_exchange_are_candidates()
    {
        var sensex = new DumpContractSelector(Segment.SENSEX,
            new SegmentSettings { Exchange = "BFO", LotSize = 20, StrikeStep = 100, ItmOffsetPoints = 100 }, Instruments);

        Assert.Equal(1, sensex.OptionCount);
        var ce = sensex.Select(OptionType.CE, 84980m, At(1, 7, 11, 0), out _);
        Assert.Equal(("SENSEX2610884900CE", "BFO", 20), (ce!.TradingSymbol, ce.Exchange, ce.LotSize));
    }
}
