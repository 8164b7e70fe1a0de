using System.Net.Http.Json;
using System.Text.Json;
using LiveTrader.App.Tests.Web;

namespace LiveTrader.App.Tests.Hostile;

/// <summary>Class 9 of issue 12: a file whose name says another segment, or whose candles sit off the
/// timeframe's grid, is run but said out loud (<see cref="LiveTrader.Engine.Data.CandleSeries.Warnings"/>)
/// on the console and in the Backtest page's list of files.</summary>
public sealed class SaidOutLoudTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A 5-minute day whose last candle starts at 14:13 instead of 14:10.</summary>
    private static string OffGridDay() => HostileFiles.Candles().Replace("T14:10:00+05:30", "T14:13:00+05:30", StringComparison.Ordinal);

    [Fact]
    public void The_backtest_command_warns_of_a_file_named_for_another_segment_and_of_candles_off_the_grid()
    {
        var candles = _temp.File("BANKNIFTY_5minute_day.csv", OffGridDay());
        var outFolder = _temp.Combine("out");

        var (exit, _, err) = AppProcess.Run(_temp.Path, null, "backtest", "--segment", "NIFTY", "--candles", candles, "--out", outFolder);

        Assert.Equal(0, exit);
        var warnings = err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("warning: ", StringComparison.Ordinal)).ToList();
        Assert.Contains($"warning: {candles}: 1 candles start off the 5minute grid from 09:15 IST", warnings);
        Assert.Contains($"warning: {candles}: the file's name says BANKNIFTY, but it is run as NIFTY", warnings);
        Assert.DoesNotContain("error:", err);
    }

    [Fact]
    public async Task The_backtest_pages_list_carries_the_files_warnings()
    {
        var data = _temp.Combine("data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "NIFTY_5minute_offgrid.csv"), OffGridDay());
        File.WriteAllText(Path.Combine(data, "NIFTY_5minute_clean.csv"), HostileFiles.Candles());
        await using var host = BacktestApiTests.Host(data);

        var sources = await host.Client.GetFromJsonAsync<JsonElement>("/api/backtest/sources");
        var files = sources.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("warnings"));

        Assert.Equal(["NIFTY_5minute_offgrid.csv: 1 candles start off the 5minute grid from 09:15 IST"], files["NIFTY_5minute_offgrid.csv"].EnumerateArray().Select(w => w.GetString()));
        Assert.Empty(files["NIFTY_5minute_clean.csv"].EnumerateArray());
    }
}
