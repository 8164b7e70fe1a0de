namespace LiveTrader.Sim.Market;

/// <summary>Everything known about an instrument at one simulated instant (decimal units; IST times).</summary>
public sealed record InstrumentSnapshot(
    SimInstrument Instrument,
    DateTimeOffset Timestamp,
    double LastPrice,
    long LastQuantity,
    double AveragePrice,
    long Volume,
    long BuyQuantity,
    long SellQuantity,
    double Open,
    double High,
    double Low,
    double PreviousClose,
    DateTimeOffset? LastTradeTime,
    long OpenInterest,
    long OpenInterestDayHigh,
    long OpenInterestDayLow,
    SimDepthLevel[] Bids,
    SimDepthLevel[] Offers)
{
    public double NetChange => Math.Round(LastPrice - PreviousClose, 2);
    public double BestBid => Bids.Length > 0 ? Bids[0].Price : 0;
    public double BestAsk => Offers.Length > 0 ? Offers[0].Price : 0;
}

/// <summary>A historical candle of the simulated market (start time in IST).</summary>
public readonly record struct SimCandle(DateTimeOffset Start, double Open, double High, double Low, double Close, long Volume, long OpenInterest);
