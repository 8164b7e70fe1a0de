namespace LiveTrader.App.Web;

/// <summary>POST /api/backtest/start: the parameters of a session, plus which segments, where their
/// candles come from and which days to trade.</summary>
public sealed record BacktestRequest : ParameterRequest
{
    public string[]? Segments { get; init; }
    /// <summary>files (default: candle CSVs in the data folder) or kite (the account's historical API).</summary>
    public string? Source { get; init; }
    /// <summary>Per segment: a candle file's name inside the data folder.</summary>
    public Dictionary<string, string>? Files { get; init; }
    /// <summary>First day to trade, YYYY-MM-DD; earlier candles only warm the indicators.</summary>
    public string? From { get; init; }
    /// <summary>Last day to trade, YYYY-MM-DD.</summary>
    public string? To { get; init; }
}
