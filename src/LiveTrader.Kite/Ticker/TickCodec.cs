using System.Buffers.Binary;

namespace LiveTrader.Kite.Ticker;

/// <summary>Counts from decoding one binary frame.</summary>
public readonly record struct FrameParseResult(int Ticks, int SkippedPackets, bool Malformed, bool Heartbeat);

/// <summary>
/// Decoder (and encoder, for simulators and tests) of Kite's binary ticker frames (kite-protocol.md §6.3–6.5).
/// All integers are big-endian. Decoding never allocates: it writes into caller-provided spans.
/// </summary>
public static class TickCodec
{
    public const int LtpPacketSize = 8;
    public const int IndexQuotePacketSize = 28;
    public const int IndexFullPacketSize = 32;
    public const int QuotePacketSize = 44;
    public const int FullPacketSize = 184;
    public const int IndexSegment = 9;

    public static long DivisorForSegment(int segment) => segment switch
    {
        3 => 10_000_000L, // CDS (NSE currency)
        6 => 10_000L,     // BCD (BSE currency)
        _ => 100L,
    };

    /// <summary>
    /// Number of packets announced by a frame, or 0 for heartbeats (frames shorter than 2 bytes).
    /// </summary>
    public static int PacketCount(ReadOnlySpan<byte> frame) =>
        frame.Length < 2 ? 0 : BinaryPrimitives.ReadUInt16BigEndian(frame);

    /// <summary>
    /// Decodes a whole frame (<c>[uint16 N] then N × [uint16 len][len bytes]</c>) into <paramref name="destination"/>.
    /// Packets of unknown length are skipped and counted; a truncated frame stops decoding and is reported as
    /// malformed (the ticks decoded before the damage are kept). Ticks beyond the destination's capacity are
    /// counted as skipped. A frame of fewer than 2 bytes is a heartbeat.
    /// </summary>
    public static FrameParseResult ParseFrame(ReadOnlySpan<byte> frame, Span<KiteTick> destination)
    {
        if (frame.Length < 2)
            return new FrameParseResult(0, 0, false, Heartbeat: true);

        int count = BinaryPrimitives.ReadUInt16BigEndian(frame);
        int offset = 2, written = 0, skipped = 0;
        for (int i = 0; i < count; i++)
        {
            if (offset + 2 > frame.Length)
                return new FrameParseResult(written, skipped + (count - i), true, false);
            int length = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
            offset += 2;
            if (offset + length > frame.Length)
                return new FrameParseResult(written, skipped + (count - i), true, false);
            var packet = frame.Slice(offset, length);
            offset += length;
            if (written < destination.Length && TryParsePacket(packet, out destination[written]))
                written++;
            else
                skipped++;
        }
        return new FrameParseResult(written, skipped, false, false);
    }

    /// <summary>
    /// Decodes one bare packet, dispatching on its length only (8 ltp, 28 index quote, 32 index full,
    /// 44 quote, 184 full). Returns false for any other length.
    /// </summary>
    public static bool TryParsePacket(ReadOnlySpan<byte> p, out KiteTick tick)
    {
        tick = default;
        switch (p.Length)
        {
            case LtpPacketSize:
                tick.InstrumentToken = U32(p, 0);
                tick.Mode = TickMode.Ltp;
                tick.Tradable = (tick.InstrumentToken & 0xFF) != IndexSegment;
                tick.RawLastPrice = U32(p, 4);
                return true;

            case IndexQuotePacketSize:
            case IndexFullPacketSize:
                tick.InstrumentToken = U32(p, 0);
                tick.Mode = p.Length == IndexFullPacketSize ? TickMode.Full : TickMode.Quote;
                tick.Tradable = false;
                tick.RawLastPrice = U32(p, 4);
                tick.RawHigh = U32(p, 8);
                tick.RawLow = U32(p, 12);
                tick.RawOpen = U32(p, 16);
                tick.RawClose = U32(p, 20);
                tick.RawIndexChange = BinaryPrimitives.ReadInt32BigEndian(p[24..]);
                if (p.Length == IndexFullPacketSize)
                    tick.ExchangeTimestampUnix = U32(p, 28);
                return true;

            case QuotePacketSize:
            case FullPacketSize:
                tick.InstrumentToken = U32(p, 0);
                tick.Mode = p.Length == FullPacketSize ? TickMode.Full : TickMode.Quote;
                tick.Tradable = (tick.InstrumentToken & 0xFF) != IndexSegment;
                tick.RawLastPrice = U32(p, 4);
                tick.LastTradedQuantity = U32(p, 8);
                tick.RawAveragePrice = U32(p, 12);
                tick.Volume = U32(p, 16);
                tick.TotalBuyQuantity = U32(p, 20);
                tick.TotalSellQuantity = U32(p, 24);
                tick.RawOpen = U32(p, 28);
                tick.RawHigh = U32(p, 32);
                tick.RawLow = U32(p, 36);
                tick.RawClose = U32(p, 40);
                if (p.Length == FullPacketSize)
                {
                    tick.LastTradeTimeUnix = U32(p, 44);
                    tick.OpenInterest = U32(p, 48);
                    tick.OpenInterestDayHigh = U32(p, 52);
                    tick.OpenInterestDayLow = U32(p, 56);
                    tick.ExchangeTimestampUnix = U32(p, 60);
                    tick.DepthCount = 5;
                    for (int i = 0; i < 5; i++)
                    {
                        tick.Bids[i] = Depth(p, 64 + i * 12);
                        tick.Offers[i] = Depth(p, 124 + i * 12);
                    }
                }
                return true;

            default:
                return false;
        }
    }

