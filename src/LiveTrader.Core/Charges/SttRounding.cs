namespace LiveTrader.Core.Charges;

/// <summary>How the STT figure is rounded.</summary>
public enum SttRounding
{
    /// <summary>To the paise, like every other charge. The default: a contract note rounds the day's
    /// total STT once, so rounding each trade to the rupee would add up to 50 paise of noise per trade
    /// to the per-trade net P&amp;L; the field-notes worked example (STT 10.73, total 63.85) does this.</summary>
    Paise,
    /// <summary>To the nearest rupee, as printed on a contract note (field-notes 2.1 table): use it to
    /// reproduce a contract note for a single order pair or a whole day's turnover.</summary>
    NearestRupee,
}
