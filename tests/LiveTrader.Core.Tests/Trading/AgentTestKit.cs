using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;
using LiveTrader.Core.Signals;
using LiveTrader.Core.Trading;

namespace LiveTrader.Core.Tests.Trading;

/// <summary>Always the same strike on the same expiry, so the option price is a fixed, linear
/// function of spot (see <see cref="LinearExecution"/>).</summary>
public sealed class FixedContractSelector(Segment segment, int lotSize, decimal strike = 20000m) : IContractSelector
{
    public static readonly DateOnly Expiry = new(2025, 1, 30);
    public int Calls { get; private set; }
    public decimal Strike => strike;

    public OptionContract? Select(OptionType type, decimal spot, DateTimeOffset time, out string? refusal)
    {
        Calls++;
        refusal = null;
        return new OptionContract(segment, Expiry, strike, type, $"{segment}25JAN{strike:0}{type}") { LotSize = lotSize };
    }
}

/// <summary>A venue that fills every order at once at a premium that is a simple function of spot:
/// CE = max(0.05, spot - strike + 100), PE = max(0.05, strike - spot + 100). With the strike near
/// spot the option moves one rupee per index point, so P&amp;L is easy to compute by hand. It can
/// also refuse sells, fill only part of an order, or hold every order unanswered, so a test can
/// answer it later with updates of its own.</summary>
public sealed class LinearExecution : IOrderVenue, IMarkPrice
{
    public List<(string Side, int Quantity, DateTimeOffset Time, decimal Spot, decimal Price)> Orders { get; } = [];

    /// <summary>Every request handed over, cancels included, in order.</summary>
    public List<OrderRequest> Requests { get; } = [];

    public static decimal Premium(OptionContract c, decimal spot) =>
        Math.Max(0.05m, c.Type == OptionType.CE ? spot - c.Strike + 100m : c.Strike - spot + 100m);

    /// <summary>How many of the next sells to refuse, as paper execution does on a stale quote.</summary>
    public int RefuseSells { get; set; }

    /// <summary>When set, an order fills at most this quantity and the rest stays open.</summary>
    public int? FillAtMost { get; set; }

    /// <summary>When false, orders are taken and left unanswered, as Kite answers later.</summary>
    public bool Answering { get; set; } = true;

    /// <summary>Stop-limits resting here: never triggered by this venue; a test fills them with updates.</summary>
    public HashSet<string> Resting { get; } = [];

    public IReadOnlyList<OrderUpdate> Submit(OrderRequest request)
    {
        Requests.Add(request);
        if (request.Action == OrderAction.Cancel && Answering && Resting.Remove(request.ClientId))
            return [new OrderUpdate(request.ClientId, OrderState.Cancelled, 0, 0m, request.Time)];
        if (request.Action != OrderAction.Place || !Answering) return [];
        if (request.Type == OrderType.StopLimit)
        {
            Resting.Add(request.ClientId);
            return [new OrderUpdate(request.ClientId, OrderState.Open, 0, 0m, request.Time)];
        }
        if (request.Side == OrderSide.Sell && RefuseSells > 0)
        {
            RefuseSells--;
            return [new OrderUpdate(request.ClientId, OrderState.Rejected, 0, 0m, request.Time, "stale quote")];
        }
        var price = Premium(request.Contract, request.Spot);
        var quantity = Math.Min(request.Quantity, FillAtMost ?? request.Quantity);
        Orders.Add((request.Side == OrderSide.Buy ? "BUY" : "SELL", quantity, request.Time, request.Spot, price));
        var state = quantity == request.Quantity ? OrderState.Complete : OrderState.Open;
        return [new OrderUpdate(request.ClientId, state, quantity, price, request.Time, PriceSource: "model")];
    }

    public decimal? Mark(OptionContract contract, DateTimeOffset time, decimal spot) => Premium(contract, spot);

    public decimal? PremiumAt(OptionContract contract, DateTimeOffset time, decimal spot, decimal atSpot) =>
        (contract.Type == OptionType.CE ? atSpot >= spot : atSpot <= spot) ? null : Premium(contract, atSpot);
}

