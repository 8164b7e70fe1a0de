using LiveTrader.App.Commands;
using LiveTrader.App.Configuration;
using LiveTrader.App.Feeds;
using LiveTrader.App.Tests.Web;
using LiveTrader.Kite.Auth;

namespace LiveTrader.App.Tests;

/// <summary>Kite's tokens lapse at 06:00 and can be revoked: a running session on the trader's
/// account says "login required" and takes up the next login without a restart, wherever the login
/// was made (the page of this process or another writes the same token file).</summary>
public sealed class KiteLoginRenewalTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_refused_token_shows_login_required_and_a_token_saved_later_reconnects_the_same_market()
    {
        await using var sim = await SimulatedMarket.StartAsync(SimCommand.Options(0, [], 60, 1, "2026-01-07"), CancellationToken.None);
        var settings = SettingsLoader.Load(null);
        SimKiteAccount.PointAt(settings, sim.Server, _temp);
        var first = sim.Server.Sessions.CreateSession();
        KiteCredentialStore.SaveToken(settings.Kite.TokenFile!, first.ApiKey, first.AccessToken, null);
        var account = new KiteAccount(settings);

        var market = KiteFeed.Open(account, WallClock.System);
        Assert.NotNull(market);
        await using (market)
        {
            var statuses = new System.Collections.Concurrent.ConcurrentQueue<string>();
            market.StatusChanged += statuses.Enqueue;
            market.Start();
            await Until(() => statuses.Contains("connected"), "the ticker connects");

            sim.Server.Faults.ExpireTokens();
            await Until(() => statuses.Contains("login required"), "the refused token is noticed");
            Assert.Equal("login required", account.Status().State);
            Assert.Null(account.RestClient());

            statuses.Clear();
            var second = sim.Server.Sessions.CreateSession();
            KiteCredentialStore.SaveToken(settings.Kite.TokenFile!, second.ApiKey, second.AccessToken, null);
            await Until(() => statuses.Contains("connected"), "the new token is taken up");
            Assert.Equal(second.AccessToken, market.AccessToken);
            Assert.Equal("logged in", account.Status().State);
            // The market's REST side answers with the new token too.
            Assert.NotEmpty(await market.InstrumentsAsync(CancellationToken.None));
        }
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(20);
        }
    }
}
