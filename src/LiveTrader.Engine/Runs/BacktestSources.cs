namespace LiveTrader.Engine.Runs;

/// <summary>Where a backtest's candles come from, as the command line, the API and parameters.json name it.</summary>
public static class BacktestSources
{
    /// <summary>Candle CSV files.</summary>
    public const string Files = "files";

    /// <summary>The simulator's generated history (with a seed).</summary>
    public const string Sim = "sim";

    /// <summary>Paper sessions' recordings, replayed (<c>backtest --ticks</c>).</summary>
    public const string Ticks = "ticks";

    /// <summary>Kite's historical API.</summary>
    public const string Kite = "kite";
}
