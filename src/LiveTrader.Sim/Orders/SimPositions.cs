using LiveTrader.Sim.Market;
using LiveTrader.Sim.Rest;

namespace LiveTrader.Sim.Orders;

/// <summary>
/// Intraday positions per (instrument, product) built from fills. Everything is opened today, so the net and day
/// lists are the same. Values follow Kite: <c>value</c> = sell value − buy value, <c>pnl</c> = <c>m2m</c> = value +
/// quantity × last price × multiplier; <c>average_price</c> is the average of the side that is open (0 when flat).
/// </summary>
internal sealed class SimPositions
{
    private sealed class Position(SimInstrument inst, string product)
    {
        public SimInstrument Instrument { get; } = inst;
        public string Product { get; } = product;
        public long BuyQuantity, SellQuantity;
        public decimal BuyValue, SellValue;
        public long Quantity => BuyQuantity - SellQuantity;
    }

    private readonly Dictionary<(uint, string), Position> _positions = [];
    private readonly List<Position> _order = [];

    public void Apply(SimTrade trade)
    {
        var key = (trade.Order.Instrument.InstrumentToken, trade.Order.Product);
        if (!_positions.TryGetValue(key, out var p))
        {
            p = new Position(trade.Order.Instrument, trade.Order.Product);
            _positions[key] = p;
            _order.Add(p);
        }
        if (trade.Order.IsBuy) { p.BuyQuantity += trade.Quantity; p.BuyValue += trade.Price * trade.Quantity; }
        else { p.SellQuantity += trade.Quantity; p.SellValue += trade.Price * trade.Quantity; }
    }

    /// <summary>Moves <paramref name="quantity"/> of an open position to another product at its average price
    /// (<c>PUT /portfolio/positions</c>); false when the old product holds less on that side.</summary>
    public bool Convert(SimInstrument inst, bool buySide, long quantity, string oldProduct, string newProduct)
    {
        if (!_positions.TryGetValue((inst.InstrumentToken, oldProduct), out var from) || quantity <= 0) return false;
        if (buySide ? from.Quantity < quantity : -from.Quantity < quantity) return false;
        var key = (inst.InstrumentToken, newProduct);
        if (!_positions.TryGetValue(key, out var to))
        {
            to = new Position(inst, newProduct);
            _positions[key] = to;
            _order.Add(to);
        }
        if (buySide)
        {
            decimal value = from.BuyValue / from.BuyQuantity * quantity;
            from.BuyQuantity -= quantity; from.BuyValue -= value;
            to.BuyQuantity += quantity; to.BuyValue += value;
        }
        else
        {
            decimal value = from.SellValue / from.SellQuantity * quantity;
            from.SellQuantity -= quantity; from.SellValue -= value;
            to.SellQuantity += quantity; to.SellValue += value;
        }
        return true;
    }

    /// <summary>The open quantity of an instrument in a product (buy − sell; 0 when none).</summary>
    public long Quantity(SimInstrument inst, string product) =>
        _positions.TryGetValue((inst.InstrumentToken, product), out var p) ? p.Quantity : 0;

    /// <summary>Every row: instrument, product, open quantity and value (sell value − buy value).</summary>
    public IEnumerable<(SimInstrument Instrument, string Product, long Quantity, decimal Value)> Rows =>
        _order.Select(p => (p.Instrument, p.Product, p.Quantity, p.SellValue - p.BuyValue));

    public List<Dictionary<string, object?>> ToJson(Func<SimInstrument, InstrumentSnapshot> snapshot) =>
        _order.Select(p => Json(p, snapshot(p.Instrument))).ToList();

    private static Dictionary<string, object?> Json(Position p, InstrumentSnapshot s)
    {
        const decimal multiplier = 1;
        decimal last = SimJson.Px(s.LastPrice), close = SimJson.Px(s.PreviousClose);
        decimal buyPrice = p.BuyQuantity > 0 ? Math.Round(p.BuyValue / p.BuyQuantity, 4) : 0;
        decimal sellPrice = p.SellQuantity > 0 ? Math.Round(p.SellValue / p.SellQuantity, 4) : 0;
        long qty = p.Quantity;
        decimal average = qty > 0 ? buyPrice : qty < 0 ? sellPrice : 0;
        decimal value = p.SellValue - p.BuyValue;
        decimal pnl = value + qty * last * multiplier;
        decimal unrealised = qty * (last - average) * multiplier;
        return new Dictionary<string, object?>
        {
            ["tradingsymbol"] = p.Instrument.Tradingsymbol,
            ["exchange"] = p.Instrument.Exchange,
            ["instrument_token"] = p.Instrument.InstrumentToken,
            ["product"] = p.Product,
            ["quantity"] = qty,
            ["overnight_quantity"] = 0,
            ["multiplier"] = multiplier,
            ["average_price"] = average,
            ["close_price"] = close,
            ["last_price"] = last,
            ["value"] = value,
            ["pnl"] = pnl,
            ["m2m"] = pnl,
            ["unrealised"] = unrealised,
            ["realised"] = pnl - unrealised,
            ["buy_quantity"] = p.BuyQuantity,
            ["buy_price"] = buyPrice,
            ["buy_value"] = p.BuyValue,
            ["buy_m2m"] = p.BuyValue,
            ["sell_quantity"] = p.SellQuantity,
            ["sell_price"] = sellPrice,
            ["sell_value"] = p.SellValue,
            ["sell_m2m"] = p.SellValue,
            ["day_buy_quantity"] = p.BuyQuantity,
            ["day_buy_price"] = buyPrice,
            ["day_buy_value"] = p.BuyValue,
            ["day_sell_quantity"] = p.SellQuantity,
            ["day_sell_price"] = sellPrice,
            ["day_sell_value"] = p.SellValue,
        };
    }
}
