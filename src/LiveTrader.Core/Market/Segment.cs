namespace LiveTrader.Core.Market;

/// <summary>The three index segments LiveTrader trades; names are the trader's (and Kite's) own.</summary>
public enum Segment
{
    NIFTY,
    BANKNIFTY,
    SENSEX,
}

public static class Segments
{
    public static IReadOnlyList<Segment> All { get; } = [Segment.NIFTY, Segment.BANKNIFTY, Segment.SENSEX];

    public static bool TryParse(string? text, out Segment segment)
    {
        segment = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        // Enum.TryParse would accept numbers such as "1"; a trader only ever types the name.
        foreach (var s in All)
        {
            if (string.Equals(s.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                segment = s;
                return true;
            }
        }
        return false;
    }

    public static string Names => string.Join(", ", All);
}
