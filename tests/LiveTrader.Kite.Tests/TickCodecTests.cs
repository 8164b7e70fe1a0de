using System.Buffers.Binary;
using LiveTrader.Kite.Ticker;

namespace LiveTrader.Kite.Tests;

/// <summary>Protocol test vectors of kite-protocol.md §6.9 and codec properties.</summary>
public class TickCodecTests
{
    // kiteconnect-mocks ticker_quote.packet / ticker_full.packet (base64 of bare packets, no frame header).
    private const string MocksQuotePacket = "AAY6AQACZoMAAAABAAJlaQAR8bIAA+n/AAWANwACZPMAAmc8AAJhyQACZGw=";
    private const string MocksFullPacket =
        "AAY6AQACZroAAAAHAAJlbQASMhcAA+m7AAWKAQACZPMAAmc8AAJhyQACZGxg4pR/AAAAAAAAAAAAAAAAYOKUfwAAAAUAAmacAAEAAAAAAIwAAmZ0AAIAAAAAAAIAAmZvAAEAAAAAANsAAmZqAAcAAAAAADIAAmZlAAEAAAAAAKwAAma6AAMAAAAAACwAAma/AAMAAAAAAS4AAmbJAAMAAAAAAI0AAmbOAAIAAAAAAtQAAmbTAAUAAA==";

    [Fact]
    public void Mocks_quote_packet_decodes_to_documented_values()
    {
        var bytes = Convert.FromBase64String(MocksQuotePacket);
        Assert.Equal(44, bytes.Length);
        Assert.True(TickCodec.TryParsePacket(bytes, out var t));
        Assert.Equal(TickMode.Quote, t.Mode);
        Assert.Equal(408065u, t.InstrumentToken);
        Assert.Equal(1, t.Segment);
        Assert.Equal(1594u, t.ExchangeToken);
        Assert.True(t.Tradable);
        Assert.Equal(157315u, t.RawLastPrice);
        Assert.Equal(1573.15m, t.LastPrice);
        Assert.Equal(1u, t.LastTradedQuantity);
        Assert.Equal(1570.33m, t.ToPrice(t.RawAveragePrice));
        Assert.Equal(1175986u, t.Volume);
        Assert.Equal(256511u, t.TotalBuyQuantity);
        Assert.Equal(360503u, t.TotalSellQuantity);
        Assert.Equal(1569.15m, t.ToPrice(t.RawOpen));
        Assert.Equal(1575m, t.ToPrice(t.RawHigh));
        Assert.Equal(1561.05m, t.ToPrice(t.RawLow));
        Assert.Equal(1567.8m, t.ToPrice(t.RawClose));
        Assert.Equal(0, t.DepthCount);
        Assert.Null(t.ExchangeTimestamp);
    }

