using System.Threading.Channels;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Session;
using LiveTrader.App.Feeds;

namespace LiveTrader.App.Web;

/// <summary>Owns at most one paper session (on the in-process simulator) and fans its events out to
/// every open event stream. The page starts, pauses and stops it; the server outlives it.</summary>
public sealed class TraderService(LiveTraderSettings settings) : IAsyncDisposable
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

    public LiveTraderSettings Settings { get; } = settings;

    public bool Running => _session is not null;

    public bool Paused { get; private set; }

    public string Feed { get; private set; } = "none";

    public IReadOnlyList<Segment> Segments { get; private set; } = [];

    /// <summary>The trading day of the running (or last) session; the machine's IST day before any.</summary>
    public DateOnly Day { get; private set; } = Ist.DayOf(Ist.From(DateTimeOffset.UtcNow));

    public string Folder => Settings.OutputFolder;

    public string FeedStatus => _session?.FeedStatus ?? "stopped";

    public IReadOnlyList<SegmentStatus> Statuses => _session?.Statuses ?? [];

    public DateTimeOffset? Now => _clock?.Invoke();

    /// <summary>Starts a session as planned; false when one is already running.</summary>
    public async Task<bool> StartAsync(StartValidation.Plan plan, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_session is not null) return false;
            lock (_fanLock) _recent.Clear();
            var sim = await SimulatedMarket.StartAsync(plan.Sim, ct);
            try
            {
                Func<DateTimeOffset> now = sim.Now;
                var session = new PaperSession(plan.Settings, plan.Segments, Folder, sim.Market, now, Publish) { StaleQuote = sim.StaleQuote };
                try
                {
                    await session.StartAsync(ct);
                }
                catch
                {
                    await session.DisposeAsync();
                    throw;
                }
                _sim = sim;
                _session = session;
                _clock = now;
                Segments = plan.Segments;
                Paused = false;
                Day = Ist.DayOf(now());
                Feed = $"simulator x{plan.Speed}";
                return true;
            }
            catch
            {
                await sim.DisposeAsync();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the running session; false when none is running.</summary>
    public async Task<bool> StopAsync(bool closeAll)
    {
        await _gate.WaitAsync();
        try
        {
            if (_session is null) return false;
            await _session.StopAsync(closeAll);
            await _session.DisposeAsync();
            if (_sim is not null) await _sim.DisposeAsync();
            _session = null;
            _sim = null;
            Paused = false;
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

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
