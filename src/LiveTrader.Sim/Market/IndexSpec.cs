using LiveTrader.Core.Market;

namespace LiveTrader.Sim.Market;

/// <summary>Static facts about one simulated index and its derivatives (kite-protocol.md §2, DECISIONS.md
/// "Instruments and lots").</summary>
public sealed record IndexSpec(
    Segment Segment,
    string Tradingsymbol,
    string Exchange,
    uint ExchangeToken,
    string DerivativeExchange,
    int DerivativeSegmentId,
    decimal StrikeStep,
    decimal FuturesTick,
    double DefaultLevel,
    double AtmVolatility)
{
    /// <summary>Index instrument token: exchange_token·256 + 9 (indices segment).</summary>
    public uint InstrumentToken => ExchangeToken * 256 + 9;

    /// <summary>The quote key, e.g. <c>NSE:NIFTY 50</c>.</summary>
    public string QuoteKey => Exchange + ":" + Tradingsymbol;

    /// <summary>The dump's <c>name</c> column for derivatives.</summary>
    public string UnderlyingName => Segment.ToString();

    public static readonly IndexSpec Nifty = new(Segment.NIFTY, "NIFTY 50", "NSE", 1001, "NFO", 2, 50m, 0.1m, 24000, 0.11);
    public static readonly IndexSpec BankNifty = new(Segment.BANKNIFTY, "NIFTY BANK", "NSE", 1016, "NFO", 2, 100m, 0.2m, 52000, 0.13);
    public static readonly IndexSpec Sensex = new(Segment.SENSEX, "SENSEX", "BSE", 1, "BFO", 5, 100m, 0.05m, 79000, 0.12);

    public static IReadOnlyList<IndexSpec> All { get; } = [Nifty, BankNifty, Sensex];

    public static IndexSpec For(Segment segment) => All.First(s => s.Segment == segment);

    /// <summary>
    /// Exchange lot size in force on a trading day. From the January 2026 expiries NIFTY 65, BANKNIFTY 30, SENSEX 20
    /// (DECISIONS.md); during 2025 75/35/20; before the Nov 2024 revision 25/15/10. The older values are from memory
    /// and only matter for replays of old data.
    /// </summary>
    public int LotSize(DateOnly day) => (Segment, day) switch
    {
        (_, var d) when d >= new DateOnly(2026, 1, 1) => Segment switch { Segment.NIFTY => 65, Segment.BANKNIFTY => 30, _ => 20 },
        (_, var d) when d >= new DateOnly(2024, 11, 20) => Segment switch { Segment.NIFTY => 75, Segment.BANKNIFTY => 35, _ => 20 },
        _ => Segment switch { Segment.NIFTY => 25, Segment.BANKNIFTY => 15, _ => 10 },
    };
}