    [Fact]
    public void Mocks_full_packet_decodes_to_documented_values()
    {
        var bytes = Convert.FromBase64String(MocksFullPacket);
        Assert.Equal(184, bytes.Length);
        Assert.True(TickCodec.TryParsePacket(bytes, out var t));
        Assert.Equal(TickMode.Full, t.Mode);
        Assert.Equal(408065u, t.InstrumentToken);
        Assert.Equal(1573.70m, t.LastPrice);
        Assert.Equal(7u, t.LastTradedQuantity);
        Assert.Equal(1570.37m, t.ToPrice(t.RawAveragePrice));
        Assert.Equal(1192471u, t.Volume);
        Assert.Equal(256443u, t.TotalBuyQuantity);
        Assert.Equal(363009u, t.TotalSellQuantity);
        Assert.Equal(1569.15m, t.ToPrice(t.RawOpen));
        Assert.Equal(1575m, t.ToPrice(t.RawHigh));
        Assert.Equal(1561.05m, t.ToPrice(t.RawLow));
        Assert.Equal(1567.8m, t.ToPrice(t.RawClose));
        Assert.Equal(1625461887u, t.LastTradeTimeUnix);
        Assert.Equal(1625461887u, t.ExchangeTimestampUnix);
        Assert.Equal(new DateTimeOffset(2021, 7, 5, 5, 11, 27, TimeSpan.Zero), t.ExchangeTimestamp);
        Assert.Equal(0u, t.OpenInterest);
        Assert.Equal(0u, t.OpenInterestDayHigh);
        Assert.Equal(0u, t.OpenInterestDayLow);
        Assert.Equal(5, t.DepthCount);
        (uint q, decimal p, ushort o)[] bids = [(5, 1573.40m, 1), (140, 1573.00m, 2), (2, 1572.95m, 1), (219, 1572.90m, 7), (50, 1572.85m, 1)];
        (uint q, decimal p, ushort o)[] offers = [(172, 1573.70m, 3), (44, 1573.75m, 3), (302, 1573.85m, 3), (141, 1573.90m, 2), (724, 1573.95m, 5)];
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(bids[i], (t.Bids[i].Quantity, t.ToPrice(t.Bids[i].RawPrice), t.Bids[i].Orders));
            Assert.Equal(offers[i], (t.Offers[i].Quantity, t.ToPrice(t.Offers[i].RawPrice), t.Offers[i].Orders));
        }
        // GO ticker_test asserts NetChange 5.9 = ltp - close.
        Assert.Equal(5.9m, t.LastPrice - t.ToPrice(t.RawClose));
    }

    [Fact]
    public void Js_ltp_framed_packet_decodes()
    {
        byte[] frame = [0x00, 0x01, 0x00, 0x08, 0x00, 0x0D, 0x80, 0x01, 0x00, 0x00, 0x99, 0x7F];
        var ticks = new KiteTick[4];
        var r = TickCodec.ParseFrame(frame, ticks);
        Assert.Equal(new FrameParseResult(1, 0, false, false), r);
        Assert.Equal(884737u, ticks[0].InstrumentToken);
        Assert.Equal(TickMode.Ltp, ticks[0].Mode);
        Assert.Equal(392.95m, ticks[0].LastPrice);
        Assert.True(ticks[0].Tradable);
    }

    // kiteconnectjs quoteMode_binary.packet (48 B) / fullMode_binary.packet (188 B) are raw binary files that are not
    // available offline; these frames are rebuilt byte-for-byte from the values §6.9 documents for them (fields the
    // spec does not list are zero), so layout, framing and sizes are checked against the same numbers.
    private static byte[] JsFramedPacket(int packetSize)
    {
        var frame = new byte[4 + packetSize];
        BinaryPrimitives.WriteUInt16BigEndian(frame, 1);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)packetSize);
        var p = frame.AsSpan(4);
        BinaryPrimitives.WriteUInt32BigEndian(p[0..], 884737);
        BinaryPrimitives.WriteUInt32BigEndian(p[4..], 39295);
        BinaryPrimitives.WriteUInt32BigEndian(p[16..], 22261032);
        BinaryPrimitives.WriteUInt32BigEndian(p[28..], 42000);
        BinaryPrimitives.WriteUInt32BigEndian(p[32..], 42090);
        BinaryPrimitives.WriteUInt32BigEndian(p[36..], 39010);
        BinaryPrimitives.WriteUInt32BigEndian(p[40..], 41410);
        if (packetSize == 184)
        {
            BinaryPrimitives.WriteUInt32BigEndian(p[44..], 1655375264);
            BinaryPrimitives.WriteUInt32BigEndian(p[60..], 1655378328);
            BinaryPrimitives.WriteUInt32BigEndian(p[64..], 5617);
            BinaryPrimitives.WriteUInt32BigEndian(p[68..], 39295);
            BinaryPrimitives.WriteUInt16BigEndian(p[72..], 30);
        }
        return frame;
    }

    [Fact]
    public void Js_quote_framed_packet_decodes()
    {
        var frame = JsFramedPacket(44);
        Assert.Equal(48, frame.Length);
        var ticks = new KiteTick[1];
        Assert.Equal(1, TickCodec.ParseFrame(frame, ticks).Ticks);
        var t = ticks[0];
        Assert.Equal(TickMode.Quote, t.Mode);
        Assert.Equal(884737u, t.InstrumentToken);
        Assert.Equal(392.95m, t.LastPrice);
        Assert.Equal(22261032u, t.Volume);
        Assert.Equal((420m, 420.9m, 390.1m, 414.1m), (t.ToPrice(t.RawOpen), t.ToPrice(t.RawHigh), t.ToPrice(t.RawLow), t.ToPrice(t.RawClose)));
    }

    [Fact]
    public void Js_full_framed_packet_decodes()
    {
        var frame = JsFramedPacket(184);
        Assert.Equal(188, frame.Length);
        var ticks = new KiteTick[1];
        Assert.Equal(1, TickCodec.ParseFrame(frame, ticks).Ticks);
        var t = ticks[0];
        Assert.Equal(TickMode.Full, t.Mode);
        Assert.Equal(22261032u, t.Volume);
        Assert.Equal(1655375264u, t.LastTradeTimeUnix);
        Assert.Equal(1655378328u, t.ExchangeTimestampUnix);
        Assert.Equal(new DepthLevel(5617, 39295, 30), t.Bids[0]);
        Assert.Equal(392.95m, t.ToPrice(t.Bids[0].RawPrice));
    }

    [Fact]
    public void Index_quote_28_bytes_uses_high_low_open_close_order()
    {
        var p = new byte[28];
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(0), 256265);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(4), 2_400_050);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(8), 2_410_000);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(12), 2_390_000);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(16), 2_395_000);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(20), 2_380_000);
        BinaryPrimitives.WriteInt32BigEndian(p.AsSpan(24), -150);
        Assert.True(TickCodec.TryParsePacket(p, out var t));
        Assert.False(t.Tradable);
        Assert.Equal(TickMode.Quote, t.Mode);
        Assert.Equal(9, t.Segment);
        Assert.Equal(24000.50m, t.LastPrice);
        Assert.Equal(24100m, t.ToPrice(t.RawHigh));
        Assert.Equal(23900m, t.ToPrice(t.RawLow));
        Assert.Equal(23950m, t.ToPrice(t.RawOpen));
        Assert.Equal(23800m, t.ToPrice(t.RawClose));
        Assert.Equal(-150, t.RawIndexChange);
        Assert.Null(t.ExchangeTimestamp);
    }

    [Fact]
    public void Index_full_32_bytes_has_exchange_timestamp()
    {
        var p = new byte[32];
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(0), 256265);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(4), 2_400_050);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(28), 1625461887);
        Assert.True(TickCodec.TryParsePacket(p, out var t));
        Assert.False(t.Tradable);
        Assert.Equal(TickMode.Full, t.Mode);
        Assert.Equal(1625461887u, t.ExchangeTimestampUnix);
        Assert.Equal(0, t.DepthCount);
    }

    [Fact]
    public void Index_in_ltp_mode_is_an_8_byte_packet_and_not_tradable()
    {
        var p = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(0), 265); // SENSEX: 1*256 + 9
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(4), 8_000_000);
        Assert.True(TickCodec.TryParsePacket(p, out var t));
        Assert.False(t.Tradable);
        Assert.Equal(80000m, t.LastPrice);
    }

    [Theory]
    [InlineData(3u, 727550000u, "72.755")]   // CDS: 1e7
    [InlineData(6u, 727550u, "72.755")]      // BCD: 1e4
    [InlineData(2u, 39295u, "392.95")]       // NFO: 100
    public void Currency_segments_use_their_own_divisor(uint segment, uint raw, string expected)
    {
        var p = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(0), (1234u << 8) | segment);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(4), raw);
        Assert.True(TickCodec.TryParsePacket(p, out var t));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), t.LastPrice);
    }

    [Fact]
    public void Mixed_frame_with_every_packet_size_decodes_in_order()
    {
        var ticks = new KiteTick[]
        {
            Random(new Random(1), TickMode.Ltp, 408065),
            Random(new Random(2), TickMode.Quote, 256265),
            Random(new Random(3), TickMode.Full, 260105),
            Random(new Random(4), TickMode.Quote, 408065),
            Random(new Random(5), TickMode.Full, 10967554),
        };
        var frame = new byte[TickCodec.FrameSize(ticks)];
        Assert.Equal(2 + 5 * 2 + 8 + 28 + 32 + 44 + 184, frame.Length);
        TickCodec.WriteFrame(ticks, frame);
        var decoded = new KiteTick[8];
        var r = TickCodec.ParseFrame(frame, decoded);
        Assert.Equal(5, r.Ticks);
        for (int i = 0; i < 5; i++) AssertSame(ticks[i], decoded[i]);
    }

    [Fact]
    public void Heartbeat_and_garbage_never_throw()
    {
        var dest = new KiteTick[4];
        Assert.True(TickCodec.ParseFrame([0x00], dest).Heartbeat);
        Assert.True(TickCodec.ParseFrame([], dest).Heartbeat);
        // Announces 3 packets but holds one and a truncated length.
        byte[] truncated = [0x00, 0x03, 0x00, 0x08, 0, 0, 1, 1, 0, 0, 0, 5, 0x00];
        var r = TickCodec.ParseFrame(truncated, dest);
        Assert.True(r.Malformed);
        Assert.Equal(1, r.Ticks);
        // Unknown packet length is skipped; following packets still decode.
        byte[] unknown = [0x00, 0x02, 0x00, 0x03, 1, 2, 3, 0x00, 0x08, 0, 0, 1, 1, 0, 0, 0, 5];
        r = TickCodec.ParseFrame(unknown, dest);
        Assert.Equal(new FrameParseResult(1, 1, false, false), r);
        Assert.Equal(257u, dest[0].InstrumentToken);
        var rng = new Random(42);
        var junk = new byte[300];
        for (int i = 0; i < 2000; i++)
        {
            rng.NextBytes(junk);
            TickCodec.ParseFrame(junk.AsSpan(0, rng.Next(junk.Length)), dest);
        }
    }

    [Fact]
    public void Random_ticks_round_trip_through_encoder_and_decoder()
    {
        var rng = new Random(20260101);
        var buffer = new byte[TickCodec.FullPacketSize];
        uint[] tokens = [408065, 256265, 10967554, 280510214, 727555 << 8 | 3];
        for (int i = 0; i < 5000; i++)
        {
            var mode = (TickMode)rng.Next(3);
            var tick = Random(rng, mode, tokens[rng.Next(tokens.Length)]);
            int n = TickCodec.WritePacket(tick, buffer);
            Assert.True(TickCodec.TryParsePacket(buffer.AsSpan(0, n), out var back));
            AssertSame(tick, back);
        }
    }

    [Fact]
    public void Parsing_does_not_allocate_per_tick()
    {
        var ticks = new KiteTick[50];
        var rng = new Random(7);
        for (int i = 0; i < ticks.Length; i++) ticks[i] = Random(rng, (TickMode)(i % 3), i % 2 == 0 ? 408065u : 256265u);
        var frame = new byte[TickCodec.FrameSize(ticks)];
        TickCodec.WriteFrame(ticks, frame);
        var dest = new KiteTick[64];
        TickCodec.ParseFrame(frame, dest); // warm up (JIT)

        long before = GC.GetAllocatedBytesForCurrentThread();
        int total = 0;
        for (int i = 0; i < 10_000; i++) total += TickCodec.ParseFrame(frame, dest).Ticks;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(500_000, total);
        Assert.Equal(0, allocated);
    }

    internal static KiteTick Random(Random rng, TickMode mode, uint token)
    {
        var t = new KiteTick { InstrumentToken = token, Mode = mode, Tradable = (token & 0xFF) != 9, RawLastPrice = (uint)rng.Next() };
        if (mode == TickMode.Ltp) return t;
        t.RawOpen = (uint)rng.Next(); t.RawHigh = (uint)rng.Next(); t.RawLow = (uint)rng.Next(); t.RawClose = (uint)rng.Next();
        if (!t.Tradable)
        {
            t.RawIndexChange = rng.Next(int.MinValue, int.MaxValue);
            if (mode == TickMode.Full) t.ExchangeTimestampUnix = (uint)rng.Next();
            return t;
        }
        t.LastTradedQuantity = (uint)rng.Next(); t.RawAveragePrice = (uint)rng.Next(); t.Volume = uint.MaxValue - (uint)rng.Next();
        t.TotalBuyQuantity = (uint)rng.Next(); t.TotalSellQuantity = (uint)rng.Next();
        if (mode == TickMode.Quote) return t;
        t.LastTradeTimeUnix = (uint)rng.Next(); t.OpenInterest = (uint)rng.Next(); t.OpenInterestDayHigh = (uint)rng.Next();
        t.OpenInterestDayLow = (uint)rng.Next(); t.ExchangeTimestampUnix = (uint)rng.Next(); t.DepthCount = 5;
        for (int i = 0; i < 5; i++)
        {
            t.Bids[i] = new DepthLevel((uint)rng.Next(), (uint)rng.Next(), (ushort)rng.Next(ushort.MaxValue));
            t.Offers[i] = new DepthLevel((uint)rng.Next(), (uint)rng.Next(), (ushort)rng.Next(ushort.MaxValue));
        }
        return t;
    }

    internal static void AssertSame(KiteTick expected, KiteTick actual)
    {
        Assert.Equal(expected.InstrumentToken, actual.InstrumentToken);
        Assert.Equal(expected.Mode, actual.Mode);
        Assert.Equal(expected.Tradable, actual.Tradable);
        Assert.Equal(expected.RawLastPrice, actual.RawLastPrice);
        Assert.Equal(expected.LastTradedQuantity, actual.LastTradedQuantity);
        Assert.Equal(expected.RawAveragePrice, actual.RawAveragePrice);
        Assert.Equal(expected.Volume, actual.Volume);
        Assert.Equal(expected.TotalBuyQuantity, actual.TotalBuyQuantity);
        Assert.Equal(expected.TotalSellQuantity, actual.TotalSellQuantity);
        Assert.Equal((expected.RawOpen, expected.RawHigh, expected.RawLow, expected.RawClose), (actual.RawOpen, actual.RawHigh, actual.RawLow, actual.RawClose));
        Assert.Equal(expected.RawIndexChange, actual.RawIndexChange);
        Assert.Equal(expected.LastTradeTimeUnix, actual.LastTradeTimeUnix);
        Assert.Equal((expected.OpenInterest, expected.OpenInterestDayHigh, expected.OpenInterestDayLow), (actual.OpenInterest, actual.OpenInterestDayHigh, actual.OpenInterestDayLow));
        Assert.Equal(expected.ExchangeTimestampUnix, actual.ExchangeTimestampUnix);
        Assert.Equal(expected.DepthCount, actual.DepthCount);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(expected.Bids[i], actual.Bids[i]);
            Assert.Equal(expected.Offers[i], actual.Offers[i]);
        }
    }
}
