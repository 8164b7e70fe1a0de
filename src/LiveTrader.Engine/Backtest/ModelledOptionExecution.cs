using LiveTrader.Core.Instruments;
using LiveTrader.Core.Pricing;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Trading;

namespace LiveTrader.Engine.Backtest;

/// <summary>A backtest's fills: there is no option tape in candle files, so every fill is the
/// Black-Scholes premium at the moment's spot, moved against us by the configured slippage.</summary>
public sealed class ModelledOptionExecution(SegmentSettings settings, OptionPricer pricer) : IOptionExecution
{
    public const string Source = "model";

    public FillResult Buy(OptionContract contract, int quantity, DateTimeOffset time, decimal spot) =>
        FillResult.Filled(new Fill(time, Premium(contract, time, spot) + Slippage(contract), quantity, Source));

    public FillResult Sell(OptionContract contract, int quantity, DateTimeOffset time, decimal spot) =>
        FillResult.Filled(new Fill(time, Math.Max(contract.TickSize, Premium(contract, time, spot) - Slippage(contract)), quantity, Source));

    public decimal? Mark(OptionContract contract, DateTimeOffset time, decimal spot) => Premium(contract, time, spot);

    private decimal Premium(OptionContract contract, DateTimeOffset time, decimal spot) =>
        pricer.Price(contract, time, spot, settings.ImpliedVolatility, contract.TickSize);

    private decimal Slippage(OptionContract contract) => settings.SlippageTicks * contract.TickSize;
}
