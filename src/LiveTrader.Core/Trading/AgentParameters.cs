using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;

namespace LiveTrader.Core.Trading;

/// <summary>What one segment agent trades by, drawn from validated settings.</summary>
public sealed record AgentParameters(
    Segment Segment,
    string IndexSymbol,
    Timeframe Timeframe,
    int RsiPeriod,
    decimal StopLossPoints,
    decimal TrailingStopPoints,
    decimal? ProfitTargetPoints,
    PyramidRule Pyramid,
    int MaxTradesPerDay,
    decimal? MaxDailyLoss,
    TimeOnly WindowStart,
    TimeOnly WindowEnd,
    TimeOnly SquareOff,
    int LotsAtEntry = 1,
    int ConfiguredLotSize = 0,
    ProtectiveStopRule? ProtectiveStop = null)
{
    public static AgentParameters From(LiveTraderSettings settings, Segment segment)
    {
        var s = settings.Segments[segment.ToString()];
        return new AgentParameters(
            segment,
            s.IndexSymbol,
            settings.Strategy.ParsedTimeframe(),
            settings.Strategy.RsiPeriod,
            s.StopLossPoints,
            s.TrailingStopPoints,
            s.ProfitTargetPoints,
            new PyramidRule(s.PyramidPoints, s.LotAddition, s.MaxQuantity),
            s.MaxTradesPerDay,
            s.MaxDailyLoss,
            s.TradingWindowStart,
            s.TradingWindowEnd,
            settings.Risk.SquareOffTime,
            ConfiguredLotSize: s.LotSize,
            ProtectiveStop: settings.Risk.ProtectiveStops
                ? new ProtectiveStopRule(settings.Risk.ProtectiveStopBufferPercent, settings.Risk.ProtectiveStopStepPoints, s.FreezeQuantity)
                : null);
    }
}
