using System.Threading.Channels;

namespace LiveTrader.Engine.Session;

/// <summary>Runs one segment session on its own message loop, so the three agents work in parallel
/// without sharing a lock on their state (ARCHITECTURE.md). Inputs are handled strictly in the
/// order they were posted.</summary>
public sealed class SegmentLoop
{
    private readonly Channel<AgentInput> _inbox = Channel.CreateUnbounded<AgentInput>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _run;

    public SegmentLoop(SegmentSession session, Action<AgentInput>? recorder = null)
    {
        Session = session;
        _run = Task.Run(async () =>
        {
            await foreach (var input in _inbox.Reader.ReadAllAsync())
            {
                recorder?.Invoke(input);
                session.Handle(input);
            }
        });
    }

    public SegmentSession Session { get; }

    public void Post(AgentInput input)
    {
        if (!TryPost(input)) throw new InvalidOperationException($"{Session.Segment} loop is stopped");
    }

    /// <summary>False once the loop is stopping: a late tick is dropped, not an error.</summary>
    public bool TryPost(AgentInput input) => _inbox.Writer.TryWrite(input);

    /// <summary>Handles everything already posted, then stops. Throws what the loop failed with.</summary>
    public async Task StopAsync()
    {
        _inbox.Writer.TryComplete();
        await _run;
    }
}
