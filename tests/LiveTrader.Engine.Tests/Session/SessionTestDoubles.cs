using LiveTrader.Core.Instruments;
using LiveTrader.Core.Orders;
using LiveTrader.Core.Trading;

namespace LiveTrader.Engine.Tests.Session;

/// <summary>A venue that takes every request and answers none, as Kite answers later: the test
/// answers with update inputs.</summary>
public sealed class LaterVenue : IOrderVenue
{
    public List<OrderRequest> Requests { get; } = [];

    public IReadOnlyList<OrderUpdate> Submit(OrderRequest request)
    {
        Requests.Add(request);
        return [];
    }
}

/// <summary>Always the one contract a session test trades.</summary>
public sealed class OneContract(OptionContract contract) : IContractSelector
{
    public OptionContract? Select(OptionType type, decimal spot, DateTimeOffset time, out string? refusal)
    {
        refusal = null;
        return contract;
    }
}

/// <summary>Forty rupees a trade, whatever it was.</summary>
public sealed class FlatRupees : ITradeCharges
{
    public decimal For(OptionContract contract, DateOnly tradeDate, IReadOnlyList<Fill> buys, IReadOnlyList<Fill> sells) => 40m;
}
