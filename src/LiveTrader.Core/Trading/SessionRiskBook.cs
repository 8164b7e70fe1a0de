using LiveTrader.Core.Market;

namespace LiveTrader.Core.Trading;

/// <summary>The day's realised net P&amp;L of all segments together, checked against the global
/// daily loss limit and profit target. Thread-safe: agents run on their own loops.</summary>
public sealed class SessionRiskBook(decimal? dailyLossLimit, decimal? dailyProfitTarget) : IRiskGate
{
    private readonly Lock _lock = new();
    private DateOnly _day;
    private decimal _net;

    public string? EntryRefusal(Segment segment, DateOnly day)
    {
        lock (_lock)
        {
            var net = day == _day ? _net : 0m;
            if (dailyLossLimit is decimal loss && net <= -loss)
                return $"global daily loss limit reached (net {net:F2} <= -{loss:F2})";
            if (dailyProfitTarget is decimal target && net >= target)
                return $"global daily profit target reached (net {net:F2} >= {target:F2})";
            return null;
        }
    }

    public void RecordClosedTrade(Segment segment, DateOnly day, decimal netPnl)
    {
        lock (_lock)
        {
            if (day != _day)
            {
                _day = day;
                _net = 0m;
            }
            _net += netPnl;
        }
    }

    public decimal NetFor(DateOnly day)
    {
        lock (_lock) return day == _day ? _net : 0m;
    }
}
