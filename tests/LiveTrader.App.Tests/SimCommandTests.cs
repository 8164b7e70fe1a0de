using System.Net;
using LiveTrader.App.Commands;
using LiveTrader.Engine.Data;
using LiveTrader.Kite.Auth;

namespace LiveTrader.App.Tests;

public sealed class SimCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(70000, 1.0, null, "--port: 70000 is not a port")]
    [InlineData(0, 0.0, null, "--speed: 0 must be above 0")]
    [InlineData(0, 1.0, "2026-13-01", "--date: '2026-13-01' is not a date")]
    [InlineData(0, 1.0, "2026-01-10", "--date: 2026-01-10 is a Saturday")]
    public void Impossible_arguments_are_refused_before_anything_listens(int port, double speed, string? date, string message)
    {
        var e = Assert.Throws<UsageError>(() => SimCommand.Options(port, [], speed, 1, date));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void A_replay_file_must_be_one_minute_candles_of_a_named_index()
    {
        var five = Path.Combine(RepoPaths.SharedData, "NIFTY_5minute_2024-07-25_2025-07-25.csv");
        var e = Assert.Throws<InputFileException>(() => SimCommand.Options(0, [five], 1, 1, null));
        Assert.Contains("simulator replays 1-minute candles", e.Message);

        var unnamed = _temp.File("candles.csv", "date,open,high,low,close,volume\n2024-07-26T09:15:00+05:30,1,1,1,1,0\n");
        Assert.Contains("must start with the index", Assert.Throws<UsageError>(() => SimCommand.Options(0, [unnamed], 1, 1, null)).Message);

        var minute = Path.Combine(RepoPaths.SharedData, "NIFTY_minute_2024-01-01_2024-08-23.csv");
        Assert.Contains("2024-09-02 is not in", Assert.Throws<UsageError>(() => SimCommand.Options(0, [minute], 1, 1, "2024-09-02")).Message);
        Assert.Equal([minute], SimCommand.Options(0, [minute], 1, 1, "2024-08-22").ReplayFiles);
    }

    [Fact]
    public async Task The_sim_command_serves_kite_login_and_refuses_a_bad_token()
    {
        using var process = AppProcess.Start(_temp.Path, "sim", "--port", "0", "--speed", "10", "--seed", "3");
        try
        {
            var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1));
            Assert.NotNull(first);
            Assert.StartsWith("Kite simulator listening on http://127.0.0.1:", first);
            var baseUri = new Uri(first!.Split(' ')[4]);

            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = baseUri };
            var login = await http.GetAsync("connect/login?v=3&api_key=sim");
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            Assert.True(KiteLogin.TryGetRequestToken(login.Headers.Location!, out var requestToken));
            Assert.False(string.IsNullOrEmpty(requestToken));

            var refused = await http.GetAsync("quote/ltp?i=NSE:NIFTY+50");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("TokenException", await refused.Content.ReadAsStringAsync());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
