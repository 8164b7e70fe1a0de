namespace LiveTrader.Core.Trading;

/// <summary>How the protective stop-limit of an open position is kept (DECISIONS.md "Stops at the
/// broker"): its limit <see cref="BufferPercent"/> below its trigger, its trigger moved with the trail
/// only once the stop has moved <see cref="StepPoints"/> index points, and after
/// <see cref="MaxModifications"/> modifications (Kite's cap per order) cancelled and placed anew, as
/// it is when its quantity crosses the <see cref="FreezeQuantity"/> (it is sliced above it).</summary>
public sealed record ProtectiveStopRule(decimal BufferPercent, decimal StepPoints, int FreezeQuantity = int.MaxValue, int MaxModifications = 25);
