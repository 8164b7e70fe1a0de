using LiveTrader.Engine.Feeds;

namespace LiveTrader.App.Feeds;

/// <summary>The trader's Kite account as a session's market, the same for the page and the command
/// line: the configured REST and ticker roots (so both can rehearse on a separate simulator), the
/// saved token, and the account put in "login required" the moment the ticker refuses it.</summary>
public static class KiteFeed
{
    /// <summary>Null when a login is needed first.</summary>
    public static KiteLiveMarket? Open(KiteAccount account, WallClock clock)
    {
        if (account.RestClient() is not { } rest) return null;
        var market = new KiteLiveMarket(rest, account.Ticker(rest.Credentials!), clock.Now);
        market.StatusChanged += status =>
        {
            if (status == "login required") account.LoginRequired();
        };
        return market;
    }
}
