using LiveTrader.Kite.Ticker;
using LiveTrader.Sim.Market;

namespace LiveTrader.Sim.Ticker;

/// <summary>Turns a market snapshot into a wire tick (prices in paise; kite-protocol.md §6.4–6.5).</summary>
public static class SimTickBuilder
{
    public static KiteTick Build(InstrumentSnapshot s, TickMode mode)
    {
        static uint Raw(double price) => (uint)Math.Max(0, Math.Round(price * 100, MidpointRounding.AwayFromZero));
        static uint Unix(DateTimeOffset? t) => t is { } v ? (uint)v.ToUnixTimeSeconds() : 0;

        var inst = s.Instrument;
        var t = new KiteTick
        {
            InstrumentToken = inst.InstrumentToken,
            Mode = mode,
            Tradable = inst.Kind != SimInstrumentKind.Index,
            RawLastPrice = Raw(s.LastPrice),
        };
        if (mode == TickMode.Ltp) return t;
        t.RawOpen = Raw(s.Open);
        t.RawHigh = Raw(s.High);
        t.RawLow = Raw(s.Low);
        t.RawClose = Raw(s.PreviousClose);
        if (inst.Kind == SimInstrumentKind.Index)
        {
            t.RawIndexChange = (int)Math.Round((s.LastPrice - s.PreviousClose) * 100);
            if (mode == TickMode.Full) t.ExchangeTimestampUnix = Unix(s.Timestamp);
            return t;
        }
        t.LastTradedQuantity = (uint)s.LastQuantity;
        t.RawAveragePrice = Raw(s.AveragePrice);
        t.Volume = (uint)Math.Min(uint.MaxValue, s.Volume);
        t.TotalBuyQuantity = (uint)Math.Min(uint.MaxValue, s.BuyQuantity);
        t.TotalSellQuantity = (uint)Math.Min(uint.MaxValue, s.SellQuantity);
        if (mode != TickMode.Full) return t;
        t.LastTradeTimeUnix = Unix(s.LastTradeTime);
        t.OpenInterest = (uint)s.OpenInterest;
        t.OpenInterestDayHigh = (uint)s.OpenInterestDayHigh;
        t.OpenInterestDayLow = (uint)s.OpenInterestDayLow;
        t.ExchangeTimestampUnix = Unix(s.Timestamp);
        t.DepthCount = 5;
        for (int i = 0; i < 5; i++)
        {
            var b = i < s.Bids.Length ? s.Bids[i] : default;
            var o = i < s.Offers.Length ? s.Offers[i] : default;
            t.Bids[i] = new DepthLevel((uint)b.Quantity, Raw(b.Price), (ushort)b.Orders);
            t.Offers[i] = new DepthLevel((uint)o.Quantity, Raw(o.Price), (ushort)o.Orders);
        }
        return t;
    }
}
