namespace LiveTrader.Core.Indicators;

/// <summary>A streaming indicator: one value in, at most one value out, in constant time.
/// Returns null while it is still warming up.</summary>
public interface IIndicator
{
    double? Next(double value);
}