public sealed class FlatCharges(decimal perTrade) : ITradeCharges
{
    public decimal For(OptionContract contract, DateOnly tradeDate, IReadOnlyList<Fill> buys, IReadOnlyList<Fill> sells) => perTrade;
}

/// <summary>Builds an agent with the doubles and records everything it says.</summary>
public sealed class AgentHarness
{
    public static readonly DateOnly Day1 = new(2025, 1, 6);   // a Monday
    public static readonly DateOnly Day2 = new(2025, 1, 7);
    public static readonly DateOnly Day3 = new(2025, 1, 8);

    public List<AgentEvent> Events { get; } = [];
    public List<TradeRecord> Trades { get; } = [];
    public LinearExecution Execution { get; } = new();
    public FixedContractSelector Contracts { get; }
    public IRiskGate Risk { get; }
    public AgentParameters Parameters { get; }
    public SegmentAgent Agent { get; }

    public AgentHarness(AgentParameters? parameters = null, int lotSize = 75, decimal strike = 20000m,
        IRiskGate? risk = null, decimal charges = 0m)
    {
        Parameters = parameters ?? Params();
        Contracts = new FixedContractSelector(Parameters.Segment, lotSize, strike);
        Risk = risk ?? new SessionRiskBook(null, null);
        Agent = new SegmentAgent(Parameters, Contracts, Execution, Execution, new FlatCharges(charges), Risk, Events.Add, Trades.Add);
    }

    /// <summary>NIFTY on 5-minute candles, SL 50, trail 50, window 09:20-15:15, square-off 15:15,
    /// 5 trades a day, pyramiding off unless given.</summary>
    public static AgentParameters Params(
        Segment segment = Segment.NIFTY,
        decimal sl = 50m,
        decimal trail = 50m,
        decimal? target = null,
        PyramidRule? pyramid = null,
        int maxTrades = 5,
        decimal? maxDailyLoss = null,
        int minutes = 5) =>
        new(segment, segment == Segment.NIFTY ? "NIFTY 50" : segment.ToString(), Timeframe.FromMinutes(minutes), 9,
            sl, trail, target, pyramid ?? new PyramidRule(0m, 0, 0), maxTrades, maxDailyLoss,
            new TimeOnly(9, 20), new TimeOnly(15, 15), new TimeOnly(15, 15));

    public static DateTimeOffset At(DateOnly day, int hour, int minute, int second, int millisecond) =>
        At(day, hour, minute, second).AddMilliseconds(millisecond);

    public static DateTimeOffset At(DateOnly day, int hour, int minute, int second = 0) =>
        Ist.At(day, new TimeOnly(hour, minute, second));

    public static Candle C(DateOnly day, int hour, int minute, decimal o, decimal h, decimal l, decimal c) =>
        new(At(day, hour, minute), o, h, l, c, 0);

    /// <summary>The i-th 5-minute candle of the day (0 = 09:15).</summary>
    public static Candle Slot(DateOnly day, int i, decimal o, decimal h, decimal l, decimal c) =>
        new(At(day, 9, 15).AddMinutes(5 * i), o, h, l, c, 0);

    /// <summary>A candle that moves from <paramref name="o"/> to <paramref name="c"/> with no wicks.</summary>
    public static Candle Move(DateOnly day, int i, decimal o, decimal c) => Slot(day, i, o, Math.Max(o, c), Math.Min(o, c), c);

    /// <summary>A reading with chosen lines: trend up (PS above VS), down, or flat (equal).</summary>
    public static SignalReading Hold(Candle c, int trend = 0) =>
        new(c, 50, 50 + trend, 50, Cross.None, Signal.Hold);

    public static SignalReading CrossOnly(Candle c, Cross cross) =>
        new(c, 50, cross == Cross.Up ? 51 : 49, 50, cross, Signal.Hold);

    public static SignalReading BuyCe(Candle c) => new(c, 55, 56, 50, Cross.Up, Signal.BuyCe);
    public static SignalReading BuyPe(Candle c) => new(c, 45, 44, 50, Cross.Down, Signal.BuyPe);

    public void Bar(Candle c, SignalReading? reading = null) => Agent.OnBar(c, reading ?? Hold(c));

    public IEnumerable<AgentEvent> OfType(string type) => Events.Where(e => e.Type == type);
}
