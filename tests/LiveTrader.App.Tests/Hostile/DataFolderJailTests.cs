using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveTrader.App.Tests.Web;
using LiveTrader.App.Web;
using LiveTrader.Core.Settings;

namespace LiveTrader.App.Tests.Hostile;

/// <summary>Class 6 of issue 12: the data folder is a jail (<see cref="CandleFileCatalog"/>): only
/// regular files kept inside it are read, no link leads out or loops, and nothing of a file that is
/// not a candle file is shown.</summary>
public sealed class DataFolderJailTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _data;
    private readonly string _outside;

    public DataFolderJailTests()
    {
        _data = _temp.Combine("data");
        _outside = _temp.Combine("outside");
        Directory.CreateDirectory(_data);
        Directory.CreateDirectory(_outside);
        File.WriteAllText(Path.Combine(_data, "NIFTY_5minute_kept.csv"), HostileFiles.Candles());
    }

    public void Dispose() => _temp.Dispose();

    private CandleFileCatalog Catalog() => new(new LiveTraderSettings { DataFolder = _data });

    private async Task<(HttpStatusCode Status, JsonElement Body)> StartOn(WebTestHost host, string name)
    {
        var response = await host.Post("/api/backtest/start", new { segments = new[] { "NIFTY" }, files = new { NIFTY = name } });
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task A_link_to_a_candle_file_outside_is_neither_listed_nor_read()
    {
        var secret = Path.Combine(_outside, "NIFTY_5minute_elsewhere.csv");
        File.WriteAllText(secret, HostileFiles.Candles());
        File.CreateSymbolicLink(Path.Combine(_data, "NIFTY_5minute_link.csv"), secret);
        Directory.CreateSymbolicLink(Path.Combine(_data, "linked"), _outside);
        var before = HostileFiles.Snapshot(_temp.Path);
        await using var host = BacktestApiTests.Host(_data);

        var sources = await host.Client.GetFromJsonAsync<JsonElement>("/api/backtest/sources");
        var (status, body) = await StartOn(host, "NIFTY_5minute_link.csv");
        var (inFolderStatus, inFolderBody) = await StartOn(host, "linked/NIFTY_5minute_elsewhere.csv");

        Assert.Equal(["NIFTY_5minute_kept.csv"], sources.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("files.NIFTY", body.GetProperty("field").GetString());
        Assert.Equal("NIFTY_5minute_link.csv: 'NIFTY_5minute_link.csv' is reached through a symbolic link; only files kept inside the data folder are read",
            body.GetProperty("errors").GetProperty("files.NIFTY").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, inFolderStatus);
        Assert.Contains("reached through a symbolic link", inFolderBody.GetProperty("message").GetString());
        Assert.False(Directory.Exists(host.Settings.OutputFolder));
        HostileFiles.AssertUnchanged(before, _temp.Path);
    }

    [Fact]
    public void A_folder_linked_to_itself_is_not_followed_round()
    {
        Directory.CreateDirectory(Path.Combine(_data, "day"));
        File.WriteAllText(Path.Combine(_data, "day", "NIFTY_5minute_inner.csv"), HostileFiles.Candles("2024-07-29"));
        Directory.CreateSymbolicLink(Path.Combine(_data, "day", "loop"), _data);

        var names = Catalog().List().Select(f => f.Name);

        Assert.Equal(["NIFTY_5minute_kept.csv", "day/NIFTY_5minute_inner.csv"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_fifo_named_csv_is_never_opened_so_listing_and_starting_do_not_block()
    {
        var fifo = Path.Combine(_data, "NIFTY_5minute_pipe.csv");
        using (var mkfifo = Process.Start("mkfifo", [fifo])) await mkfifo.WaitForExitAsync();
        Assert.True(File.Exists(fifo));
        await using var host = BacktestApiTests.Host(_data);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var sources = await host.Client.GetFromJsonAsync<JsonElement>("/api/backtest/sources", deadline.Token);
        var response = await host.Post("/api/backtest/start", new { segments = new[] { "NIFTY" }, files = new { NIFTY = "NIFTY_5minute_pipe.csv" } });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(deadline.Token);

        Assert.Equal(["NIFTY_5minute_kept.csv"], sources.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.EndsWith("'NIFTY_5minute_pipe.csv' is empty or not a regular file", body.GetProperty("errors").GetProperty("files.NIFTY").GetString());
    }

    [Fact]
    public async Task Nothing_of_a_file_that_is_not_a_candle_file_is_shown_and_hidden_files_are_not_looked_at()
    {
        File.WriteAllText(Path.Combine(_data, "NIFTY_notes.csv"), "api_key,access_token\nabc123,SECRET-TOKEN-VALUE\n");
        Directory.CreateDirectory(Path.Combine(_data, ".hidden"));
        File.WriteAllText(Path.Combine(_data, ".hidden", "NIFTY_5minute_hidden.csv"), HostileFiles.Candles());
        await using var host = BacktestApiTests.Host(_data);

        var sources = await host.Client.GetStringAsync("/api/backtest/sources");
        var response = await host.Post("/api/backtest/start", new { segments = new[] { "NIFTY" }, files = new { NIFTY = "NIFTY_notes.csv" } });
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a candle file: the first line is not the header", text);
        Assert.DoesNotContain("SECRET-TOKEN-VALUE", text);
        Assert.DoesNotContain("api_key", text);
        Assert.DoesNotContain("hidden", sources);
        Assert.DoesNotContain("NIFTY_notes", sources);
    }
}
