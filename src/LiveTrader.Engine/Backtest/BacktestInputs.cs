using LiveTrader.Core.Market;
using LiveTrader.Engine.Data;

namespace LiveTrader.Engine.Backtest;

/// <summary>Turns a segment's candles (from a file or from Kite's history) into what the runner
/// takes: candles on the signal timeframe, checked stop candles, and a trading range the candles
/// actually reach. The command line and the Backtest page both prepare their runs here, so the same
/// file is refused the same way wherever it is given.</summary>
public static class BacktestInputs
{
    public static BacktestInput FromSeries(Segment segment, CandleSeries series, CandleSeries? stopSeries, Timeframe timeframe, DateOnly? from, DateOnly? to)
    {
        var (candles, _) = CandleInput.ToTimeframe(series, timeframe);
        IReadOnlyList<Candle>? stops = null;
        if (stopSeries is not null)
        {
            if (stopSeries.Timeframe.Minutes >= timeframe.Minutes || timeframe.Minutes % stopSeries.Timeframe.Minutes != 0)
                throw new InputFileException(stopSeries.File, null, null,
                    $"holds {stopSeries.Timeframe} candles; stop candles must be finer than the {timeframe} signal candles and divide them");
            stops = stopSeries.Candles;
        }
        return FromCandles(segment, series.File, candles, stops, from, to);
    }

    /// <param name="source">Names the candles' origin in a refusal (a file, or Kite's history).</param>
    public static BacktestInput FromCandles(Segment segment, string source, IReadOnlyList<Candle> candles, IReadOnlyList<Candle>? stops, DateOnly? from, DateOnly? to)
    {
        if (candles.Count == 0) throw new InputFileException(source, null, null, "no candles inside market hours (09:15-15:30 IST)");
        // A range the candles never reach would run to an empty result that looks like "no trades".
        if (from is DateOnly first && Ist.DayOf(candles[^1].Start) < first)
            throw new InputFileException(source, null, null, $"its last candle ({Ist.Format(candles[^1].Start)}) is before the first day to trade ({first:yyyy-MM-dd})");
        if (to is DateOnly last && Ist.DayOf(candles[0].Start) > last)
            throw new InputFileException(source, null, null, $"its first candle ({Ist.Format(candles[0].Start)}) is after the last day to trade ({last:yyyy-MM-dd})");
        // Inside the data but on no day it holds (a weekend, a holiday, a gap): say so, not "0 trades".
        if ((from is not null || to is not null) && !candles.Any(c => Ist.DayOf(c.Start) is var day && (from is not DateOnly a || day >= a) && (to is not DateOnly b || day <= b)))
            throw new InputFileException(source, null, null,
                $"no trading day from {from?.ToString("yyyy-MM-dd") ?? "the start"} to {to?.ToString("yyyy-MM-dd") ?? "the end"}: the candles hold none in that range (a weekend, a holiday or a gap?)");
        return new BacktestInput(segment, candles, stops, from, to);
    }
}
