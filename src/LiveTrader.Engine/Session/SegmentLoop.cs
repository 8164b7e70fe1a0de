using System.Threading.Channels;

namespace LiveTrader.Engine.Session;

/// <summary>Runs one segment session on its own message loop, so the three agents work in parallel
/// without sharing a lock on their state (ARCHITECTURE.md). Inputs are handled strictly in the
/// order they were posted.</summary>
public sealed class SegmentLoop
{
    private readonly Channel<AgentInput> _inbox = Channel.CreateUnbounded<AgentInput>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _run;
    private long _posted;
    private long _handled;

    public SegmentLoop(SegmentSession session, Action<AgentInput>? recorder = null)
    {
        Session = session;
        _run = Task.Run(async () =>
        {
            await foreach (var input in _inbox.Reader.ReadAllAsync())
            {
                recorder?.Invoke(input);
                try
                {
                    session.Handle(input);
                    Interlocked.Increment(ref _handled);
                }
                catch (Exception e)
                {
                    // A step that cannot be journalled (disk full, a broken database) must not be
                    // traded past: the loop stops taking inputs and says why.
                    Fault = $"{e.GetType().Name}: {e.Message}";
                    _inbox.Writer.TryComplete();
                    return;
                }
            }
        });
    }

    public SegmentSession Session { get; }

    /// <summary>Why the loop stopped on its own, if it did; shown on the segment's status.</summary>
    public string? Fault { get; private set; }

    public void Post(AgentInput input)
    {
        if (!TryPost(input)) throw new InvalidOperationException($"{Session.Segment} loop is stopped");
    }

    /// <summary>False once the loop is stopping: a late tick is dropped, not an error.</summary>
    public bool TryPost(AgentInput input) => TryPost(input, out _);

    /// <summary>As <see cref="TryPost(AgentInput)"/>, giving the input's place in the order, so a
    /// caller can wait until <see cref="Handled"/> reaches it.</summary>
    public bool TryPost(AgentInput input, out long number)
    {
        lock (_inbox)
        {
            number = 0;
            if (!_inbox.Writer.TryWrite(input)) return false;
            number = ++_posted;
            return true;
        }
    }

    /// <summary>How many inputs have been handled, in posting order.</summary>
    public long Handled => Interlocked.Read(ref _handled);

    /// <summary>How many inputs have been posted: the loop has caught up when <see cref="Handled"/> reaches it.</summary>
    public long Posted
    {
        get
        {
            lock (_inbox) return _posted;
        }
    }

    /// <summary>Handles everything already posted, then stops.</summary>
    public async Task StopAsync()
    {
        _inbox.Writer.TryComplete();
        await _run;
    }
}
