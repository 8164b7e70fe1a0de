using System.Globalization;
using System.Threading.Channels;
using LiveTrader.App.Feeds;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Signals;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Execution;
using LiveTrader.Engine.Feeds;
using LiveTrader.Engine.Session;

namespace LiveTrader.App.Web;

/// <summary>Owns at most one paper session (on the in-process simulator or the Kite account) and fans its events out to
/// every open event stream. The page starts, pauses and stops it; the server outlives it.</summary>
public sealed class TraderService(LiveTraderSettings settings, KiteAccount account, WallClock clock) : IAsyncDisposable
{
    /// <summary>Events kept for a stream that opens after they happened (the page reloaded).</summary>
    public const int Recent = 500;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly object _fanLock = new();
    private readonly List<Channel<AgentEvent>> _listeners = [];
    private readonly Queue<AgentEvent> _recent = new();
    private SimulatedMarket? _sim;
    private PaperSession? _session;
    private Func<DateTimeOffset>? _clock;
    private Dictionary<Segment, IReadOnlyList<SignalReading>> _lastReadings = [];
    private IReadOnlyList<SegmentStatus> _lastStatuses = [];
    private CancellationTokenSource? _closeWatch;

    public LiveTraderSettings Settings { get; } = settings;

    public bool Running => _session is not null;

    public bool Paused { get; private set; }

    public string Feed { get; private set; } = "none";

    /// <summary>The running (or last) session's mode: PAPER, LIVE or DRY RUN on every row and on the page.</summary>
    public TradingMode Mode { get; private set; } = TradingMode.Paper;

    /// <summary>sim, kite, or none before the first session.</summary>
    public string FeedKind { get; private set; } = "none";

    /// <summary>The running (or last) session's settings, overrides applied.</summary>
    public LiveTraderSettings SessionSettings { get; private set; } = settings;

    public KiteAccount Account { get; } = account;

    public IReadOnlyList<Segment> Segments { get; private set; } = [];

    /// <summary>The trading day of the running (or last) session; the machine's IST day before any.</summary>
    public DateOnly Day { get; private set; } = Ist.DayOf(clock.Now());

    public string Folder => Settings.OutputFolder;

    public string FeedStatus => _session?.FeedStatus ?? "stopped";

    /// <summary>The running session's account protection (spec 9), else null.</summary>
    public AccountStatus? Protection => _session?.Protection;

    /// <summary>The running session's cards, else the last session's as it stopped.</summary>
    public IReadOnlyList<SegmentStatus> Statuses => _session?.Statuses ?? _lastStatuses;

    /// <summary>Why the last session ended on its own (the market closed), or which positions its
    /// stop could not close; null otherwise.</summary>
    public string? Ended { get; private set; }

    /// <summary>The in-process simulator of the running session, if that is its feed: how the fault
    /// tests stall its ticker under a live page session.</summary>
    internal Sim.SimServer? Simulator => _sim?.Server;

    public DateTimeOffset? Now => _clock?.Invoke();

    /// <summary>The segment's recent candles and lines: the running session's, else the last one's.</summary>
    public IReadOnlyList<SignalReading> Readings(Segment segment) =>
        _session is { } session ? session.Readings(segment) : _lastReadings.GetValueOrDefault(segment) ?? [];

