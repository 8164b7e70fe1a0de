using LiveTrader.Core.Market;

namespace LiveTrader.Core.Orders;

/// <summary>Our own order id: at most 20 letters and digits, so it can travel as Kite's <c>tag</c>
/// (a longer tag rejects the order). Segment letter, day, trade number, purpose letter and the day's
/// order number: <c>N25010601E001</c> is NIFTY's first order of 6 Jan 2025, trade 01's entry.</summary>
public static class ClientOrderId
{
    public const int MaxLength = 20;

    public static string For(Segment segment, DateOnly day, int tradeNumber, OrderPurpose purpose, int orderNumber)
    {
        // Written digit by digit: a year's backtest names tens of thousands of orders, and the
        // interpolated form with a date format was a tenth of a sweep's time.
        Span<char> id = stackalloc char[32];
        var n = WritePrefix(id, segment, day, tradeNumber);
        id[n++] = Letter(purpose);
        n += WriteNumber(id[n..], orderNumber, 3);
        return new string(id[..n]);
    }

    /// <summary>What every order of one trade begins with (slices included): <c>N25010601</c>.</summary>
    public static string TradePrefix(Segment segment, DateOnly day, int tradeNumber)
    {
        Span<char> prefix = stackalloc char[24];
        return new string(prefix[..WritePrefix(prefix, segment, day, tradeNumber)]);
    }

    private static int WritePrefix(Span<char> to, Segment segment, DateOnly day, int tradeNumber)
    {
        to[0] = Letter(segment);
        var n = 1 + WriteNumber(to[1..], day.Year % 100, 2);
        n += WriteNumber(to[n..], day.Month, 2);
        n += WriteNumber(to[n..], day.Day, 2);
        return n + WriteNumber(to[n..], tradeNumber, 2);
    }

    /// <summary>A non-negative number with at least <paramref name="digits"/> digits, as the "D" format writes it.</summary>
    internal static int WriteNumber(Span<char> to, int value, int digits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        var length = 1;
        for (var rest = value / 10; rest > 0; rest /= 10) length++;
        length = Math.Max(digits, length);
        for (var i = length - 1; i >= 0; i--, value /= 10) to[i] = (char)('0' + value % 10);
        return length;
    }

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
