using LiveTrader.Engine.Feeds;

namespace LiveTrader.App.Feeds;

/// <summary>The trader's Kite account as a session's market, the same for the page and the command
/// line: the configured REST and ticker roots (so both can rehearse on a separate simulator), the
/// saved token, the account put in "login required" the moment Kite refuses it, and a new login
/// taken up by the running session without a restart.</summary>
public static class KiteFeed
{
    /// <summary>How often a session that lost its login looks for a new token.</summary>
    public static readonly TimeSpan LoginCheckEvery = TimeSpan.FromSeconds(2);

    /// <summary>Null when a login is needed first.</summary>
    public static KiteLiveMarket? Open(KiteAccount account, WallClock clock)
    {
        if (account.RestClient() is not { } rest) return null;
        var market = new KiteLiveMarket(rest, account.Ticker(rest.Credentials!), clock.Now);
        int waiting = 0;
        market.StatusChanged += status =>
        {
            if (status != "login required") return;
            account.LoginRequired(market.AccessToken);
            if (Interlocked.Exchange(ref waiting, 1) == 0)
                _ = AwaitNewLoginAsync(market, account, clock.Time, () => Volatile.Write(ref waiting, 0));
        };
        return market;
    }

    /// <summary>Tokens lapse every morning and a login happens on the page (this process or another):
    /// either way it lands in the token file, which is read until a token other than the refused one
    /// appears. The session then carries on with it; nothing is restarted.</summary>
    private static async Task AwaitNewLoginAsync(KiteLiveMarket market, KiteAccount account, TimeProvider time, Action done)
    {
        var refused = market.AccessToken;
        try
        {
            while (true)
            {
                await Task.Delay(LoginCheckEvery, time, market.Closing);
                if (account.LoggedIn() is { } login && login.AccessToken != refused)
                {
                    market.UseLogin(login);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The session ended before a new login.
        }
        finally
        {
            done();
        }
    }
}
