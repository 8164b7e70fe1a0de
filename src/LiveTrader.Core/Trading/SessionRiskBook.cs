using LiveTrader.Core.Market;

namespace LiveTrader.Core.Trading;

/// <summary>The day's net P&amp;L of all segments together, checked against the global daily loss
/// limit and profit target (spec 8, DECISIONS.md "Safety"): realised net plus every open position
/// marked to market, and once either is reached it stays reached for the rest of the day (it
/// latches), whatever the market does next. Thread-safe: agents run on their own loops.</summary>
public sealed class SessionRiskBook(decimal? dailyLossLimit, decimal? dailyProfitTarget) : IRiskGate
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Segment, decimal> _open = [];
    private DateOnly _day;
    private decimal _net;
    private string? _latched;

    public bool WantsOpenProfit => dailyLossLimit is not null || dailyProfitTarget is not null;

    public string? EntryRefusal(Segment segment, DateOnly day)
    {
        lock (_lock)
        {
            NewDay(day);
            return Check();
        }
    }

    public void RecordClosedTrade(Segment segment, DateOnly day, decimal netPnl)
    {
        lock (_lock)
        {
            NewDay(day);
            _net += netPnl;
            _open.Remove(segment);
            Check();
        }
    }

    public void ReportOpenProfit(Segment segment, DateOnly day, decimal? openPnl)
    {
        lock (_lock)
        {
            NewDay(day);
            if (openPnl is decimal open) _open[segment] = open;
            else _open.Remove(segment);
            Check();
        }
    }

    public decimal NetFor(DateOnly day)
    {
        lock (_lock) return day == _day ? _net : 0m;
    }

    private void NewDay(DateOnly day)
    {
        if (day == _day) return;
        _day = day;
        _net = 0m;
        _open.Clear();
        _latched = null;
    }

    /// <summary>The latched refusal, latching it now if the account has just reached a limit.</summary>
    private string? Check()
    {
        if (_latched is not null) return _latched;
        var open = _open.Values.Sum();
        var total = _net + open;
        var marked = open == 0 ? "" : $" with {open:F2} open";
        if (dailyLossLimit is decimal loss && total <= -loss)
            _latched = $"global daily loss limit reached (net {total:F2}{marked} <= -{loss:F2}); no entries for the rest of the day";
        else if (dailyProfitTarget is decimal target && total >= target)
            _latched = $"global daily profit target reached (net {total:F2}{marked} >= {target:F2}); no entries for the rest of the day";
        return _latched;
    }
}
