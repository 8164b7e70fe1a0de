namespace LiveTrader.Core.Charges;

/// <summary>The derivatives exchange an option trades on: the exchange charge differs (NSE vs BSE) and
/// NSE's investor-protection fee (IPFT) applies to NFO only.</summary>
public enum OptionsExchange
{
    /// <summary>NSE futures and options (NIFTY, BANKNIFTY).</summary>
    NFO,
    /// <summary>BSE futures and options (SENSEX).</summary>
    BFO,
}

public static class OptionsExchanges
{
    /// <summary>Reads the segment setting's exchange text (<c>NFO</c> or <c>BFO</c>).</summary>
    public static OptionsExchange Parse(string text) => text.Trim().ToUpperInvariant() switch
    {
        "NFO" => OptionsExchange.NFO,
        "BFO" => OptionsExchange.BFO,
        _ => throw new FormatException($"options exchange must be NFO or BFO (got '{text}')"),
    };
}
