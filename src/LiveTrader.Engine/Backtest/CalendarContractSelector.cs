using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Pricing;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Trading;

namespace LiveTrader.Engine.Backtest;

/// <summary>A backtest's instrument selection: no instrument dump exists for past days, so the
/// expiry comes from the calendar kept as data and the lot size from the configuration.</summary>
public sealed class CalendarContractSelector(Segment segment, SegmentSettings settings, OptionPricer pricer) : IContractSelector
{
    public OptionContract? Select(OptionType type, decimal spot, DateTimeOffset time, out string? refusal)
    {
        refusal = null;
        try
        {
            return pricer.ChooseContract(segment, settings, type, time, spot) with
            {
                Exchange = settings.Exchange,
                LotSize = settings.LotSize,
                TickSize = settings.TickSize,
            };
        }
        catch (InvalidOperationException e)
        {
            // The calendar only knows the years its holiday lists cover.
            refusal = e.Message;
            return null;
        }
    }
}
