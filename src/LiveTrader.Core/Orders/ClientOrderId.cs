using LiveTrader.Core.Market;

namespace LiveTrader.Core.Orders;

/// <summary>Our own order id: at most 20 letters and digits, so it can travel as Kite's <c>tag</c>
/// (a longer tag rejects the order). Segment letter, day, trade number, purpose letter and the day's
/// order number: <c>N25010601E001</c> is NIFTY's first order of 6 Jan 2025, trade 01's entry.</summary>
public static class ClientOrderId
{
    public const int MaxLength = 20;

    public static string For(Segment segment, DateOnly day, int tradeNumber, OrderPurpose purpose, int orderNumber) =>
        $"{TradePrefix(segment, day, tradeNumber)}{Letter(purpose)}{orderNumber:D3}";

    /// <summary>What every order of one trade begins with (slices included): <c>N25010601</c>.</summary>
    public static string TradePrefix(Segment segment, DateOnly day, int tradeNumber) => $"{Letter(segment)}{day:yyMMdd}{tradeNumber:D2}";

    public static bool IsValid(string id) => id.Length is > 0 and <= MaxLength && id.All(char.IsAsciiLetterOrDigit);

    private static char Letter(Segment segment) => segment switch
    {
        Segment.NIFTY => 'N',
        Segment.BANKNIFTY => 'B',
        Segment.SENSEX => 'S',
        _ => throw new ArgumentOutOfRangeException(nameof(segment), segment, null),
    };

    private static char Letter(OrderPurpose purpose) => purpose switch
    {
        OrderPurpose.Entry => 'E',
        OrderPurpose.Add => 'A',
        OrderPurpose.Exit => 'X',
        OrderPurpose.ProtectiveStop => 'S',
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, null),
    };
}
