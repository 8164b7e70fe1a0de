using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;

namespace LiveTrader.Engine.Session;

/// <summary>The event log's words for a candle check (DECISIONS.md "Live candles"): which candle the
/// signal was computed on and what the other one said, so a trader can see every correction.</summary>
public static class CandleCheck
{
    public static AgentEvent Event(CandleCheckInput check, Segment segment, decimal? spot) => check.History is { } history
        ? new AgentEvent(check.Time, segment, AgentEventType.CandleCorrected,
            $"candle {Ist.TimeOf(check.Ticks.Start):HH\\:mm} from history {Ohlc(history)}; the ticks gave {Ohlc(check.Ticks)}", spot: spot)
        : new AgentEvent(check.Time, segment, AgentEventType.CandleUnconfirmed,
            $"candle {Ist.TimeOf(check.Ticks.Start):HH\\:mm} from ticks {Ohlc(check.Ticks)}: the historical candle did not come within the confirm window", spot: spot);

    private static string Ohlc(Candle c) => $"O {c.Open} H {c.High} L {c.Low} C {c.Close}";
}
