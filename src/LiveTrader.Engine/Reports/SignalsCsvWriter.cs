using System.Globalization;
using CsvHelper;
using LiveTrader.Core.Signals;

namespace LiveTrader.Engine.Reports;

/// <summary>The <c>signals</c> command's output: one row per candle with the three RSI-pane lines
/// and the signal. Indicator cells stay empty while warming up.</summary>
public static class SignalsCsvWriter
{
    public static void Write(TextWriter text, IReadOnlyList<SignalReading> readings, IReadOnlyList<string> dateTexts)
    {
        // CsvHelper ends records with its own "\r\n" unless told otherwise; keep the writer's line ending.
        using var csv = new CsvWriter(text, new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = text.NewLine }, leaveOpen: true);
        foreach (var h in new[] { "date", "open", "high", "low", "close", "volume", "rsi", "price_strength", "volume_strength", "signal" })
            csv.WriteField(h);
        csv.NextRecord();
        for (var i = 0; i < readings.Count; i++)
        {
            var r = readings[i];
            csv.WriteField(dateTexts[i]);
            csv.WriteField(r.Candle.Open);
            csv.WriteField(r.Candle.High);
            csv.WriteField(r.Candle.Low);
            csv.WriteField(r.Candle.Close);
            csv.WriteField(r.Candle.Volume);
            csv.WriteField(Line(r.Rsi));
            csv.WriteField(Line(r.PriceStrength));
            csv.WriteField(Line(r.VolumeStrength));
            csv.WriteField(r.Signal.ToCode());
            csv.NextRecord();
        }
    }

    private static string Line(double? value) =>
        value is double v ? v.ToString("F8", CultureInfo.InvariantCulture) : "";
}
