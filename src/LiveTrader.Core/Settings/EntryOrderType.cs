namespace LiveTrader.Core.Settings;

/// <summary>How a live session's entries, adds and exits reach Kite: MARKET with market protection,
/// or a marketable LIMIT a protection percentage through the quote (the protective stop is always SL).</summary>
public enum EntryOrderType
{
    Market,
    Limit,
}
