using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveTrader.App.Commands;
using LiveTrader.App.Feeds;
using LiveTrader.App.Tests.Web;
using LiveTrader.Sim;

namespace LiveTrader.App.Tests.Hostile;

/// <summary>Class 2 of issue 12: a token Kite refuses (the simulator expires them as Kite does every
/// morning) answers "login required" with the login button wherever it is met — a Kite session, a
/// Kite backtest, the console — never a bare 500, and the account's status says so at once
/// (<see cref="LoginRequired"/>).</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class DailyLoginTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 1, 7);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static async Task<JsonElement> Account(WebTestHost host) =>
        (await host.Client.GetFromJsonAsync<JsonElement>("/api/session/status")).GetProperty("account");

    [Fact]
    public async Task Starting_a_kite_session_on_an_expired_token_answers_login_required_with_the_button_and_starts_nothing()
    {
        await using var sim = await SimServer.StartAsync(new SimOptions { Port = 0, Speed = 60, Date = Day });
        await using var host = new WebTestHost(s => SimKiteAccount.PointAt(s, sim, _temp), new MarketHoursClock(Day, new TimeOnly(10, 0)));
        await SimKiteAccount.LogInAsync(host, sim);
        Assert.Equal("logged in", (await Account(host)).GetProperty("state").GetString());
        sim.Faults.ExpireTokens();

        var start = await host.Post("/api/session/start", new { segments = new[] { "NIFTY" }, feed = "kite" });
        var body = await start.Content.ReadFromJsonAsync<JsonElement>();
        var account = await Account(host);
        var status = await host.Client.GetFromJsonAsync<JsonElement>("/api/session/status");

        Assert.Equal(HttpStatusCode.Unauthorized, start.StatusCode);
        Assert.Equal(LoginRequired.Message, body.GetProperty("message").GetString());
        Assert.Equal("feed", body.GetProperty("field").GetString());
        Assert.Equal(LoginRequired.Message, body.GetProperty("errors").GetProperty("feed").GetString());
        Assert.True(body.GetProperty("loginRequired").GetBoolean());
        Assert.Equal("/api/kite/login", body.GetProperty("login").GetString());
        Assert.Equal("login required", account.GetProperty("state").GetString());
        Assert.True(account.GetProperty("canLogin").GetBoolean());
        Assert.False(status.GetProperty("running").GetBoolean());
        Assert.False(Directory.Exists(host.Settings.OutputFolder) && Directory.EnumerateFiles(host.Settings.OutputFolder, "*.csv", SearchOption.AllDirectories).Any(),
            "no trade or event log is begun");
    }

    [Fact]
    public async Task A_kite_backtest_on_an_expired_token_fails_with_login_required_and_the_account_says_so_at_once()
    {
        await using var sim = await SimServer.StartAsync(new SimOptions { Port = 0, Speed = 1, Date = new DateOnly(2026, 1, 9) });
        await using var host = BacktestApiTests.Host(change: s => SimKiteAccount.PointAt(s, sim, _temp));
        await SimKiteAccount.LogInAsync(host, sim);
        sim.Faults.ExpireTokens();

        var start = await host.Post("/api/backtest/start", new { segments = new[] { "NIFTY" }, source = "kite", from = "2026-01-05", to = "2026-01-08" });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var id = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var run = await BacktestApiTests.WaitForEnd(host, id);
        var account = await Account(host);
        var again = await host.Post("/api/backtest/start", new { segments = new[] { "NIFTY" }, source = "kite", from = "2026-01-05", to = "2026-01-08" });

        Assert.Equal("failed", run.GetProperty("state").GetString());
        Assert.Equal(LoginRequired.Message, run.GetProperty("error").GetString());
        Assert.True(run.GetProperty("loginRequired").GetBoolean());
        Assert.Equal("/api/kite/login", run.GetProperty("login").GetString());
        Assert.Equal("login required", account.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("Kite is not logged in", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("source").GetString());
        Assert.False(Directory.Exists(Path.Combine(host.Settings.OutputFolder, "backtests", id)), "a refused run writes nothing");
    }

    [Fact]
    public async Task The_paper_command_on_a_token_kite_refuses_prints_one_login_required_line_and_exits_2()
    {
        await using var sim = await SimServer.StartAsync(new SimOptions { Port = 0, Speed = 60, Date = Day });
        var config = _temp.File("kite.json", $$"""
            { "LiveTrader": { "Kite": { "CredentialsFile": null, "TokenFile": "{{_temp.Combine("no-token.json")}}",
              "ApiRoot": "{{sim.BaseUri}}", "TickerRoot": "{{sim.TickerUri}}", "LoginRoot": "{{sim.BaseUri}}" } } }
            """);
        var saved = (Environment.GetEnvironmentVariable("KITE_API_KEY"), Environment.GetEnvironmentVariable("KITE_ACCESS_TOKEN"));
        Environment.SetEnvironmentVariable("KITE_API_KEY", sim.Options.ApiKey);
        Environment.SetEnvironmentVariable("KITE_ACCESS_TOKEN", "a-token-from-yesterday");
        try
        {
            var outFolder = _temp.Combine("out");
            var oldErr = Console.Error;
            var stderr = new StringWriter();
            Console.SetError(stderr);
            int exit;
            try
            {
                exit = await CliErrors.RunAsync(() => PaperCommand.RunAsync(new PaperCommand.PaperRequest(
                    "kite", "NIFTY", [], null, 1, 1, null, outFolder, config, TimeSpan.FromSeconds(1)), CancellationToken.None));
            }
            finally
            {
                Console.SetError(oldErr);
            }

            Assert.Equal(2, exit);
            Assert.Equal($"error: {LoginRequired.Message}", HostileFiles.OneErrorLine(stderr.ToString()));
            Assert.False(Directory.Exists(outFolder) && Directory.EnumerateFiles(outFolder, "*.csv", SearchOption.AllDirectories).Any());
        }
        finally
        {
            Environment.SetEnvironmentVariable("KITE_API_KEY", saved.Item1);
            Environment.SetEnvironmentVariable("KITE_ACCESS_TOKEN", saved.Item2);
        }
    }
}
