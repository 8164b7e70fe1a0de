namespace LiveTrader.Engine.Data;

/// <summary>What a refusal may quote of bad input: a short, printable piece, never megabytes or raw binary.</summary>
public static class Excerpt
{
    public const int MaxLength = 40;

    /// <summary>At most <see cref="MaxLength"/> characters, each control or unpaired character shown as '?'.</summary>
    public static string Of(string text)
    {
        var shown = text.Length > MaxLength ? text[..MaxLength] : text;
        var clean = string.Create(shown.Length, shown, (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
                span[i] = char.IsControl(s[i]) || char.IsSurrogate(s[i]) ? '?' : s[i];
        });
        return text.Length > MaxLength ? clean + "..." : clean;
    }
}
