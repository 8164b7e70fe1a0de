using LiveTrader.Core.Instruments;
using LiveTrader.Core.Orders;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Trading;

namespace LiveTrader.Engine.Execution;

/// <summary>A backtest's fills: there is no option tape in candle files, so every fill is the
/// Black-Scholes premium at the moment's spot (the stop level, or a gapped candle's open, as the
/// agent's candle rules give it), moved against us by the configured slippage.</summary>
public sealed class CandleFillModel(SegmentSettings settings, ModelPremium premium) : IFillModel
{
    public const string Source = "model";

    public FillResult Buy(OptionContract contract, int quantity, DateTimeOffset time, decimal spot) =>
        FillResult.Filled(new Fill(time, premium.Mark(contract, time, spot) + Slippage(contract), quantity, Source));

    public FillResult Sell(OptionContract contract, int quantity, DateTimeOffset time, decimal spot) =>
        FillResult.Filled(new Fill(time, Math.Max(contract.TickSize, premium.Mark(contract, time, spot) - Slippage(contract)), quantity, Source));

    /// <summary>No option tape: the stop reads its trigger through the index level it stands for, as the
    /// agent's own stop does (the stop as it stood at the candle's open against its adverse extreme).</summary>
    public decimal? Triggered(OptionContract contract, decimal trigger, decimal triggerSpot, MarketMove move) =>
        contract.Type == OptionType.CE
            ? move.Low <= triggerSpot ? Math.Min(move.Open, triggerSpot) : null
            : move.High >= triggerSpot ? Math.Max(move.Open, triggerSpot) : null;

    private decimal Slippage(OptionContract contract) => settings.SlippageTicks * contract.TickSize;
}
