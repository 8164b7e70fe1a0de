using System.Text.Json.Serialization;
using LiveTrader.Core.Market;

namespace LiveTrader.Engine.Session;

/// <summary>Everything that reaches a segment agent's loop, in the order it arrived. A paper session
/// records these; replaying the recording through the same loop reproduces the session exactly.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(IndexTickInput), "index_tick")]
[JsonDerivedType(typeof(OptionTickInput), "option_tick")]
[JsonDerivedType(typeof(CircuitBandInput), "circuit_band")]
[JsonDerivedType(typeof(CandleClosedInput), "candle")]
[JsonDerivedType(typeof(WarmUpCandleInput), "warm_up")]
[JsonDerivedType(typeof(ClockInput), "clock")]
[JsonDerivedType(typeof(PauseInput), "pause")]
[JsonDerivedType(typeof(ResumeInput), "resume")]
[JsonDerivedType(typeof(CloseAllInput), "close_all")]
[JsonDerivedType(typeof(FeedStatusInput), "feed")]
[JsonDerivedType(typeof(OrderUpdateInput), "order_update")]
[JsonDerivedType(typeof(KillSwitchInput), "kill_switch")]
[JsonDerivedType(typeof(RearmInput), "rearm")]
[JsonDerivedType(typeof(CandleCheckInput), "candle_check")]
[JsonDerivedType(typeof(BrokerNoticeInput), "broker_notice")]
[JsonDerivedType(typeof(ReconciledInput), "reconciled")]
public abstract record AgentInput(DateTimeOffset Time);

/// <summary>An index tick: stops, target and trail.</summary>
public sealed record IndexTickInput(DateTimeOffset Time, decimal Spot) : AgentInput(Time);

/// <summary>A tick of a watched option: its quote for fills, and pyramiding for the held one.</summary>
public sealed record OptionTickInput(DateTimeOffset Time, Tick Quote) : AgentInput(Time);

/// <summary>A watched option's circuit limits from Kite's <c>/quote</c>: a marketable LIMIT is kept
/// inside them. An input like a tick, so a replay prices its limits as the session did.</summary>
public sealed record CircuitBandInput(DateTimeOffset Time, uint InstrumentToken, decimal Lower, decimal Upper) : AgentInput(Time);

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

/// <summary>The market connection changed state (connected, reconnecting, login required ...): logged
/// in every segment's event log, so a trader sees when prices were not arriving.</summary>
public sealed record FeedStatusInput(DateTimeOffset Time, string Status) : AgentInput(Time);

/// <summary>What a venue that answers later (Kite's ticker or order book) said of one of our orders:
/// recorded and journalled like a tick, so a replay books exactly the fills the session booked.</summary>
public sealed record OrderUpdateInput(DateTimeOffset Time, Core.Orders.OrderUpdate Update) : AgentInput(Time);

/// <summary>The kill switch (page button or <c>kill-switch</c>): cancel working orders, flatten, then
/// refuse every order until a person re-arms. <see cref="By"/> says where it was pressed.</summary>
public sealed record KillSwitchInput(DateTimeOffset Time, string By) : AgentInput(Time);

/// <summary>A person re-armed trading after the kill switch.</summary>
public sealed record RearmInput(DateTimeOffset Time, string By) : AgentInput(Time);

/// <summary>A tick-built candle beside Kite's historical one (null: none came in time), logged before the candle is traded.</summary>
public sealed record CandleCheckInput(DateTimeOffset Time, Candle Ticks, Candle? History) : AgentInput(Time);

/// <summary>What the broker connection says that is not an order's fate: a modification Kite
/// refused, a lost answer being looked for, an order that is not ours.</summary>
public sealed record BrokerNoticeInput(DateTimeOffset Time, string Message, bool Halts = false) : AgentInput(Time);

/// <summary>The ledger compared with Kite's orders and positions before the first live order:
/// what the trader should know, and why the segment must not trade (null: it may).</summary>
public sealed record ReconciledInput(DateTimeOffset Time, IReadOnlyList<string> Warnings, string? Refusal) : AgentInput(Time);
