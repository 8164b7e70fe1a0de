using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using LiveTrader.Kite.Ticker;

namespace LiveTrader.Bench;

/// <summary>
/// Ticker decode throughput: full-mode (184-byte) packets per second through <see cref="TickCodec.ParseFrame"/> on
/// one thread. The input is <see cref="FrameCount"/> frames of <see cref="PacketsPerFrame"/> full packets each, built
/// with the codec's own encoder from varied NFO option ticks; the decode target is one reused tick array, as a ticker
/// loop would hold it. One operation = one packet (OperationsPerInvoke), so "Mean" is ns per packet.
/// The same frames go to a file (<see cref="WriteFramesFile"/>) for the official JS parser (bench/kite-js-decode.js).
/// </summary>
[MemoryDiagnoser]
public class TickCodecBenchmarks
{
    public const int PacketsPerFrame = 100;
    public const int FrameCount = 64;   // 64 × 18,602 B ≈ 1.2 MB of frames: larger than L2, so not one hot frame
    public const int Packets = PacketsPerFrame * FrameCount;

    private byte[][] frames = null!;
    private KiteTick[] ticks = null!;

    [GlobalSetup]
    public void Setup()
    {
        frames = BuildFrames();
        ticks = new KiteTick[PacketsPerFrame];
        // sanity: every packet decodes, nothing skipped
        foreach (var f in frames)
        {
            var r = TickCodec.ParseFrame(f, ticks);
            if (r.Ticks != PacketsPerFrame || r.SkippedPackets != 0 || r.Malformed)
                throw new InvalidOperationException($"frame did not decode cleanly: {r}");
        }
    }

    [Benchmark(Description = "ParseFrame, full 184-byte packets, 100/frame", OperationsPerInvoke = Packets)]
    public long ParseFullFrames()
    {
        long sum = 0;
        var dest = ticks.AsSpan();
        foreach (var f in frames)
        {
            var r = TickCodec.ParseFrame(f, dest);
            sum += r.Ticks + dest[r.Ticks - 1].RawLastPrice;   // keep the result observable
        }
        return sum;
    }

    /// <summary>The benchmark's frames: deterministic (fixed seed) full-mode ticks of NIFTY options (segment 2).</summary>
    public static byte[][] BuildFrames()
    {
        var rng = new Random(20260304);
        var result = new byte[FrameCount][];
        var batch = new KiteTick[PacketsPerFrame];
        for (int f = 0; f < FrameCount; f++)
        {
            for (int i = 0; i < PacketsPerFrame; i++)
            {
                uint ltp = (uint)rng.Next(500, 90_000) * 5;   // paise on the 0.05 grid
                var t = new KiteTick
                {
                    InstrumentToken = (uint)(42_000 + f * PacketsPerFrame + i) << 8 | 2,
                    Mode = TickMode.Full,
                    Tradable = true,
                    RawLastPrice = ltp,
                    LastTradedQuantity = (uint)rng.Next(1, 20) * 65,
                    RawAveragePrice = ltp + (uint)rng.Next(0, 200) * 5,
                    Volume = (uint)rng.Next(0, 50_000_000),
                    TotalBuyQuantity = (uint)rng.Next(0, 5_000_000),
                    TotalSellQuantity = (uint)rng.Next(0, 5_000_000),
                    RawOpen = ltp + 500,
                    RawHigh = ltp + 1_500,
                    RawLow = ltp - Math.Min(ltp - 5, 1_000),
                    RawClose = ltp + 250,
                    LastTradeTimeUnix = 1_772_595_900 + (uint)rng.Next(0, 22_500),
                    OpenInterest = (uint)rng.Next(0, 20_000_000),
                    OpenInterestDayHigh = (uint)rng.Next(20_000_000, 25_000_000),
                    OpenInterestDayLow = (uint)rng.Next(0, 1_000_000),
                    ExchangeTimestampUnix = 1_772_595_900 + (uint)rng.Next(0, 22_500),
                    DepthCount = 5,
                };
                for (int l = 0; l < 5; l++)
                {
                    t.Bids[l] = new DepthLevel((uint)rng.Next(1, 100) * 65, ltp - 5 * (uint)(l + 1), (ushort)rng.Next(1, 40));
                    t.Offers[l] = new DepthLevel((uint)rng.Next(1, 100) * 65, ltp + 5 * (uint)(l + 1), (ushort)rng.Next(1, 40));
                }
                batch[i] = t;
            }
            var frame = new byte[TickCodec.FrameSize(batch)];
            TickCodec.WriteFrame(batch, frame);
            result[f] = frame;
        }
        return result;
    }

    /// <summary>Writes the frames as records <c>[uint32 big-endian length][frame]</c>.</summary>
    public static void WriteFramesFile(string path)
    {
        using var file = File.Create(path);
        Span<byte> len = stackalloc byte[4];
        foreach (var f in BuildFrames())
        {
            BinaryPrimitives.WriteUInt32BigEndian(len, (uint)f.Length);
            file.Write(len);
            file.Write(f);
        }
    }
}
