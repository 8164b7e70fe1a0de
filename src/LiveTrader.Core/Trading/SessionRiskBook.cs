using LiveTrader.Core.Market;

namespace LiveTrader.Core.Trading;

/// <summary>The day's net P&amp;L of all segments together (realised net plus every open position
/// marked to market), checked against the account's rules (<see cref="AccountRules"/>): the global
/// daily loss limit and profit target (spec 8, DECISIONS.md "Safety") stop entries; daily loss
/// protection, profit protection and the account's trailing stop (spec 9) stop entries and ask every
/// segment to close its position. Whatever fires stays fired for the rest of the day (it latches),
/// whatever the market does next. Thread-safe: agents run on their own loops; a replay feeds it the
/// segments' inputs on one timeline, so it decides the same way again.</summary>
public sealed class SessionRiskBook(AccountRules rules) : IRiskGate
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Segment, decimal> _open = [];
    private DateOnly _day;
    private decimal _net;
    private decimal _peak;
    private bool _lockArmed;
    private string? _latched;
    private string? _closing;

    public SessionRiskBook(decimal? dailyLossLimit, decimal? dailyProfitTarget)
        : this(new AccountRules(dailyLossLimit, dailyProfitTarget))
    {
    }

    public bool WantsOpenProfit => rules.AnyOn;

    public string? EntryRefusal(Segment segment, DateOnly day)
    {
        lock (_lock)
        {
            NewDay(day);
            return Check();
        }
    }

    public string? CloseRequired(DateOnly day)
    {
        if (!rules.Protects) return null;
        lock (_lock)
        {
            NewDay(day);
            Check();
            return _closing;
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

    /// <summary>Where the account stands on <paramref name="day"/>, for the status card.</summary>
    public AccountStatus StatusFor(DateOnly day)
    {
        lock (_lock)
        {
            var today = day == _day;
            var closing = today ? _closing : null;
            var latched = today ? _latched : null;
            var open = today ? _open.Values.Sum() : 0m;
            var peak = today ? _peak : 0m;
            return new AccountStatus(day, today ? _net : 0m, open, peak,
                closing is not null ? AccountStatus.Closed : latched is not null ? AccountStatus.Locked : AccountStatus.Active,
                closing ?? latched, rules.LossProtection is decimal loss ? -loss : null, rules.ProfitLockAt, rules.LockedLevel,
                today && _lockArmed, rules.TrailingStop is decimal trail ? peak - trail : null);
        }
    }

    public AccountRiskState? StateFor(DateOnly day)
    {
        if (!rules.AnyOn) return null;
        lock (_lock) return day == _day ? new AccountRiskState(_peak, _lockArmed, _latched, _closing) : null;
    }

    /// <summary>Merged, not replaced: each segment keeps the state as it was at its own last commit,
    /// so the account takes the highest high and whatever any of them saw fire.</summary>
    public void Restore(DateOnly day, AccountRiskState state)
    {
        lock (_lock)
        {
            NewDay(day);
            _peak = Math.Max(_peak, state.Peak);
            _lockArmed |= state.LockArmed;
            _latched ??= state.Latched;
            _closing ??= state.Closing;
        }
    }

    private void NewDay(DateOnly day)
    {
        if (day == _day) return;
        _day = day;
        _net = 0m;
        _peak = 0m;
        _lockArmed = false;
        _open.Clear();
        _latched = null;
        _closing = null;
    }

    /// <summary>The refusal for entries, latching now whatever the account has just reached.</summary>
    private string? Check()
    {
        var open = _open.Values.Sum();
        var total = _net + open;
        var marked = open == 0 ? "" : $" with {open:F2} open";
        if (_closing is null) CheckProtection(total, marked);
        if (_latched is null)
        {
            if (rules.DailyLossLimit is decimal loss && total <= -loss)
                _latched = $"global daily loss limit reached (net {total:F2}{marked} <= -{loss:F2}); no entries for the rest of the day";
            else if (rules.DailyProfitTarget is decimal target && total >= target)
                _latched = $"global daily profit target reached (net {total:F2}{marked} >= {target:F2}); no entries for the rest of the day";
        }
        return _closing ?? _latched;
    }

    private void CheckProtection(decimal total, string marked)
    {
        if (total > _peak) _peak = total;
        if (rules.ProfitLockAt is decimal at && total >= at) _lockArmed = true;
        if (rules.LossProtection is decimal loss && total <= -loss)
            _closing = $"daily loss protection (net {total:F2}{marked} <= -{loss:F2}); positions closed, no entries for the rest of the day";
        else if (_lockArmed && rules.LockedLevel is decimal locked && total <= locked)
            _closing = $"profit protection (net {total:F2}{marked} fell back to the locked {locked:F2} after reaching {rules.ProfitLockAt:F2}); positions closed, no entries for the rest of the day";
        else if (rules.TrailingStop is decimal trail && total <= _peak - trail)
            _closing = $"account trailing stop (net {total:F2}{marked} <= the day's high {_peak:F2} - {trail:F2}); positions closed, no entries for the rest of the day";
    }
}
