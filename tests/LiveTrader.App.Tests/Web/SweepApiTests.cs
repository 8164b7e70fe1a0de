using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveTrader.App.Commands;

namespace LiveTrader.App.Tests.Web;

/// <summary>The Sweep page's API: a sweep run in the background by the command's own code, its rows,
/// a row opened as a backtest, and every refusal in the house's error shape.</summary>
public sealed class SweepApiTests
{
    private const string NiftyYear = "NIFTY_5minute_2024-07-25_2025-07-25.csv";
    private const string From = "2024-09-02";
    private const string To = "2024-09-13";

    internal static async Task<JsonElement> WaitForSweep(WebTestHost host, string id)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            var run = await host.Client.GetFromJsonAsync<JsonElement>($"/api/sweeps/{id}", deadline.Token);
            if (run.GetProperty("state").GetString() is not ("running" or "queued")) return run;
            await Task.Delay(50, deadline.Token);
        }
    }

    [Fact]
    public async Task A_page_sweep_gives_the_commands_rows_and_a_row_opens_as_a_backtest_with_the_same_trades_and_hash()
    {
        await using var host = BacktestApiTests.Host();
        var start = await host.Post("/api/sweeps", new
        {
            segments = new[] { "NIFTY" }, files = new { NIFTY = NiftyYear }, from = From, to = To,
            vary = new object[]
            {
                new { name = "Segments.NIFTY.StopLossPoints", values = new[] { "25", "45" } },
                new { name = "Strategy.RsiPeriod", from = 9, to = 11, step = 2 },
            },
        });
        Assert.True(start.StatusCode == HttpStatusCode.Accepted, await start.Content.ReadAsStringAsync());
        var id = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var run = await WaitForSweep(host, id);
        Assert.True(run.GetProperty("state").GetString() == "done", run.ToString());
        Assert.Equal(["Segments.NIFTY.StopLossPoints", "Strategy.RsiPeriod"], run.GetProperty("axes").EnumerateArray().Select(a => a.GetString()));
        var rows = run.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal(4, run.GetProperty("done").GetInt32());

        // The same grid through the sweep command: the same rows, hashes and numbers.
        using var dir = new TempDir();
        Assert.Equal(CliErrors.Ok, SweepCommand.Run(new SweepCommand.SweepRequest(["NIFTY"], [Repo.Data(NiftyYear)],
            ["Segments.NIFTY.StopLossPoints=25,45", "Strategy.RsiPeriod=9,11"], From, To, null, dir.Path)));
        var csv = File.ReadAllLines(dir.File(SweepCommand.ResultsFile)).Skip(1).Select(l => l.Split(',')).ToList();
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(csv[i][..2], rows[i].GetProperty("values").EnumerateArray().Select(v => v.GetString()!).ToArray());
            Assert.Equal(csv[i][2], rows[i].GetProperty("trades").GetInt32().ToString(CultureInfo.InvariantCulture));
            Assert.Equal(decimal.Parse(csv[i][4], CultureInfo.InvariantCulture), rows[i].GetProperty("netPnl").GetDecimal());
            Assert.Equal(csv[i][^2], rows[i].GetProperty("paramHash").GetString());
            Assert.Equal(csv[i][^1], rows[i].GetProperty("runHash").GetString());
        }
        Assert.True(rows.Sum(r => r.GetProperty("trades").GetInt32()) > 0, "the two weeks should trade");

        var results = await host.Client.GetAsync($"/api/sweeps/{id}/results.csv");
        Assert.Equal(HttpStatusCode.OK, results.StatusCode);
        Assert.Equal(File.ReadAllText(dir.File(SweepCommand.ResultsFile)), await results.Content.ReadAsStringAsync());

        // Open as backtest: the Backtest page's run of that row alone.
        var row = rows[3];
        var open = await host.Post($"/api/sweeps/{id}/rows/{row.GetProperty("paramHash").GetString()}/backtest");
        Assert.True(open.StatusCode == HttpStatusCode.Accepted, await open.Content.ReadAsStringAsync());
        var opened = await open.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("backtest?run=", opened.GetProperty("page").GetString());
        var backtest = await BacktestApiTests.WaitForEnd(host, opened.GetProperty("id").GetString()!);
        Assert.True(backtest.GetProperty("state").GetString() == "done", backtest.ToString());
        Assert.Equal(row.GetProperty("trades").GetInt32(), backtest.GetProperty("total").GetProperty("trades").GetInt32());
        Assert.Equal(row.GetProperty("netPnl").GetDecimal(), backtest.GetProperty("total").GetProperty("netPnl").GetDecimal());
        Assert.Equal(row.GetProperty("runHash").GetString(), backtest.GetProperty("parametersHash").GetString());
    }

    [Fact]
    public async Task A_sweep_on_the_simulators_history_needs_no_file()
    {
        await using var host = BacktestApiTests.Host();
        var start = await host.Post("/api/sweeps", new
        {
            segments = new[] { "NIFTY" }, source = "sim", from = "2026-11-02", to = "2026-11-06",
            vary = new[] { new { name = "Segments.NIFTY.TrailingStopPoints", values = new[] { "20", "40" } } },
        });
        Assert.True(start.StatusCode == HttpStatusCode.Accepted, await start.Content.ReadAsStringAsync());
        var run = await WaitForSweep(host, (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        Assert.True(run.GetProperty("state").GetString() == "done", run.ToString());
        Assert.Equal(2, run.GetProperty("rows").GetArrayLength());
        Assert.Equal("sim", run.GetProperty("source").GetString());
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        { """{"segments":["NIFTY"],"vary":[{"name":"Segments.NIFTY.NoSuchField","values":["1"]}]}""", "vary.Segments.NIFTY.NoSuchField", "NoSuchField" },
        { """{"segments":["NIFTY"],"vary":[{"name":"Segments.NIFTY.StopLossPoints","values":["30","abc"]}]}""", "vary.Segments.NIFTY.StopLossPoints", "abc" },
        { """{"segments":["NIFTY"],"vary":[{"name":"Segments.NIFTY.StopLossPoints","values":["-5"]}]}""", "vary.Segments.NIFTY.StopLossPoints", "StopLossPoints" },
        { """{"segments":["NIFTY"],"vary":[{"name":"Strategy.RsiPeriod","from":5,"to":1,"step":1}]}""", "vary.Strategy.RsiPeriod", "above to" },
        { """{"segments":["NIFTY"],"vary":[{"name":"Strategy.RsiPeriod","from":2,"to":90,"step":1},{"name":"Segments.NIFTY.StopLossPoints","from":1,"to":90,"step":1}]}""", "vary", "more than" },
        { """{"segments":["NIFTY"]}""", "vary", "at least one" },
        { """{"segments":["NIFTY"],"source":"tape","vary":[{"name":"Strategy.RsiPeriod","values":["9"]}]}""", "source", "tape" },
        { """{"segments":["NIFTY"],"source":"sim","vary":[{"name":"Strategy.RsiPeriod","values":["9"]}]}""", "from", "first day" },
        { """{"segments":["NIFTY"],"files":{"NIFTY":"../secret.csv"},"vary":[{"name":"Strategy.RsiPeriod","values":["9"]}]}""", "files.NIFTY", "inside the data folder" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_bad_request_is_refused_naming_the_field_in_the_house_shape(string body, string field, string says)
    {
        await using var host = BacktestApiTests.Host();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sweeps") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(LiveTrader.App.Web.WebSecurity.CsrfHeader, LiveTrader.App.Web.WebSecurity.CsrfValue);
        var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        var error = JsonDocument.Parse(text).RootElement;
        Assert.True(error.GetProperty("errors").TryGetProperty(field, out var message), text);
        Assert.Contains(says, message.GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.False(Directory.Exists(Path.Combine(host.Settings.OutputFolder, "sweeps")));
    }

    [Fact]
    public async Task An_unknown_sweep_or_row_answers_404_in_the_house_shape()
    {
        await using var host = BacktestApiTests.Host();
        var response = await host.Client.GetAsync("/api/sweeps/0123456789ab");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("no sweep", error.GetProperty("message").GetString());
        var open = await host.Post("/api/sweeps/0123456789ab/rows/ffff/backtest");
        Assert.Equal(HttpStatusCode.NotFound, open.StatusCode);
    }
}
