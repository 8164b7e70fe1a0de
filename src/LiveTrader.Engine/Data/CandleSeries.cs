using LiveTrader.Core.Market;

namespace LiveTrader.Engine.Data;

/// <summary>Candles read from a file, in time order, with what was dropped on the way in.</summary>
/// <param name="Candles">The market-hours candles.</param>
/// <param name="Timeframe">The file's candle length, inferred from the spacing of its candles.</param>
/// <param name="DroppedOutsideHours">Candles starting before 09:15 or at/after 15:30 IST, never used.</param>
/// <param name="DateTexts">Each kept candle's <c>date</c> text exactly as in the file.</param>
public sealed record CandleSeries(
    string File,
    IReadOnlyList<Candle> Candles,
    Timeframe Timeframe,
    int DroppedOutsideHours,
    IReadOnlyList<string> DateTexts);
