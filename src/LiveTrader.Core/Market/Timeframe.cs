namespace LiveTrader.Core.Market;

/// <summary>A candle length. Kite names them <c>3minute</c>, <c>5minute</c> ... <c>60minute</c>; the
/// page offers 3m, 5m, 15m, 30m, 1h. Both spellings are accepted.</summary>
public readonly record struct Timeframe
{
    public static readonly Timeframe OneMinute = new(1);
    public static readonly Timeframe FiveMinutes = new(5);

    /// <summary>The timeframes the strategy may trade on (spec 3.1).</summary>
    public static IReadOnlyList<int> TradableMinutes { get; } = [3, 5, 15, 30, 60];

    public int Minutes { get; }
    public TimeSpan Length => TimeSpan.FromMinutes(Minutes);

    private Timeframe(int minutes) => Minutes = minutes;

    public static Timeframe FromMinutes(int minutes) =>
        minutes is 1 or 3 or 5 or 15 or 30 or 60
            ? new Timeframe(minutes)
            : throw new ArgumentOutOfRangeException(nameof(minutes), minutes, "Timeframe must be 1, 3, 5, 15, 30 or 60 minutes.");

    public static bool TryParse(string? text, out Timeframe timeframe)
    {
        timeframe = default;
        var t = text?.Trim().ToLowerInvariant();
        int? minutes = t switch
        {
            "minute" or "1minute" or "1m" => 1,
            "3minute" or "3m" => 3,
            "5minute" or "5m" => 5,
            "15minute" or "15m" => 15,
            "30minute" or "30m" => 30,
            "60minute" or "60m" or "1h" or "hour" => 60,
            _ => null,
        };
        if (minutes is null) return false;
        timeframe = new Timeframe(minutes.Value);
        return true;
    }

    /// <summary>Kite's interval name, used in file names and the historical API.</summary>
    public string KiteName => Minutes == 1 ? "minute" : $"{Minutes}minute";

    public override string ToString() => KiteName;
}
