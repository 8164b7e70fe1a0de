using LiveTrader.Core.Settings;

namespace LiveTrader.Core.Charges;

/// <summary>Zerodha index-option charges (field-notes 2.1) from dated rate rows: a trade uses the newest
/// row effective on its date, so an old backtest pays the rates of its time.</summary>
/// <remarks>Per trade: brokerage per executed order; STT on sell premium; exchange charge (NSE on NFO,
/// BSE on BFO) and SEBI fee on both sides; NSE IPFT on NFO only; stamp duty on buys; GST on brokerage +
/// exchange charge + SEBI fee (not on STT, stamp or IPFT). Each item is rounded to the paise, halves up,
/// and GST is taken on the rounded items as a contract note shows them; STT rounding is a choice
/// (<see cref="SttRounding"/>).</remarks>
public sealed class ChargesCalculator
{
    private readonly IReadOnlyList<ChargeRateSettings> _rates;
    private readonly SttRounding _sttRounding;

    public ChargesCalculator(IEnumerable<ChargeRateSettings> rates, SttRounding sttRounding = SttRounding.Paise)
    {
        _rates = rates.OrderBy(r => r.EffectiveFrom).ToList();
        if (_rates.Count == 0) throw new ArgumentException("at least one dated charge-rate row is needed", nameof(rates));
        _sttRounding = sttRounding;
    }

    /// <summary>The newest rate row whose EffectiveFrom is on or before the trade date.</summary>
    public ChargeRateSettings RatesOn(DateOnly tradeDate)
    {
        ChargeRateSettings? found = null;
        foreach (var row in _rates)
            if (row.EffectiveFrom <= tradeDate) found = row;
        return found ?? throw new InvalidOperationException(
            $"no charge rates effective on {tradeDate:yyyy-MM-dd}; the oldest row starts {_rates[0].EffectiveFrom:yyyy-MM-dd}");
    }

    /// <summary>Charges for a trade given its executed buy and sell orders (each fill = one order).</summary>
    public ChargeBreakdown Calculate(OptionsExchange exchange, DateOnly tradeDate, IReadOnlyCollection<OrderFill> buys, IReadOnlyCollection<OrderFill> sells) =>
        Calculate(exchange, tradeDate, buys.Sum(f => f.Turnover), sells.Sum(f => f.Turnover), buys.Count, sells.Count);

    /// <summary>Charges from premium turnover (price x quantity summed per side) and order counts.</summary>
    public ChargeBreakdown Calculate(OptionsExchange exchange, DateOnly tradeDate, decimal buyTurnover, decimal sellTurnover, int buyOrders, int sellOrders)
    {
        if (buyTurnover < 0 || sellTurnover < 0) throw new ArgumentOutOfRangeException(nameof(buyTurnover), "turnover must not be negative");
        if (buyOrders < 0 || sellOrders < 0) throw new ArgumentOutOfRangeException(nameof(buyOrders), "order counts must not be negative");

        var r = RatesOn(tradeDate);
        var turnover = buyTurnover + sellTurnover;

        var brokerage = Paise(r.BrokeragePerOrder * (buyOrders + sellOrders));
        var sttRaw = sellTurnover * r.SttSellPercent / 100;
        var stt = _sttRounding == SttRounding.NearestRupee ? Math.Round(sttRaw, 0, MidpointRounding.AwayFromZero) : Paise(sttRaw);
        var exchangePercent = exchange == OptionsExchange.NFO ? r.ExchangeNsePercent : r.ExchangeBsePercent;
        var exchangeCharge = Paise(turnover * exchangePercent / 100);
        var ipft = exchange == OptionsExchange.NFO ? Paise(turnover * r.IpftNsePercent / 100) : 0m;
        var sebi = Paise(turnover * r.SebiPercent / 100);
        var stamp = Paise(buyTurnover * r.StampBuyPercent / 100);
        var gst = Paise((brokerage + exchangeCharge + sebi) * r.GstPercent / 100);

        return new ChargeBreakdown(brokerage, stt, exchangeCharge, ipft, sebi, stamp, gst, r.EffectiveFrom);
    }

    private static decimal Paise(decimal rupees) => Math.Round(rupees, 2, MidpointRounding.AwayFromZero);
}
