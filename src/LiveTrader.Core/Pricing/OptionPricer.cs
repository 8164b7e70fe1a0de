using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;

namespace LiveTrader.Core.Pricing;

/// <summary>Picks and prices the option a backtest would trade: the calendar's nearest expiry, the ITM
/// strike for the signal's side, and a Black-Scholes premium on the trading clock. The premium never
/// goes below one tick, because a listed option never trades for nothing.</summary>
public sealed class OptionPricer
{
    private readonly ExpiryCalendar _calendar;
    private readonly TradingTime _clock;

    /// <param name="rate">Risk-free rate for the model; 0 by default (it fitted the real premiums best
    /// over a few days to expiry and keeps the model simple).</param>
    public OptionPricer(ExpiryCalendar calendar, double rate = 0)
    {
        _calendar = calendar;
        _clock = new TradingTime(calendar);
        Rate = rate;
    }

    public double Rate { get; }

    /// <summary>The contract to buy at this moment: nearest expiry still trading (after the 15:30 close
    /// on expiry day that is the next one) and the segment's ITM strike.</summary>
    public OptionContract ChooseContract(Segment segment, SegmentSettings settings, OptionType type, DateTimeOffset time, decimal spot)
    {
        var day = Ist.DayOf(time);
        var expiry = _calendar.NextExpiry(segment, day);
        if (expiry == day && Ist.TimeOf(time) >= MarketHours.Close)
            expiry = _calendar.NextExpiry(segment, day.AddDays(1));
        var strike = StrikeSelector.ItmStrike(spot, settings, type);
        return Contract(segment, expiry, strike, type);
    }

    /// <summary>A contract with its trading symbol, for a known expiry and strike.</summary>
    public OptionContract Contract(Segment segment, DateOnly expiry, decimal strike, OptionType type) =>
        new(segment, expiry, strike, type, OptionSymbol.For(_calendar, segment, expiry, strike, type));

    /// <summary>Model premium of a contract at an IST moment and index spot, at least one tick.</summary>
    public decimal Price(OptionContract contract, DateTimeOffset time, decimal spot, double volatility, decimal tick = BlackScholes.DefaultTick)
    {
        var years = _clock.YearsToExpiry(time, contract.Expiry);
        var premium = BlackScholes.Price(contract.Type, spot, contract.Strike, years, volatility, Rate, tick);
        return Math.Max(premium, tick);
    }

    /// <summary>Chooses the contract and prices it with the segment's configured volatility and tick.</summary>
    public PricedOption Quote(Segment segment, SegmentSettings settings, OptionType type, DateTimeOffset time, decimal spot)
    {
        var contract = ChooseContract(segment, settings, type, time, spot);
        return new PricedOption(contract, Price(contract, time, spot, settings.ImpliedVolatility, settings.TickSize), spot, time);
    }
}
