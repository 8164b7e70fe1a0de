using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveTrader.App.Tests.Web;
using LiveTrader.App.Web;
using LiveTrader.Engine.Data;

namespace LiveTrader.App.Tests.Hostile;

/// <summary>Class 4 of issue 12: input files are read through their limits (<see cref="TextLimits"/>,
/// <see cref="BoundedTextReader"/>), checked while reading, so a gigabyte of NULs in the data folder
/// costs a buffer and the refusal quotes only a short printable excerpt.</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class BoundedInputTests : IDisposable
{
    private const long Gigabyte = 1024L * 1024 * 1024;

    /// <summary>Far below the gigabyte a whole-file read would take (and the 4 GB a string of it would).</summary>
    private const long SmallAllocation = 16 * 1024 * 1024;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A sparse file: its size on disk is a few blocks, its length as asked, its contents NULs after <paramref name="start"/>.</summary>
    private string Sparse(string name, long length, string start = "")
    {
        var path = Path.Combine(_temp.Path, "data", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, FileMode.CreateNew);
        stream.Write(System.Text.Encoding.ASCII.GetBytes(start));
        stream.SetLength(length);
        return path;
    }

    private string Good()
    {
        var path = Path.Combine(_temp.Path, "data", "NIFTY_5minute_good.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, HostileFiles.Candles());
        return path;
    }

    private WebTestHost Host() => BacktestApiTests.Host(Path.Combine(_temp.Path, "data"));

    [Fact]
    public void A_gigabyte_of_nuls_in_the_data_folder_is_left_out_of_the_list_without_reading_it_into_memory()
    {
        var nuls = Sparse("NIFTY_minute_nuls.csv", Gigabyte);
        Good();
        var catalog = new CandleFileCatalog(new LiveTrader.Core.Settings.LiveTraderSettings { DataFolder = Path.Combine(_temp.Path, "data") });

        var before = GC.GetAllocatedBytesForCurrentThread();
        var listed = catalog.List();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(["NIFTY_5minute_good.csv"], listed.Select(f => f.Name));
        Assert.True(allocated < SmallAllocation, $"listing allocated {allocated:N0} bytes");
        Assert.Equal(Gigabyte, new FileInfo(nuls).Length);
    }

    [Fact]
    public void A_candle_header_over_a_gigabyte_of_nuls_is_refused_on_its_size_and_named()
    {
        Sparse("NIFTY_minute_big.csv", Gigabyte, HostileFiles.Header + "\n");
        var catalog = new CandleFileCatalog(new LiveTrader.Core.Settings.LiveTraderSettings { DataFolder = Path.Combine(_temp.Path, "data") });

        var before = GC.GetAllocatedBytesForCurrentThread();
        var file = Assert.Single(catalog.List());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("NIFTY_minute_big.csv: the file is larger than 100 MB, the most a candle file may hold", file.Error);
        Assert.True(allocated < SmallAllocation, $"listing allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Nuls_under_the_size_limit_stop_the_read_at_the_line_they_are_on()
    {
        var path = Sparse("NIFTY_minute_tail.csv", 90L * 1024 * 1024, HostileFiles.Candles(count: 3));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InputFileException>(() => CandleCsvReader.Read(path));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal($"{path}:5: a NUL character: this is a binary file, not a text CSV", error.Message);
        Assert.True(allocated < SmallAllocation, $"reading allocated {allocated:N0} bytes");
    }

    [Fact]
    public void An_endless_line_is_refused_at_the_line_limit_and_a_bad_field_is_quoted_short_and_printable()
    {
        var data = Path.Combine(_temp.Path, "data");
        Directory.CreateDirectory(data);
        var endless = Path.Combine(data, "endless.csv");
        File.WriteAllText(endless, HostileFiles.Header + "\n" + new string('9', 5000) + "\n");
        var binary = Path.Combine(data, "binary.csv");
        File.WriteAllText(binary, HostileFiles.Header + "\n2024-07-26T09:15:00+05:30," + new string('\u0007', 300) + "x,2,1,1,1\n");

        var long_ = Assert.Throws<InputFileException>(() => CandleCsvReader.Read(endless));
        var quoted = Assert.Throws<InputFileException>(() => CandleCsvReader.Read(binary));

        Assert.Equal($"{endless}:2: the line is longer than 1024 characters", long_.Message);
        Assert.Equal($"{binary}:2: field 'open': '{new string('?', Excerpt.MaxLength)}...' is not a number", quoted.Message);
    }

    [Fact]
    public async Task The_backtest_page_keeps_working_beside_a_gigabyte_of_nuls_and_a_run_on_it_is_refused_by_name()
    {
        Sparse("NIFTY_minute_nuls.csv", Gigabyte);
        Good();
        await using var host = Host();

        var sources = await host.Client.GetFromJsonAsync<JsonElement>("/api/backtest/sources");
        var response = await host.Post("/api/backtest/start", new { segments = new[] { "NIFTY" }, files = new { NIFTY = "NIFTY_minute_nuls.csv" } });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(["NIFTY_5minute_good.csv"], sources.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("files.NIFTY", body.GetProperty("field").GetString());
        Assert.Equal("NIFTY_minute_nuls.csv: the file is larger than 100 MB, the most a candle file may hold", body.GetProperty("errors").GetProperty("files.NIFTY").GetString());
        Assert.False(Directory.Exists(host.Settings.OutputFolder));
    }

    [Fact]
    public void The_backtest_command_on_a_gigabyte_of_nuls_exits_2_with_one_error_line_and_writes_nothing()
    {
        var nuls = Sparse("NIFTY_minute_nuls.csv", Gigabyte);
        var outFolder = Path.Combine(_temp.Path, "out");

        var (exit, _, err) = AppProcess.Run(_temp.Path, null, "backtest", "--segment", "NIFTY", "--candles", nuls, "--out", outFolder);

        Assert.Equal(2, exit);
        Assert.Equal($"error: {nuls}: the file is larger than 100 MB, the most a candle file may hold", HostileFiles.OneErrorLine(err));
        Assert.False(Directory.Exists(outFolder));
        Assert.Equal(Gigabyte, new FileInfo(nuls).Length);
    }
}
