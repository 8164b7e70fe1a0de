using LiveTrader.Core.Market;
using LiveTrader.Engine.Data;

namespace LiveTrader.Engine.Tests;

/// <summary>The candle file reader: what it accepts, how it reads times, what it drops, and that every
/// refusal names the file, the line and the field.</summary>
public sealed class CandleCsvReaderTests
{
    private const string Header = "date,open,high,low,close,volume";
    private static readonly TimeSpan IstOffset = TimeSpan.FromMinutes(330);

    private static CandleSeries Parse(string text, string name = "test.csv") =>
        CandleCsvReader.Read(new StringReader(text), name);

    private static InputFileException Refused(string text, string name = "bad.csv") =>
        Assert.Throws<InputFileException>(() => Parse(text, name));

    /// <summary>n 5-minute candles from 09:15 IST on the day, each rising 1 point.</summary>
    private static string FiveMinuteRows(int n, string day = "2024-07-26", int startMinute = 9 * 60 + 15, int step = 5)
    {
        var lines = new List<string>();
        for (var i = 0; i < n; i++)
        {
            var m = startMinute + i * step;
            var open = 24000m + i;
            lines.Add($"{day}T{m / 60:00}:{m % 60:00}:00+05:30,{open},{open + 3},{open - 2},{open + 1},{100 + i}");
        }
        return string.Join("\n", lines);
    }

    // ---- good files ----

    [Fact]
    public void Reads_kite_rows_with_offset_dates()
    {
        var s = Parse($"""
            {Header}
            2024-07-26T09:15:00+05:30,24423.35,24473.5,24410.9,24467.45,0
            2024-07-26T09:20:00+05:30,24467.8,24480.05,24440.2,24450.1,12
            """);
        Assert.Equal(2, s.Candles.Count);
        var c = s.Candles[0];
        Assert.Equal(new DateTimeOffset(2024, 7, 26, 9, 15, 0, IstOffset), c.Start);
        Assert.Equal(IstOffset, c.Start.Offset);
        Assert.Equal(24423.35m, c.Open);
        Assert.Equal(24473.5m, c.High);
        Assert.Equal(24410.9m, c.Low);
        Assert.Equal(24467.45m, c.Close);
        Assert.Equal(0, c.Volume);
        Assert.Equal(12, s.Candles[1].Volume);
        Assert.Equal(Timeframe.FiveMinutes, s.Timeframe);
        Assert.Equal(0, s.DroppedOutsideHours);
        Assert.Equal(["2024-07-26T09:15:00+05:30", "2024-07-26T09:20:00+05:30"], s.DateTexts);
        Assert.Equal("test.csv", s.File);
    }

    [Theory]
    [InlineData("2024-07-26 09:15:00")]
    [InlineData("2024-07-26T09:15:00")]
    [InlineData("2024-07-26 09:15:00+05:30")]
    [InlineData("2024-07-26T03:45:00Z")]
    [InlineData("2024-07-26T03:45:00+00:00")]
    [InlineData("2024-07-25T23:45:00-04:00")]
    public void Every_accepted_date_form_means_the_same_IST_instant_whatever_the_machine_zone(string date)
    {
        var s = Parse($"{Header}\n{date},100,101,99,100.5,0\n");
        var start = Assert.Single(s.Candles).Start;
        Assert.Equal(new DateTimeOffset(2024, 7, 26, 9, 15, 0, IstOffset), start);
        Assert.Equal(IstOffset, start.Offset);
        Assert.Equal(new DateOnly(2024, 7, 26), Ist.DayOf(start));
        Assert.Equal(new TimeOnly(9, 15), Ist.TimeOf(start));
    }

    [Fact]
    public void Offset_less_times_are_IST_not_the_machine_local_zone()
    {
        // 15:25 IST is in hours; read as UTC or New York it would not be the same instant.
        var s = Parse($"{Header}\n2024-07-26 15:25:00,100,101,99,100.5,0\n");
        var start = Assert.Single(s.Candles).Start;
        Assert.Equal(new DateTimeOffset(2024, 7, 26, 9, 55, 0, TimeSpan.Zero), start.ToUniversalTime());
    }

