using System.Diagnostics;
using LiveTrader.App.Commands;
using LiveTrader.App.Configuration;
using LiveTrader.App.Feeds;
using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;
using LiveTrader.Engine.Execution;
using LiveTrader.Engine.Journal;
using LiveTrader.Engine.Session;
using LiveTrader.Kite.Auth;
using LiveTrader.Kite.Rest;
using LiveTrader.Sim;

namespace LiveTrader.App.Tests;

/// <summary>A dry run against live on the same simulated day. The simulator's clock is manual and
/// stepped one market second at a time; after each step the test waits until the session has
/// carried through everything the step caused (the step's ticks handled, every order answered,
/// every order update delivered and handled), so when a fill arrives, relative to the ticks,
/// does not depend on the machine's speed.</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class DryRunMatchesLiveTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 1, 7);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    // One segment and the morning (09:15 to 12:00): a whole day of three segments, stepped, takes too
    // long for the suite (the morning alone is about a minute a run).
    [Fact]
    public async Task A_dry_run_of_a_stepped_NIFTY_morning_asks_for_exactly_the_orders_live_sends_and_sends_none()
    {
        var until = new TimeOnly(12, 0);
        var live = await RunAsync(TradingMode.Live, until);
        var dry = await RunAsync(TradingMode.DryRun, until);

        // Every request (placement, modification, cancel): same client id, in the same order, at the
        // same market second, with the same purpose, side, type, quantity and prices.
        Assert.Contains(live.Requests, r => r.Purpose == OrderPurpose.Add);
        Assert.Contains(live.Requests, r => r.Purpose == OrderPurpose.ProtectiveStop && r.Action == OrderAction.Modify);
        Assert.Contains(live.Requests, r => r.Purpose == OrderPurpose.Exit);
        Assert.Equal(Describe(live.Requests), Describe(dry.Requests));
        // Live sent every placement to Kite; the dry run sent nothing at all.
        Assert.Equal(live.Requests.Count(r => r.Action == OrderAction.Place), live.KiteOrders);
        Assert.Equal(0, dry.KiteOrders);

        // Each order ended the same way. Its fill price need not be the same: Kite (and the simulator)
        // fills a MARKET order level by level down the book, while the dry run fills all of it at the
        // touch, so a large order's average is never better live than in the dry run.
        // (A stop still working is compared by its fill alone: Kite's UPDATE says "modified" and
        // "triggered" alike, and the broker reads it as OPEN, so after a modification live's ledger
        // holds a trigger-pending stop as OPEN where the dry run's says TRIGGER PENDING.)
        static object End((string ClientId, OrderState State, int FilledQuantity, decimal AveragePrice) o) =>
            (o.ClientId, o.State.IsFinal() ? o.State : (OrderState?)null, o.FilledQuantity);
        Assert.Equal(live.Ends.Select(End), dry.Ends.Select(End));
        var sides = live.Requests.GroupBy(r => r.ClientId).ToDictionary(g => g.Key, g => g.First().Side);
        foreach (var (l, d) in live.Ends.Zip(dry.Ends).Where(p => p.First.FilledQuantity > 0))
            Assert.True(sides[l.ClientId] == OrderSide.Buy ? l.AveragePrice >= d.AveragePrice : l.AveragePrice <= d.AveragePrice,
                $"{l.ClientId} filled at {l.AveragePrice} live, better than the dry run's {d.AveragePrice}");

        // The same trades, but for the columns that follow the fill prices.
        Assert.NotEmpty(live.Trades);
        Assert.Equal(live.Trades.Select(WithoutPrices), dry.Trades.Select(WithoutPrices));
    }

    private static List<string> Describe(IEnumerable<OrderLedgerRow> requests) =>
        requests.Select(r => $"{Ist.Format(r.Time)} {r.ClientId} {r.Action} {r.Purpose} {r.Side} {r.Type} {r.Quantity} limit {r.LimitPrice} trigger {r.TriggerPrice}").ToList();

    // trades.csv: the mode (LIVE, DRY RUN), and entry_price, exit_price, pnl_points, pnl_value,
    // return_pct, charges and net_pnl, which follow the fills.
    private static readonly int[] ModeAndPriceColumns = [1, 14, 19, 21, 22, 23, 25, 26];

    private static string WithoutPrices(string[] trade) => string.Join(',', trade.Where((_, i) => !ModeAndPriceColumns.Contains(i)));

    private sealed record Day_(List<OrderLedgerRow> Requests, IReadOnlyList<(string ClientId, OrderState State, int FilledQuantity, decimal AveragePrice)> Ends,
        List<string[]> Trades, int KiteOrders);

    private async Task<Day_> RunAsync(TradingMode mode, TimeOnly until)
    {
        var settings = SettingsLoader.Load(null);
        // Kite refuses a stop whose limit lies below the option's lower circuit, and live places it
        // again a second later, while the dry run's venue, which knows no circuit, takes the first:
        // with the default 10 % buffer this day's first stop is such a one. A 5 % buffer keeps this
        // morning's stops inside the band, so the runs can be compared order by order.
        settings.Risk.ProtectiveStopBufferPercent = 5m;
        var folder = _temp.Combine(mode.ToString());
        var options = SimCommand.Options(0, [], 1, 1, "2026-01-07");
        var clock = SimClock.Manual(Ist.At(Day, MarketHours.Open));
        options.Clock = clock;
        // The ticker looks at the manual clock this often (real time): a step costs at least this.
        options.TickInterval = TimeSpan.FromMilliseconds(2);
        await using var sim = await SimulatedMarket.StartAsync(options, CancellationToken.None);
        var published = 0;
        sim.Server.Orders.OrderUpdated += (_, _) => Interlocked.Increment(ref published);
        var watch = Stopwatch.StartNew();
        await using (var session = new PaperSession(settings, [Segment.NIFTY], folder, sim.Market, sim.Now)
        {
            StaleQuote = sim.StaleQuote, MarketSecondsPerSecond = sim.MarketSecondsPerSecond, Mode = mode,
            Broker = mode == TradingMode.Live ? sim.Market.Broker(settings.Live, sim.Server.Options.ApiSecret) : null,
        })
        {
            await session.StartAsync(CancellationToken.None);
            await SettleAsync(session, clock.Now, () => Volatile.Read(ref published));
            while (Ist.TimeOf(clock.Now) < until)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                await SettleAsync(session, clock.Now, () => Volatile.Read(ref published));
            }
            await session.StopAsync(closeAll: false);
        }
        Console.WriteLine($"{mode} to {until}: {watch.Elapsed.TotalSeconds:0.0} s");

        using var rest = Rest(sim);
        var kiteOrders = (await rest.GetOrdersAsync()).Count;
        using var journal = SessionJournal.Open(SessionJournal.PathIn(folder));
        var requests = journal.OrderLog(Day).Where(r => r.State == OrderState.Sent).ToList();
        var ends = journal.Orders(Day).OrderBy(o => o.ClientId, StringComparer.Ordinal).ToList();
        var trades = File.ReadAllLines(Path.Combine(folder, DailyLogs.TradesFile(Day))).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(trades, t => Assert.Equal(mode == TradingMode.Live ? "LIVE" : "DRY RUN", t[1]));
        return new Day_(requests, ends, trades, kiteOrders);
    }

    /// <summary>Until the session has been given the market up to <paramref name="second"/> and has
    /// nothing in hand, and every order update the simulator published has been delivered. Read twice
    /// in a row, the same: an update heard between two reads would post new work.</summary>
    private static async Task SettleAsync(PaperSession session, DateTimeOffset second, Func<int> published)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1); // a guard against a hang, not a pace
        bool Rests() => session.IndexTicksUpTo >= second && session.WorkInHand == 0
            && (session.Broker is null || session.Broker.UpdatesHeard == published());
        while (!(Rests() && Rests()))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the session did not settle at {Ist.Format(second)}: {session.WorkInHand} in hand");
            await Task.Delay(1);
        }
    }

    private static KiteRestClient Rest(SimulatedMarket sim)
    {
        var login = sim.Server.Sessions.CreateSession();
        return new KiteRestClient(new KiteCredentials(login.ApiKey, login.AccessToken), new KiteRestOptions { BaseUri = sim.Server.BaseUri });
    }
}
