using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Data;
using LiveTrader.Engine.Reports;

namespace LiveTrader.App.Tests.Web;

/// <summary>The Backtest page's API on the test server, over the real candle files in ../shared/data.</summary>
public sealed class BacktestApiTests
{
    private const string NiftyYear = "NIFTY_5minute_2024-07-25_2025-07-25.csv";

    /// <summary>A host reading candles from <paramref name="dataFolder"/> (default: the shared real data),
    /// with no Kite login anywhere it could find one.</summary>
    internal static WebTestHost Host(string? dataFolder = null, Action<LiveTraderSettings>? change = null) => new(s =>
    {
        s.DataFolder = dataFolder ?? LiveTrader.Tests.Repository.SharedData;
        s.Kite.CredentialsFile = null;
        s.Kite.TokenFile = Path.Combine(Path.GetTempPath(), "lt-no-token-" + Guid.NewGuid().ToString("N"), "kite_token.json");
        change?.Invoke(s);
    });

    internal static async Task<JsonElement> WaitForEnd(WebTestHost host, string id)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            var run = await host.Client.GetFromJsonAsync<JsonElement>($"/api/backtest/{id}", deadline.Token);
            if (run.GetProperty("state").GetString() is not ("running" or "queued")) return run;
            await Task.Delay(50, deadline.Token);
        }
    }

    internal static async Task<string> Start(WebTestHost host, object body)
    {
        var response = await host.Post("/api/backtest/start", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Sources_list_the_candle_files_with_segment_timeframe_and_days_and_kite_unavailable()
    {
        await using var host = Host();
        var sources = await host.Client.GetFromJsonAsync<JsonElement>("/api/backtest/sources");
        var files = sources.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);

        var year = files[NiftyYear];
        Assert.Equal("NIFTY", year.GetProperty("segment").GetString());
        Assert.Equal("5minute", year.GetProperty("timeframe").GetString());
        Assert.Equal("2024-07-25", year.GetProperty("first").GetString());
        Assert.Equal("2025-07-25", year.GetProperty("last").GetString());
        Assert.Equal(JsonValueKind.Null, year.GetProperty("error").ValueKind);
        var bank = files["BANKNIFTY_minute_2024-01-01_2024-08-23.csv"];
        Assert.Equal("BANKNIFTY", bank.GetProperty("segment").GetString());
        Assert.Equal("minute", bank.GetProperty("timeframe").GetString());
        Assert.Equal("2024-01-01", bank.GetProperty("first").GetString());
        Assert.Equal("SENSEX", files["kite-2025-12-23/SENSEX_5minute_2025-12-23.csv"].GetProperty("segment").GetString());
        // The option premium observations are a CSV but not a candle file.
        Assert.DoesNotContain(files.Keys, n => n.Contains("option_premiums", StringComparison.Ordinal));
        Assert.False(sources.GetProperty("kite").GetProperty("available").GetBoolean());

        // The second call answers from the cache with the same list.
        var again = await host.Client.GetFromJsonAsync<JsonElement>("/api/backtest/sources");
        Assert.Equal(sources.GetProperty("files").ToString(), again.GetProperty("files").ToString());
    }

    [Fact]
    public async Task A_file_named_for_no_segment_is_listed_without_one_and_a_missing_folder_lists_nothing()
    {
        using var data = new TempDir();
        SyntheticCandles.Write(data.File("my_candles.csv"), 2, 5, new DateOnly(2024, 9, 2));
        await using (var host = Host(data.Path))
        {
            var sources = await host.Client.GetFromJsonAsync<JsonElement>("/api/backtest/sources");
            var file = Assert.Single(sources.GetProperty("files").EnumerateArray());
            Assert.Equal("my_candles.csv", file.GetProperty("name").GetString());
            Assert.Equal(JsonValueKind.Null, file.GetProperty("segment").ValueKind);
            Assert.Equal("2024-09-02", file.GetProperty("first").GetString());
            Assert.Equal("2024-09-03", file.GetProperty("last").GetString());
        }
        await using (var host = Host(data.File("no-such-folder")))
        {
            var response = await host.Client.GetAsync("/api/backtest/sources");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var sources = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Empty(sources.GetProperty("files").EnumerateArray());
            Assert.Contains("no data folder", sources.GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task A_NIFTY_backtest_runs_to_done_with_the_engines_numbers_and_real_downloads()
    {
        await using var host = Host();
        var id = await Start(host, new { segments = new[] { "NIFTY" }, files = new { NIFTY = NiftyYear }, from = "2024-09-02", to = "2024-09-20" });
        var run = await WaitForEnd(host, id);
        Assert.True(run.GetProperty("state").GetString() == "done", run.ToString());
        Assert.Equal(1.0, run.GetProperty("progress").GetDouble());
        Assert.Contains("MODELLED", run.GetProperty("note").GetString());

        // The same input straight through the engine, as the backtest command prepares it.
        var input = BacktestInputs.FromSeries(Segment.NIFTY, CandleCsvReader.Read(Repo.Data(NiftyYear)), null, Timeframe.FiveMinutes,
            new DateOnly(2024, 9, 2), new DateOnly(2024, 9, 20));
        var expected = BacktestSession.Run(input, host.Settings);
        Assert.True(expected.Trades.Count > 0, "the range should trade");

        var segment = Assert.Single(run.GetProperty("segments").EnumerateArray());
        Assert.Equal("NIFTY", segment.GetProperty("segment").GetString());
        AssertSummary(expected.Summary, segment.GetProperty("summary"));
        AssertSummary(expected.Summary, run.GetProperty("total"));

        var trades = run.GetProperty("trades").EnumerateArray().ToList();
        Assert.Equal(expected.Trades.Select(t => t.TradeId), trades.Select(t => t.GetProperty("tradeId").GetString()));
        Assert.Equal(expected.Trades.Select(t => t.NetPnl), trades.Select(t => t.GetProperty("netPnl").GetDecimal()));
        Assert.Equal(expected.Trades.Select(t => t.EntryPrice), trades.Select(t => t.GetProperty("entryPrice").GetDecimal()));
        Assert.All(trades, t => Assert.EndsWith("+05:30", t.GetProperty("exitTime").GetString()));
        Assert.Equal("BACKTEST", trades[0].GetProperty("mode").GetString());

        var equity = run.GetProperty("equity").EnumerateArray().ToList();
        var drawdown = run.GetProperty("drawdown").EnumerateArray().ToList();
        Assert.Equal(expected.Trades.Count, equity.Count);
        Assert.Equal(host.Settings.InitialCapital + expected.Summary.NetPnl, equity[^1].GetProperty("equity").GetDecimal());
        Assert.Equal(expected.Summary.MaxDrawdown, drawdown.Max(p => p.GetProperty("drawdown").GetDecimal()));
        Assert.Equal(trades[^1].GetProperty("exitTime").GetString(), equity[^1].GetProperty("time").GetString());

        var tradesCsv = await host.Client.GetAsync($"/api/backtest/{id}/trades.csv");
        Assert.Equal(HttpStatusCode.OK, tradesCsv.StatusCode);
        Assert.Equal("text/csv", tradesCsv.Content.Headers.ContentType?.MediaType);
        var tradeLines = (await tradesCsv.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal(string.Join(',', TradeLogCsv.Columns), tradeLines[0]);
        Assert.Equal(expected.Trades.Count, tradeLines.Length - 1);
        Assert.StartsWith(expected.Trades[0].TradeId + ",BACKTEST,NIFTY,", tradeLines[1]);

        var eventsCsv = await host.Client.GetStringAsync($"/api/backtest/{id}/events.csv");
        var eventLines = eventsCsv.TrimEnd('\n').Split('\n');
        Assert.Equal(string.Join(',', EventLogCsv.Columns), eventLines[0]);
        Assert.Equal(expected.Events.Count, eventLines.Length - 1);

        var workbook = await host.Client.GetAsync($"/api/backtest/{id}/workbook.xlsx");
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        using var xlsx = new MemoryStream(await workbook.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Trades", "Events", "Daily", "Summary"], MiniExcelLibs.MiniExcel.GetSheetNames(xlsx));
        xlsx.Position = 0;
        var rows = MiniExcelLibs.MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "Trades").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(expected.Trades.Count, rows.Count);
        Assert.Equal(expected.Trades[0].TradeId, rows[0]["trade_id"]);

        // The run wrote the command's per-segment files too, into its own folder.
        var folder = Path.Combine(host.Settings.OutputFolder, "backtests", id);
        Assert.True(File.Exists(Path.Combine(folder, "backtest_trades_NIFTY.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "backtest_trades_NIFTY.csv")), await tradesCsv.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Two_segments_default_to_the_files_covering_the_range_and_combine_in_exit_order()
    {
        await using var host = Host();
        var id = await Start(host, new { segments = new[] { "NIFTY", "BANKNIFTY" }, from = "2024-03-04", to = "2024-03-15" });
        var run = await WaitForEnd(host, id);
        Assert.True(run.GetProperty("state").GetString() == "done", run.ToString());

        // The year of 5-minute NIFTY starts in July 2024, so March comes from the 1-minute file, resampled.
        var results = new[] { (Segment.NIFTY, Repo.Nifty1), (Segment.BANKNIFTY, Repo.BankNifty1) }
            .Select(p => BacktestSession.Run(BacktestInputs.FromSeries(p.Item1, CandleCsvReader.Read(p.Item2), null, Timeframe.FiveMinutes,
                new DateOnly(2024, 3, 4), new DateOnly(2024, 3, 15)), host.Settings))
            .ToList();
        var segments = run.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal(["NIFTY", "BANKNIFTY"], segments.Select(s => s.GetProperty("segment").GetString()!));
        AssertSummary(results[0].Summary, segments[0].GetProperty("summary"));
        AssertSummary(results[1].Summary, segments[1].GetProperty("summary"));
        var all = results.SelectMany(r => r.Trades).OrderBy(t => t.ExitTime).ToList();
        AssertSummary(PerformanceSummary.From(all, host.Settings.InitialCapital), run.GetProperty("total"));
        Assert.Equal(all.Select(t => t.TradeId), run.GetProperty("trades").EnumerateArray().Select(t => t.GetProperty("tradeId").GetString()));

        var csv = (await host.Client.GetStringAsync($"/api/backtest/{id}/trades.csv")).TrimEnd('\n').Split('\n').Skip(1).ToList();
        Assert.Equal(all.Select(t => t.TradeId), csv.Select(l => l.Split(',')[0]));
        Assert.Contains(csv, l => l.Contains(",NIFTY,", StringComparison.Ordinal));
        Assert.Contains(csv, l => l.Contains(",BANKNIFTY,", StringComparison.Ordinal));
        var events = (await host.Client.GetStringAsync($"/api/backtest/{id}/events.csv")).TrimEnd('\n').Split('\n').Skip(1)
            .Select(l => DateTime.ParseExact(l[..19], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(results.Sum(r => r.Events.Count), events.Count);
        Assert.Equal(events.Order(), events);
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        { """{"segments":["NIFTY"],"timeframe":"7minute"}""", "LiveTrader:Strategy:Timeframe", "7minute" },
        { """{"segments":["NIFTY"],"from":"2024-13-01"}""", "from", "2024-13-01" },
        { """{"segments":["NIFTY"],"to":"20/09/2024"}""", "to", "20/09/2024" },
        { """{"segments":["NIFTY"],"from":"2024-09-20","to":"2024-09-02"}""", "from", "after" },
        { """{"segments":["NIFTY"],"files":{"NIFTY":"NIFTY_nothing.csv"}}""", "files.NIFTY", "no file" },
        { """{"segments":["NIFTY"],"files":{"NIFTY":"../x.csv"}}""", "files.NIFTY", "inside the data folder" },
        { """{"segments":["NIFTY"],"files":{"NIFTY":"/etc/passwd"}}""", "files.NIFTY", "inside the data folder" },
        { """{"segments":["NIFTY"],"files":{"NIFTY":"README.md"}}""", "files.NIFTY", "not a candle CSV" },
        { """{"segments":["NIFTY"],"files":{"NIFTY":".livetrader/kite_token.csv"}}""", "files.NIFTY", "not a candle CSV" },
        { """{"segments":["NIFTY"],"files":{"NIFTY":"BANKNIFTY_minute_2024-01-01_2024-08-23.csv"}}""", "files.NIFTY", "BANKNIFTY" },
        { """{"segments":["NIFTY"],"files":{"NIFTY":"NIFTY_5minute_2024-07-25_2025-07-25.csv"},"from":"2026-01-05"}""", "files.NIFTY", "before the first day" },
        { """{"segments":["SENSEX"],"from":"2024-09-02","to":"2024-09-06","timeframe":"3minute"}""", "files.SENSEX", "cannot be turned into 3minute" },
        { """{"segments":["NIFTY"],"source":"kite","from":"2024-09-02","to":"2024-09-06"}""", "source", "log in" },
        { """{"segments":["NIFTY"],"source":"bloomberg"}""", "source", "bloomberg" },
        { """{"segments":["GOLD"]}""", "segments", "GOLD" },
        { """{"segments":["NIFTY"],"overrides":{"NIFTY":{"stopLossPoints":-5}}}""", "LiveTrader:Segments:NIFTY:StopLossPoints", "positive" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_backtest_answers_400_with_the_field_and_nothing_runs(string body, string key, string says)
    {
        await using var host = Host();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/backtest/start") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(LiveTrader.App.Web.WebSecurity.CsrfHeader, LiveTrader.App.Web.WebSecurity.CsrfValue);
        var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {text}");
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(key, out var message), $"no '{key}' in {errors}");
        Assert.Contains(says, message.GetString());
        Assert.False(Directory.Exists(Path.Combine(host.Settings.OutputFolder, "backtests")), "a refused backtest started running");
    }

    [Fact]
    public async Task A_candle_file_with_a_bad_line_is_refused_naming_the_file_line_and_field()
    {
        using var data = new TempDir();
        var lines = File.ReadAllLines(SyntheticCandles.Write(data.File("NIFTY_bad.csv"), 3, 5, new DateOnly(2024, 9, 2)));
        var f = lines[3].Split(',');
        lines[3] = $"{f[0]},{f[1]},{f[2]},{f[3]},12x45.5,0";
        File.WriteAllLines(data.File("NIFTY_bad.csv"), lines);
        await using var host = Host(data.Path);

        var response = await host.Post("/api/backtest/start", new { segments = new[] { "NIFTY" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("files.NIFTY").GetString();
        Assert.Equal("NIFTY_bad.csv:4: field 'close': '12x45.5' is not a number", message);
        // The list says the same, so the page can show why the file cannot be picked.
        var sources = await host.Client.GetFromJsonAsync<JsonElement>("/api/backtest/sources");
        Assert.Equal(message, Assert.Single(sources.GetProperty("files").EnumerateArray()).GetProperty("error").GetString());
        Assert.False(Directory.Exists(Path.Combine(host.Settings.OutputFolder, "backtests")));
    }

    [Fact]
    public async Task An_unknown_run_is_404_and_only_the_last_runs_are_kept()
    {
        await using var host = Host();
        foreach (var path in new[] { "/api/backtest/nope", "/api/backtest/nope/trades.csv", "/api/backtest/nope/events.csv", "/api/backtest/nope/workbook.xlsx" })
            Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync(path)).StatusCode);

        var ids = new List<string>();
        // One after another: the queue holds only a few (BacktestJobs.MaxWaiting).
        for (var i = 0; i <= LiveTrader.App.Web.BacktestJobs.Kept; i++)
        {
            ids.Add(await Start(host, new { segments = new[] { "NIFTY" }, files = new { NIFTY = NiftyYear }, from = "2024-09-02", to = "2024-09-02" }));
            Assert.Equal("done", (await WaitForEnd(host, ids[^1])).GetProperty("state").GetString());
        }
        // The run no longer kept has its folder removed too; the kept ones keep theirs.
        var folders = Directory.GetDirectories(Path.Combine(host.Settings.OutputFolder, "backtests")).Select(Path.GetFileName);
        Assert.Equal(ids.Skip(1).Order(), folders.Order());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync($"/api/backtest/{ids[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync($"/api/backtest/{ids[^1]}")).StatusCode);
    }

    private static void AssertSummary(PerformanceSummary expected, JsonElement actual)
    {
        Assert.Equal(expected.Trades, actual.GetProperty("trades").GetInt32());
        Assert.Equal(expected.Wins, actual.GetProperty("wins").GetInt32());
        Assert.Equal(expected.WinRatePct, actual.GetProperty("winRatePct").GetDecimal());
        Assert.Equal(expected.GrossPnl, actual.GetProperty("grossPnl").GetDecimal());
        Assert.Equal(expected.Charges, actual.GetProperty("charges").GetDecimal());
        Assert.Equal(expected.NetPnl, actual.GetProperty("netPnl").GetDecimal());
        Assert.Equal(expected.MaxDrawdown, actual.GetProperty("maxDrawdown").GetDecimal());
        Assert.Equal(expected.MaxDrawdownPct, actual.GetProperty("maxDrawdownPct").GetDecimal());
        Assert.Equal(expected.ReturnOnCapitalPct, actual.GetProperty("returnOnCapitalPct").GetDecimal());
        Assert.Equal(expected.BestDay?.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            actual.GetProperty("bestDay").ValueKind == JsonValueKind.Null ? null : actual.GetProperty("bestDay").GetProperty("day").GetString());
        Assert.Equal(expected.WorstDay?.Net,
            actual.GetProperty("worstDay").ValueKind == JsonValueKind.Null ? null : actual.GetProperty("worstDay").GetProperty("netPnl").GetDecimal());
    }
}