    [Fact]
    public void Header_case_spaces_a_blank_trailing_line_and_a_BOM_are_accepted()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lt-bom-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, $"Date, Open ,High,Low,Close,Volume\n{FiveMinuteRows(3)}\n\n", new System.Text.UTF8Encoding(true));
            var s = CandleCsvReader.Read(path);
            Assert.Equal(3, s.Candles.Count);
            Assert.Equal(path, s.File);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Windows_line_endings_are_accepted()
    {
        var s = Parse($"{Header}\r\n{FiveMinuteRows(4).Replace("\n", "\r\n")}\r\n");
        Assert.Equal(4, s.Candles.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(15)]
    [InlineData(30)]
    [InlineData(60)]
    public void Timeframe_is_inferred_from_the_spacing(int minutes)
    {
        var s = Parse($"{Header}\n{FiveMinuteRows(4, step: minutes)}\n");
        Assert.Equal(minutes, s.Timeframe.Minutes);
    }

    [Fact]
    public void Timeframe_inference_ignores_gaps_across_days_and_missing_candles()
    {
        // 15-minute candles with one missing (a 30-minute gap) and a new day between.
        var s = Parse($"""
            {Header}
            {FiveMinuteRows(3, "2024-07-25", 14 * 60 + 45, 15)}
            {FiveMinuteRows(1, "2024-07-26", 9 * 60 + 15, 15)}
            {FiveMinuteRows(2, "2024-07-26", 10 * 60 + 15, 15)}
            """);
        Assert.Equal(15, s.Timeframe.Minutes);
        Assert.Equal(6, s.Candles.Count);
    }

    [Fact]
    public void A_spacing_that_is_no_kite_timeframe_is_refused()
    {
        var e = Refused($"{Header}\n{FiveMinuteRows(3, step: 7)}\n");
        Assert.Contains("bad.csv", e.Message);
        Assert.Contains("7 minutes apart", e.Message);
        Assert.Equal("date", e.Field);
    }

    [Fact]
    public void Candles_outside_market_hours_are_dropped_and_counted()
    {
        var s = Parse($"""
            {Header}
            2024-01-20T09:10:00+05:30,100,101,99,100.5,0
            2024-01-20T09:14:00+05:30,100,101,99,100.5,0
            2024-01-20T09:15:00+05:30,100,101,99,100.5,0
            2024-01-20T09:16:00+05:30,100,101,99,100.5,0
            2024-01-20T15:29:00+05:30,100,101,99,100.5,0
            2024-01-20T15:30:00+05:30,100,101,99,100.5,0
            2024-01-20T18:16:00+05:30,100,101,99,100.5,0
            """);
        Assert.Equal(4, s.DroppedOutsideHours);
        Assert.Equal(3, s.Candles.Count);
        Assert.All(s.Candles, c => Assert.True(MarketHours.Contains(c.Start)));
        Assert.Equal(["2024-01-20T09:15:00+05:30", "2024-01-20T09:16:00+05:30", "2024-01-20T15:29:00+05:30"], s.DateTexts);
        Assert.Equal(1, s.Timeframe.Minutes);
    }

    [Fact]
    public void Market_hours_are_judged_in_IST_even_for_utc_stamps()
    {
        // 03:44Z = 09:14 IST (dropped); 03:45Z = 09:15 IST (kept); 10:00Z = 15:30 IST (dropped).
        var s = Parse($"""
            {Header}
            2024-07-26T03:44:00Z,100,101,99,100.5,0
            2024-07-26T03:45:00Z,100,101,99,100.5,0
            2024-07-26T03:46:00Z,100,101,99,100.5,0
            2024-07-26T09:59:00Z,100,101,99,100.5,0
            2024-07-26T10:00:00Z,100,101,99,100.5,0
            """);
        Assert.Equal(2, s.DroppedOutsideHours);
        Assert.Equal([new TimeOnly(9, 15), new TimeOnly(9, 16), new TimeOnly(15, 29)], s.Candles.Select(c => Ist.TimeOf(c.Start)));
    }

    [Fact]
    public void A_header_with_extra_columns_such_as_kites_oi_is_read()
    {
        // Kite's historical API adds an "oi" column when asked for open interest. The header check
        // accepts extra columns after the six, so the rows that carry them must be read too.
        var s = Parse($"""
            {Header},oi
            2024-07-26T09:15:00+05:30,100,101,99,100.5,10,5000
            2024-07-26T09:20:00+05:30,100.5,102,100,101,20,5100
            """);
        Assert.Equal(2, s.Candles.Count);
        Assert.Equal(101m, s.Candles[1].Close);
        Assert.Equal(20, s.Candles[1].Volume);
    }

    [Fact]
    public void With_extra_header_columns_a_row_must_still_have_every_column()
    {
        var e = Assert.Throws<InputFileException>(() => Parse($"{Header},oi\n2024-07-26T09:15:00+05:30,100,101,99,100.5,10\n", "oi.csv"));
        Assert.Equal(2, e.Line);
        Assert.Contains("expected 7 fields, found 6", e.Message);
    }

    // ---- refusals: file, line and field in the message ----

    private static void AssertWhere(InputFileException e, string file, int? line, string? field)
    {
        Assert.Equal(file, e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
        Assert.StartsWith(line is int l ? $"{file}:{l}: " : $"{file}: ", e.Message);
        if (field is not null) Assert.Contains($"field '{field}'", e.Message);
    }

    [Theory]
    [InlineData("2024-07-26T09:20:00+05:30,abc,101,99,100.5,0", "open", "'abc' is not a number")]
    [InlineData("2024-07-26T09:20:00+05:30,100,1O1,99,100.5,0", "high", "'1O1' is not a number")]
    [InlineData("2024-07-26T09:20:00+05:30,100,101,,100.5,0", "low", "'' is not a number")]
    [InlineData("2024-07-26T09:20:00+05:30,100,101,99,1e,0", "close", "'1e' is not a number")]
    [InlineData("2024-07-26T09:20:00+05:30,100,101,99,100.5,1.5", "volume", "not a whole number")]
    [InlineData("2024-07-26T09:20:00+05:30,100,101,99,100.5,-3", "volume", "not a whole number")]
    [InlineData("2024-07-26T09:20:00+05:30,0,101,0,100.5,0", "open", "not a positive price")]
    [InlineData("26/07/2024 09:20,100,101,99,100.5,0", "date", "'26/07/2024 09:20' is not a time")]
    [InlineData("2024-07-26T09:20:00+05:30,\"1,000\",101,99,100.5,0", "open", "'1,000' is not a number")]
    public void A_bad_cell_is_refused_with_file_line_and_field(string badRow, string field, string why)
    {
        var e = Refused($"{Header}\n2024-07-26T09:15:00+05:30,100,101,99,100.5,0\n{badRow}\n");
        AssertWhere(e, "bad.csv", 3, field);
        Assert.Contains(why, e.Message);
    }

    [Theory]
    [InlineData("2024-07-26T09:20:00+05:30,100,101,99,100.5", 5)]
    [InlineData("2024-07-26T09:20:00+05:30,100,101,99,100.5,0,7", 7)]
    [InlineData("2024-07-26T09:20:00+05:30", 1)]
    public void Wrong_field_count_is_refused_with_file_and_line(string badRow, int found)
    {
        var e = Refused($"{Header}\n2024-07-26T09:15:00+05:30,100,101,99,100.5,0\n{badRow}\n");
        AssertWhere(e, "bad.csv", 3, null);
        Assert.Contains($"expected 6 fields, found {found}", e.Message);
    }

    [Fact]
    public void Line_numbers_are_physical_lines_even_after_blank_lines()
    {
        var e = Refused($"{Header}\n2024-07-26T09:15:00+05:30,100,101,99,100.5,0\n\n\n2024-07-26T09:20:00+05:30,x,101,99,100.5,0\n");
        AssertWhere(e, "bad.csv", 5, "open");
    }

    [Theory]
    [InlineData("time,open,high,low,close,volume")]
    [InlineData("date,open,high,low,close")]
    [InlineData("tradingsymbol,entry_time,exit_time,quantity")]
    [InlineData("2024-07-26T09:15:00+05:30,100,101,99,100.5,0")]
    public void A_header_that_is_not_candles_is_refused_on_line_1(string header)
    {
        var e = Refused($"{header}\n2024-07-26T09:15:00+05:30,100,101,99,100.5,0\n");
        AssertWhere(e, "bad.csv", 1, null);
        Assert.Contains("not a candle file", e.Message);
        Assert.Contains("date,open,high,low,close,volume", e.Message);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        var e = Refused("");
        AssertWhere(e, "bad.csv", null, null);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void A_header_only_file_is_refused()
    {
        var e = Refused(Header + "\n");
        AssertWhere(e, "bad.csv", null, null);
        Assert.Contains("no candles", e.Message);
    }

    [Fact]
    public void A_missing_file_is_refused_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lt-missing-{Guid.NewGuid():N}.csv");
        var e = Assert.Throws<InputFileException>(() => CandleCsvReader.Read(path));
        Assert.Equal(path, e.File);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void High_below_close_is_refused()
    {
        var e = Refused($"{Header}\n2024-07-26T09:15:00+05:30,100,101,99,100.5,0\n2024-07-26T09:20:00+05:30,100,100.2,99,100.5,0\n");
        AssertWhere(e, "bad.csv", 3, "high");
        Assert.Contains("high 100.2", e.Message);
        Assert.Contains("close 100.5", e.Message);
    }

    [Fact]
    public void Low_above_open_is_refused()
    {
        var e = Refused($"{Header}\n2024-07-26T09:15:00+05:30,100,101,100.2,100.5,0\n");
        Assert.Equal(2, e.Line);
        Assert.Contains("low 100.2", e.Message);
        Assert.Contains("open 100", e.Message);
    }

    [Fact]
    public void A_duplicate_time_is_refused()
    {
        var e = Refused($"{Header}\n{FiveMinuteRows(2)}\n2024-07-26T09:20:00+05:30,100,101,99,100.5,0\n");
        AssertWhere(e, "bad.csv", 4, "date");
        Assert.Contains("not after the previous candle", e.Message);
    }

    [Fact]
    public void An_out_of_order_time_is_refused()
    {
        var e = Refused($"{Header}\n{FiveMinuteRows(3)}\n2024-07-26T09:15:00+05:30,100,101,99,100.5,0\n");
        AssertWhere(e, "bad.csv", 5, "date");
        Assert.Contains("2024-07-26T09:25:00+05:30", e.Message);
    }

    [Fact]
    public void The_same_instant_in_another_offset_is_a_duplicate()
    {
        var e = Refused($"{Header}\n2024-07-26T09:15:00+05:30,100,101,99,100.5,0\n2024-07-26T03:45:00Z,100,101,99,100.5,0\n");
        AssertWhere(e, "bad.csv", 3, "date");
    }

    [Fact]
    public void Out_of_order_rows_outside_market_hours_are_still_refused()
    {
        var e = Refused($"{Header}\n2024-07-26T09:15:00+05:30,100,101,99,100.5,0\n2024-07-26T08:00:00+05:30,100,101,99,100.5,0\n");
        AssertWhere(e, "bad.csv", 3, "date");
    }

    [Fact]
    public void A_file_with_no_candles_in_market_hours_is_refused()
    {
        var e = Refused($"{Header}\n2024-07-26T08:00:00+05:30,100,101,99,100.5,0\n2024-07-26T15:30:00+05:30,100,101,99,100.5,0\n");
        AssertWhere(e, "bad.csv", null, null);
        Assert.Contains("no candles inside market hours", e.Message);
    }

    // ---- CandleInput ----

    [Fact]
    public void ToTimeframe_keeps_a_file_already_on_the_timeframe_with_its_date_texts()
    {
        var s = Parse($"{Header}\n{FiveMinuteRows(6)}\n");
        var (candles, texts) = CandleInput.ToTimeframe(s, Timeframe.FiveMinutes);
        Assert.Same(s.Candles, candles);
        Assert.Same(s.DateTexts, texts);
    }

    [Fact]
    public void ToTimeframe_resamples_finer_candles_on_the_0915_grid()
    {
        var s = Parse($"{Header}\n{FiveMinuteRows(7)}\n"); // 09:15 .. 09:45
        Assert.True(Timeframe.TryParse("15minute", out var fifteen));
        var (candles, texts) = CandleInput.ToTimeframe(s, fifteen);
        Assert.Equal(3, candles.Count);
        Assert.Equal(["2024-07-26T09:15:00+05:30", "2024-07-26T09:30:00+05:30", "2024-07-26T09:45:00+05:30"], texts);
        var first = candles[0];
        Assert.Equal(24000m, first.Open);            // first candle's open
        Assert.Equal(24005m, first.High);            // max of highs (the third's open + 3)
        Assert.Equal(23998m, first.Low);             // min of lows (first's open - 2)
        Assert.Equal(24003m, first.Close);           // third candle's close
        Assert.Equal(100 + 101 + 102, first.Volume);
    }

    [Theory]
    [InlineData("minute")]
    [InlineData("3minute")]
    public void ToTimeframe_refuses_coarser_to_finer(string target)
    {
        var s = Parse($"{Header}\n{FiveMinuteRows(6)}\n", "five.csv");
        Assert.True(Timeframe.TryParse(target, out var tf));
        var e = Assert.Throws<InputFileException>(() => CandleInput.ToTimeframe(s, tf));
        Assert.StartsWith("five.csv: ", e.Message);
        Assert.Contains($"cannot be turned into {tf} candles", e.Message);
    }

    [Fact]
    public void ToTimeframe_refuses_a_target_that_is_not_a_multiple()
    {
        var s = Parse($"{Header}\n{FiveMinuteRows(6, step: 3)}\n", "three.csv");
        var e = Assert.Throws<InputFileException>(() => CandleInput.ToTimeframe(s, Timeframe.FiveMinutes));
        Assert.Contains("3minute", e.Message);
    }
}

/// <summary>The real Kite files in <c>../shared/data</c> (data/README.md), anomalies included.</summary>
public sealed class CandleCsvReaderRealDataTests
{
    private static readonly TimeSpan IstOffset = TimeSpan.FromMinutes(330);

    private static string DataFile(string name)
    {
        var path = LiveTrader.Tests.Repository.Data(name);
        Assert.True(File.Exists(path), $"real data file missing: {path}");
        return path;
    }

    [Fact]
    public void Nifty_5minute_year_has_249_full_sessions_plus_one_lone_candle()
    {
        var s = CandleCsvReader.Read(DataFile("NIFTY_5minute_2024-07-25_2025-07-25.csv"));
        Assert.Equal(249 * 75 + 1, s.Candles.Count);
        Assert.Equal(18676, s.Candles.Count);
        Assert.Equal(0, s.DroppedOutsideHours);
        Assert.Equal(Timeframe.FiveMinutes, s.Timeframe);
        Assert.Equal(new DateTimeOffset(2024, 7, 25, 15, 25, 0, IstOffset), s.Candles[0].Start);
        Assert.Equal("2024-07-25T15:25:00+05:30", s.DateTexts[0]);
        Assert.Equal(24415.0m, s.Candles[0].Close);
        Assert.All(s.Candles, c => Assert.Equal(0, c.Volume));

        var days = s.Candles.GroupBy(c => Ist.DayOf(c.Start)).ToList();
        Assert.Equal(250, days.Count);
        Assert.Single(days, d => d.Count() == 1);
        Assert.Equal(249, days.Count(d => d.Count() == 75
            && Ist.TimeOf(d.First().Start) == new TimeOnly(9, 15)
            && Ist.TimeOf(d.Last().Start) == new TimeOnly(15, 25)));
    }

    [Theory]
    [InlineData("NIFTY_minute_2024-01-01_2024-08-23.csv")]
    [InlineData("BANKNIFTY_minute_2024-01-01_2024-08-23.csv")]
    public void One_minute_files_parse_with_their_documented_anomalies(string file)
    {
        var s = CandleCsvReader.Read(DataFile(file));
        Assert.Equal(Timeframe.OneMinute, s.Timeframe);

        // 2024-01-20 (Saturday special session) runs to 18:16: 542 rows, 375 inside 09:15-15:30.
        Assert.Equal(542 - 375, s.DroppedOutsideHours);
        var byDay = s.Candles.GroupBy(c => Ist.DayOf(c.Start)).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(156, byDay.Count);
        var special = byDay[new DateOnly(2024, 1, 20)];
        Assert.Equal(375, special.Count);
        Assert.Equal(new TimeOnly(15, 29), Ist.TimeOf(special[^1].Start));
        Assert.All(s.Candles, c => Assert.True(MarketHours.Contains(c.Start)));

        // Short Saturday sessions end at 12:29.
        foreach (var day in new[] { new DateOnly(2024, 3, 2), new DateOnly(2024, 5, 18) })
        {
            Assert.Equal(DayOfWeek.Saturday, day.DayOfWeek);
            Assert.Equal(new TimeOnly(12, 29), Ist.TimeOf(byDay[day][^1].Start));
            Assert.True(byDay[day].Count < 375);
        }

        // Every other day is a full 375-minute session.
        Assert.Equal(153, byDay.Count(d => d.Value.Count == 375 && d.Key != new DateOnly(2024, 1, 20)));
        Assert.Equal(57960, s.Candles.Count);
    }

    [Fact]
    public void One_minute_file_resamples_to_5minute_on_the_0915_grid()
    {
        var s = CandleCsvReader.Read(DataFile("NIFTY_minute_2024-01-01_2024-08-23.csv"));
        var (candles, texts) = CandleInput.ToTimeframe(s, Timeframe.FiveMinutes);
        Assert.Equal(candles.Count, texts.Count);
        Assert.All(candles, c => Assert.Equal(0, (int)(Ist.TimeOf(c.Start) - new TimeOnly(9, 15)).TotalMinutes % 5));
        Assert.All(candles, c => Assert.True(MarketHours.Contains(c.Start)));
        // The special session's after-hours minutes never reach a bucket.
        Assert.Equal(75, candles.Count(c => Ist.DayOf(c.Start) == new DateOnly(2024, 1, 20)));
        Assert.Equal(new TimeOnly(15, 25), Ist.TimeOf(candles.Last(c => Ist.DayOf(c.Start) == new DateOnly(2024, 1, 20)).Start));
    }

    [Theory]
    [InlineData("kite-2025-12-23/NIFTY_5minute_2025-12-23.csv", 75, 9, 15, 15, 25)]
    [InlineData("kite-2025-12-23/BANKNIFTY_5minute_2025-12-23.csv", 69, 9, 30, 15, 10)]
    [InlineData("kite-2025-12-23/SENSEX_5minute_2025-12-23.csv", 69, 9, 30, 15, 10)]
    public void Kite_december_files_parse(string file, int count, int firstH, int firstM, int lastH, int lastM)
    {
        var s = CandleCsvReader.Read(DataFile(file));
        Assert.Equal(count, s.Candles.Count);
        Assert.Equal(Timeframe.FiveMinutes, s.Timeframe);
        Assert.Equal(0, s.DroppedOutsideHours);
        Assert.Equal(new TimeOnly(firstH, firstM), Ist.TimeOf(s.Candles[0].Start));
        Assert.Equal(new TimeOnly(lastH, lastM), Ist.TimeOf(s.Candles[^1].Start));
        Assert.All(s.Candles, c => Assert.Equal(new DateOnly(2025, 12, 23), Ist.DayOf(c.Start)));
    }

    [Fact]
    public void A_5minute_file_cannot_be_read_as_1minute()
    {
        var s = CandleCsvReader.Read(DataFile("NIFTY_5minute_2024-07-25_2025-07-25.csv"));
        var e = Assert.Throws<InputFileException>(() => CandleInput.ToTimeframe(s, Timeframe.OneMinute));
        Assert.Contains("NIFTY_5minute_2024-07-25_2025-07-25.csv", e.Message);
        Assert.Contains("5minute", e.Message);
    }
}
