using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveTrader.Kite.Rest;

/// <summary>
/// Kite timestamps (kite-protocol.md §1.4, §1.7, §3): JSON bodies use offset-less IST wall clock
/// <c>yyyy-MM-dd HH:mm:ss</c>; historical candles use <c>yyyy-MM-ddTHH:mm:ss+0530</c>. Everything is parsed to a
/// <see cref="DateTimeOffset"/> independently of the machine's time zone.
/// </summary>
public static class KiteTime
{
    /// <summary>India Standard Time: fixed UTC+05:30, no daylight saving.</summary>
    public static readonly TimeSpan IstOffset = TimeSpan.FromMinutes(330);

    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd HH:mm:sszzz",
    ];

    private static readonly string[] IstFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd",
    ];

    /// <summary>Parses any Kite timestamp. Strings without an offset are IST wall-clock times.</summary>
    public static DateTimeOffset Parse(string s) =>
        TryParse(s, out var value) ? value : throw new FormatException($"Not a Kite timestamp: '{s}'.");

    public static bool TryParse(string? s, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(s)) return false;
        s = s.Trim();
        // "+0530" (no colon) is accepted by the zzz specifier in .NET; also accept a trailing 'Z'.
        if (DateTimeOffset.TryParseExact(s, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
            return true;
        if (s.EndsWith('Z') && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value))
            return true;
        if (DateTime.TryParseExact(s, IstFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
        {
            value = new DateTimeOffset(DateTime.SpecifyKind(wall, DateTimeKind.Unspecified), IstOffset);
            return true;
        }
        return false;
    }

    /// <summary>Converts any instant to IST.</summary>
    public static DateTimeOffset ToIst(DateTimeOffset t) => t.ToOffset(IstOffset);

    /// <summary>Formats an instant as Kite's query format: IST wall clock <c>yyyy-MM-dd HH:mm:ss</c>.</summary>
    public static string FormatQuery(DateTimeOffset t) =>
        ToIst(t).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}

/// <summary>System.Text.Json converter for nullable Kite timestamps; unparseable or time-only strings become null.</summary>
public sealed class KiteNullableTimestampConverter : JsonConverter<DateTimeOffset?>
{
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) { reader.Skip(); return null; }
        return KiteTime.TryParse(reader.GetString(), out var v) ? v : null;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is null) writer.WriteNullValue();
        else writer.WriteStringValue(KiteTime.FormatQuery(value.Value));
    }
}

/// <summary>System.Text.Json converter for required Kite timestamps.</summary>
public sealed class KiteTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        KiteTime.TryParse(reader.GetString(), out var v) ? v : throw new JsonException($"Not a Kite timestamp: '{reader.GetString()}'.");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(KiteTime.FormatQuery(value));
}