    /// <summary>Starts a session as planned; false when one is already running.</summary>
    public async Task<bool> StartAsync(StartValidation.Plan plan, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_session is not null) return false;
            lock (_fanLock) _recent.Clear();
            var (market, now, staleQuote, sim) = await OpenFeedAsync(plan, ct);
            try
            {
                var session = new PaperSession(plan.Settings, plan.Segments, Folder, market, now, Publish)
                {
                    StaleQuote = staleQuote, MarketSecondsPerSecond = sim?.MarketSecondsPerSecond ?? 1, Mode = plan.Mode, FeedName = plan.Feed,
                    Broker = plan.Mode == TradingMode.Live ? market.Broker(plan.Settings.Live, sim?.Server.Options.ApiSecret) : null,
                };
                try
                {
                    await session.StartAsync(ct);
                }
                catch
                {
                    await session.DisposeAsync(); // the session owns the market: its clients go with it
                    throw;
                }
                if (sim is not null) await sim.OpenTheDayAsync(session, TimeSpan.FromSeconds(10), ct);
                _sim = sim;
                _session = session;
                _clock = now;
                Segments = plan.Segments;
                SessionSettings = plan.Settings;
                Paused = false;
                Day = Ist.DayOf(now());
                FeedKind = plan.Feed;
                Mode = plan.Mode;
                Feed = sim is null ? "Kite" : string.Create(CultureInfo.InvariantCulture, $"simulator x{plan.Speed}");
                Ended = null;
                _closeWatch = new CancellationTokenSource();
                _ = StopAtTheCloseAsync(session, now, _closeWatch.Token);
                return true;
            }
            catch
            {
                if (sim is not null) await sim.DisposeAsync();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The simulator in-process, or the trader's Kite account on the wall clock.</summary>
    private async Task<(KiteLiveMarket Market, Func<DateTimeOffset> Now, TimeSpan StaleQuote, SimulatedMarket? Sim)> OpenFeedAsync(
        StartValidation.Plan plan, CancellationToken ct)
    {
        if (plan.Sim is { } options)
        {
            var sim = await SimulatedMarket.StartAsync(options, ct);
            return (sim.Market, sim.Now, sim.StaleQuote, sim);
        }
        var market = KiteFeed.Open(Account, clock) ?? throw new KiteLoginRequiredException();
        return (market, clock.Now, TimeSpan.FromSeconds(5), null);
    }

    /// <summary>Stops the running session (only <paramref name="only"/>, when given); false when none
    /// is running. The service is free for a new session afterwards even if a teardown step failed.</summary>
    public async Task<bool> StopAsync(bool closeAll, PaperSession? only = null)
    {
        await _gate.WaitAsync();
        try
        {
            if (_session is not { } session || (only is not null && only != session)) return false;
            var sim = _sim;
            _closeWatch?.Cancel();
            _closeWatch?.Dispose();
            _closeWatch = null;
            try
            {
                await session.StopAsync(closeAll);
                // The cards and charts keep showing the stopped session's day.
                _lastReadings = Segments.ToDictionary(s => s, session.Readings);
                _lastStatuses = session.Statuses;
                var stillOpen = _lastStatuses.Where(s => s.Quantity > 0).Select(s => $"{s.Segment} {s.OptionSymbol} x{s.Quantity}").ToList();
                if (closeAll && stillOpen.Count > 0)
                    Ended = $"stopped, but {string.Join(", ", stillOpen)} found no fresh quote to close on: still open in the journal; the next start today closes it";
            }
            finally
            {
                // A stopped session's clock stands where it stopped, so its status no longer moves.
                if (_clock?.Invoke() is { } stoppedAt) _clock = () => stoppedAt;
                _session = null;
                _sim = null;
                Paused = false;
                try
                {
                    await session.DisposeAsync();
                }
                finally
                {
                    if (sim is not null) await sim.DisposeAsync();
                }
            }
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>As the console session does at 15:30: the day is over, so the session stops itself
    /// (on the simulator its clock would otherwise run on into days nobody trades).</summary>
    private async Task StopAtTheCloseAsync(PaperSession session, Func<DateTimeOffset> now, CancellationToken ct)
    {
        var close = Ist.At(Day, MarketHours.Close);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (now() < close) continue;
                Ended = $"market closed at {MarketHours.Close:HH:mm}: the session stopped itself";
                await StopAsync(closeAll: false, only: session);
                return;
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped by hand first.
        }
        catch (Exception e)
        {
            // Nobody awaits this watcher: the page is where a failed stop must show.
            Ended = $"the session could not stop itself at the close: {e.Message}";
        }
    }

    /// <summary>The page's kill switch: every segment cancels, flattens and halts until re-armed.</summary>
    public bool KillSwitch() => Do(s => s.KillSwitch("page"));

    public bool Rearm() => Do(s => s.Rearm("page"));

    public bool PauseAll() => Do(s => { s.PauseAll(); Paused = true; });

    public bool ResumeAll() => Do(s => { s.ResumeAll(); Paused = false; });

    public bool Pause(Segment segment) => Segments.Contains(segment) && Do(s => s.Pause(segment));

    public bool Resume(Segment segment) => Segments.Contains(segment) && Do(s => s.Resume(segment));

    private bool Do(Action<PaperSession> action)
    {
        var session = _session;
        if (session is null) return false;
        action(session);
        return true;
    }

    /// <summary>A stream of every event from now on, preceded by the recent ones; dispose to leave.</summary>
    public Listener Listen()
    {
        var channel = Channel.CreateBounded<AgentEvent>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_fanLock)
        {
            foreach (var e in _recent) channel.Writer.TryWrite(e);
            _listeners.Add(channel);
        }
        return new Listener(channel.Reader, () => { lock (_fanLock) _listeners.Remove(channel); });
    }

    private void Publish(AgentEvent e)
    {
        lock (_fanLock)
        {
            _recent.Enqueue(e);
            while (_recent.Count > Recent) _recent.Dequeue();
            foreach (var l in _listeners) l.Writer.TryWrite(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(closeAll: false);
        _gate.Dispose();
    }

    public sealed class Listener(ChannelReader<AgentEvent> reader, Action leave) : IDisposable
    {
        public ChannelReader<AgentEvent> Reader { get; } = reader;

        public void Dispose() => leave();
    }
}

/// <summary>The Kite feed was asked for while the account needs a login.</summary>
public sealed class KiteLoginRequiredException() : Exception("login required: log in to Kite first (the Kite login button), or set KITE_API_KEY and KITE_ACCESS_TOKEN");
