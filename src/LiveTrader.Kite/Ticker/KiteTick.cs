using System.Runtime.CompilerServices;

namespace LiveTrader.Kite.Ticker;

/// <summary>Streaming mode of a ticker subscription (and of a decoded packet).</summary>
public enum TickMode : byte
{
    Ltp = 0,
    Quote = 1,
    Full = 2,
}

/// <summary>One level of market depth, exactly as on the wire (price in raw integer units; see <see cref="KiteTick.Divisor"/>).</summary>
public readonly record struct DepthLevel(uint Quantity, uint RawPrice, ushort Orders);

/// <summary>Five depth levels stored inline so a <see cref="KiteTick"/> never allocates.</summary>
[InlineArray(5)]
public struct DepthLevels
{
    private DepthLevel _element0;
}

/// <summary>
/// A decoded ticker packet. A plain value type with raw wire integers: prices stay as integers in the
/// exchange's minimum unit (paise for most segments; see <see cref="Divisor"/>) until a consumer converts them
/// with <see cref="ToPrice"/>. Timestamps are unix seconds (UTC); 0 means absent.
/// </summary>
public struct KiteTick
{
    public uint InstrumentToken;
    public TickMode Mode;
    /// <summary>False for indices (segment 9); their quote/full packets have a different layout and no depth.</summary>
    public bool Tradable;
    public uint RawLastPrice;
    public uint LastTradedQuantity;
    public uint RawAveragePrice;
    public uint Volume;
    public uint TotalBuyQuantity;
    public uint TotalSellQuantity;
    public uint RawOpen;
    public uint RawHigh;
    public uint RawLow;
    /// <summary>Previous day's close.</summary>
    public uint RawClose;
    /// <summary>Index packets only: bytes 24–28 ("price change"), semantics undocumented; raw, signed.</summary>
    public int RawIndexChange;
    public uint LastTradeTimeUnix;
    public uint OpenInterest;
    public uint OpenInterestDayHigh;
    public uint OpenInterestDayLow;
    public uint ExchangeTimestampUnix;
    /// <summary>Number of valid entries in <see cref="Bids"/>/<see cref="Offers"/> (5 for tradable full packets, else 0).</summary>
    public byte DepthCount;
    public DepthLevels Bids;
    public DepthLevels Offers;

    public readonly int Segment => (int)(InstrumentToken & 0xFF);
    public readonly uint ExchangeToken => InstrumentToken >> 8;

    /// <summary>Price divisor for this instrument's segment: 1e7 for CDS (3), 1e4 for BCD (6), else 100.</summary>
    public readonly long Divisor => TickCodec.DivisorForSegment(Segment);

    /// <summary>Converts a raw wire price of this instrument to a decimal price.</summary>
    public readonly decimal ToPrice(uint raw) => (decimal)raw / Divisor;

    public readonly decimal LastPrice => ToPrice(RawLastPrice);

    public readonly DateTimeOffset? ExchangeTimestamp =>
        ExchangeTimestampUnix == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(ExchangeTimestampUnix);

    public readonly DateTimeOffset? LastTradeTime =>
        LastTradeTimeUnix == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(LastTradeTimeUnix);
}