    /// <summary>Size in bytes of the packet <see cref="WritePacket"/> produces for this tick.</summary>
    public static int PacketSize(in KiteTick tick) => tick.Mode switch
    {
        TickMode.Ltp => LtpPacketSize,
        TickMode.Quote => tick.Segment == IndexSegment ? IndexQuotePacketSize : QuotePacketSize,
        _ => tick.Segment == IndexSegment ? IndexFullPacketSize : FullPacketSize,
    };

    /// <summary>Encodes one bare packet (layout chosen from mode and segment). Returns bytes written.</summary>
    public static int WritePacket(in KiteTick t, Span<byte> d)
    {
        int size = PacketSize(t);
        if (d.Length < size) throw new ArgumentException("Destination too small.", nameof(d));
        d[..size].Clear();
        W(d, 0, t.InstrumentToken);
        W(d, 4, t.RawLastPrice);
        if (size == LtpPacketSize) return size;
        if (size is IndexQuotePacketSize or IndexFullPacketSize)
        {
            W(d, 8, t.RawHigh);
            W(d, 12, t.RawLow);
            W(d, 16, t.RawOpen);
            W(d, 20, t.RawClose);
            BinaryPrimitives.WriteInt32BigEndian(d[24..], t.RawIndexChange);
            if (size == IndexFullPacketSize) W(d, 28, t.ExchangeTimestampUnix);
            return size;
        }
        W(d, 8, t.LastTradedQuantity);
        W(d, 12, t.RawAveragePrice);
        W(d, 16, t.Volume);
        W(d, 20, t.TotalBuyQuantity);
        W(d, 24, t.TotalSellQuantity);
        W(d, 28, t.RawOpen);
        W(d, 32, t.RawHigh);
        W(d, 36, t.RawLow);
        W(d, 40, t.RawClose);
        if (size == QuotePacketSize) return size;
        W(d, 44, t.LastTradeTimeUnix);
        W(d, 48, t.OpenInterest);
        W(d, 52, t.OpenInterestDayHigh);
        W(d, 56, t.OpenInterestDayLow);
        W(d, 60, t.ExchangeTimestampUnix);
        for (int i = 0; i < 5; i++)
        {
            WriteDepth(d, 64 + i * 12, t.Bids[i]);
            WriteDepth(d, 124 + i * 12, t.Offers[i]);
        }
        return size;
    }

    /// <summary>Encodes a framed message holding all <paramref name="ticks"/>. Returns bytes written.</summary>
    public static int WriteFrame(ReadOnlySpan<KiteTick> ticks, Span<byte> d)
    {
        BinaryPrimitives.WriteUInt16BigEndian(d, checked((ushort)ticks.Length));
        int offset = 2;
        foreach (ref readonly var t in ticks)
        {
            int size = WritePacket(t, d[(offset + 2)..]);
            BinaryPrimitives.WriteUInt16BigEndian(d[offset..], (ushort)size);
            offset += 2 + size;
        }
        return offset;
    }

    /// <summary>Bytes needed by <see cref="WriteFrame"/>.</summary>
    public static int FrameSize(ReadOnlySpan<KiteTick> ticks)
    {
        int size = 2;
        foreach (ref readonly var t in ticks) size += 2 + PacketSize(t);
        return size;
    }

    private static uint U32(ReadOnlySpan<byte> p, int offset) => BinaryPrimitives.ReadUInt32BigEndian(p[offset..]);

    private static void W(Span<byte> d, int offset, uint value) => BinaryPrimitives.WriteUInt32BigEndian(d[offset..], value);

    private static DepthLevel Depth(ReadOnlySpan<byte> p, int offset) => new(
        U32(p, offset),
        U32(p, offset + 4),
        BinaryPrimitives.ReadUInt16BigEndian(p[(offset + 8)..]));

    private static void WriteDepth(Span<byte> d, int offset, DepthLevel level)
    {
        W(d, offset, level.Quantity);
        W(d, offset + 4, level.RawPrice);
        BinaryPrimitives.WriteUInt16BigEndian(d[(offset + 8)..], level.Orders);
    }
}
