using LiveTrader.Core.Instruments;

namespace LiveTrader.Core.Trading;

/// <summary>Picks the option to trade for a signal: the ITM strike on the nearest expiry.</summary>
public interface IContractSelector
{
    /// <summary>The contract, or null with a reason when none can be traded.</summary>
    OptionContract? Select(OptionType type, decimal spot, DateTimeOffset time, out string? refusal);
}
