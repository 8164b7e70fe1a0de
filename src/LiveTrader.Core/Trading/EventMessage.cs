using System.Runtime.CompilerServices;

namespace LiveTrader.Core.Trading;

/// <summary>An event-log message the agent formats only when someone reads its events: a sweep runs
/// a year of trades per parameter set and keeps none of their messages. Formats exactly as an
/// interpolated string does (the current culture, which the invariant-globalization build fixes).</summary>
[InterpolatedStringHandler]
internal ref struct EventMessage
{
    private DefaultInterpolatedStringHandler _text;

    public EventMessage(int literalLength, int formattedCount, SegmentAgent agent, out bool logging)
    {
        logging = agent.Logging;
        _text = logging ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _text.AppendFormatted(value, format);

    public void AppendFormatted(string? value) => _text.AppendFormatted(value);

    public string ToStringAndClear() => _text.ToStringAndClear();
}
