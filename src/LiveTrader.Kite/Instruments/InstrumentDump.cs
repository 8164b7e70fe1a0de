using System.Globalization;
using System.IO.Compression;
using CsvHelper;
using CsvHelper.Configuration;

namespace LiveTrader.Kite.Instruments;

/// <summary>One row of the instruments dump (kite-protocol.md §2).</summary>
public sealed record KiteInstrument
{
    public uint InstrumentToken { get; init; }
    public uint ExchangeToken { get; init; }
    public string Tradingsymbol { get; init; } = "";
    public string Name { get; init; } = "";
    public decimal LastPrice { get; init; }
    public DateOnly? Expiry { get; init; }
    public decimal Strike { get; init; }
    public decimal TickSize { get; init; }
    public int LotSize { get; init; }
    /// <summary>EQ, FUT, CE, PE.</summary>
    public string InstrumentType { get; init; } = "";
    /// <summary>E.g. NSE, INDICES, NFO-OPT.</summary>
    public string Segment { get; init; } = "";
    public string Exchange { get; init; } = "";

    /// <summary>Ticker segment id (low byte of the token); 9 for indices.</summary>
    public int SegmentId => (int)(InstrumentToken & 0xFF);
}

/// <summary>Parses the instruments CSV (RFC 4180 quoting; optionally gzipped).</summary>
public static class InstrumentDump
{
    public static readonly string[] Columns =
    [
        "instrument_token", "exchange_token", "tradingsymbol", "name", "last_price", "expiry",
        "strike", "tick_size", "lot_size", "instrument_type", "segment", "exchange",
    ];

    /// <summary>Parses a dump from a stream; gzip content (magic 1F 8B) is detected and decompressed.</summary>
    public static List<KiteInstrument> Parse(Stream stream)
    {
        var buffered = stream.CanSeek ? stream : CopyToMemory(stream);
        Span<byte> magic = stackalloc byte[2];
        long start = buffered.Position;
        int read = buffered.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        buffered.Position = start;
        Stream source = read == 2 && magic[0] == 0x1F && magic[1] == 0x8B
            ? new GZipStream(buffered, CompressionMode.Decompress, leaveOpen: true)
            : buffered;
        using var reader = new StreamReader(source, leaveOpen: true);
        return Parse(reader);
    }

    public static List<KiteInstrument> Parse(TextReader reader)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            TrimOptions = TrimOptions.None,
            BadDataFound = null,
            MissingFieldFound = null,
        };
        using var csv = new CsvReader(reader, config);
        var list = new List<KiteInstrument>();
        if (!csv.Read()) return list;
        csv.ReadHeader();
        var header = csv.HeaderRecord ?? [];
        foreach (var column in Columns)
            if (Array.IndexOf(header, column) < 0)
                throw new InvalidDataException($"Instrument dump lacks column '{column}'.");

        while (csv.Read())
        {
            list.Add(new KiteInstrument
            {
                InstrumentToken = uint.Parse(csv.GetField("instrument_token")!, CultureInfo.InvariantCulture),
                ExchangeToken = uint.TryParse(csv.GetField("exchange_token"), CultureInfo.InvariantCulture, out var et) ? et : 0,
                Tradingsymbol = csv.GetField("tradingsymbol") ?? "",
                Name = csv.GetField("name") ?? "",
                LastPrice = Dec(csv.GetField("last_price")),
                Expiry = string.IsNullOrWhiteSpace(csv.GetField("expiry"))
                    ? null
                    : DateOnly.ParseExact(csv.GetField("expiry")!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Strike = Dec(csv.GetField("strike")),
                TickSize = Dec(csv.GetField("tick_size")),
                LotSize = (int)Dec(csv.GetField("lot_size")),
                InstrumentType = csv.GetField("instrument_type") ?? "",
                Segment = csv.GetField("segment") ?? "",
                Exchange = csv.GetField("exchange") ?? "",
            });
        }
        return list;
    }

    private static decimal Dec(string? s) =>
        string.IsNullOrWhiteSpace(s) ? 0m : decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static MemoryStream CopyToMemory(Stream s)
    {
        var ms = new MemoryStream();
        s.CopyTo(ms);
        ms.Position = 0;
        return ms;
    }
}
