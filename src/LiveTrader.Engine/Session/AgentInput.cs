using LiveTrader.Core.Market;

namespace LiveTrader.Engine.Session;

/// <summary>Everything that reaches a segment agent's loop, in the order it arrived. A paper session
/// records these; replaying the recording through the same loop reproduces the session exactly.</summary>
public abstract record AgentInput(DateTimeOffset Time);

/// <summary>An index tick: stops, target and trail.</summary>
public sealed record IndexTickInput(DateTimeOffset Time, decimal Spot) : AgentInput(Time);

/// <summary>A tick of the held option (its quote is already in the quote book): pyramiding.</summary>
public sealed record OptionTickInput(DateTimeOffset Time, uint Token) : AgentInput(Time);

/// <summary>A completed index candle: indicators, signal, entries.</summary>
public sealed record CandleClosedInput(DateTimeOffset Time, Candle Candle) : AgentInput(Time);

/// <summary>A candle from the historical API, before trading: warms the indicators only.</summary>
public sealed record WarmUpCandleInput(DateTimeOffset Time, Candle Candle) : AgentInput(Time);

/// <summary>The clock's beat: square-off on time without waiting for a tick.</summary>
public sealed record ClockInput(DateTimeOffset Time) : AgentInput(Time);

/// <summary>The trader's commands from the page or the command line.</summary>
public sealed record PauseInput(DateTimeOffset Time) : AgentInput(Time);

public sealed record ResumeInput(DateTimeOffset Time) : AgentInput(Time);

public sealed record CloseAllInput(DateTimeOffset Time, string Reason) : AgentInput(Time);
