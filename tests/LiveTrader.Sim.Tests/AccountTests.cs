using System.Text.Json;
using LiveTrader.Core.Charges;
using LiveTrader.Core.Settings;
using LiveTrader.Kite.Rest;
using LiveTrader.Sim.Orders;

namespace LiveTrader.Sim.Tests;

/// <summary>Funds, margins, the virtual contract note and product conversion through the real client.</summary>
public class AccountTests
{
    /// <summary>The engine's dated charge table, as config/livetrader.json holds it.</summary>
    private static List<ChargeRateSettings> EngineChargeRates()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(LiveTrader.Tests.Repository.Root, "config", "livetrader.json")));
        return doc.RootElement.GetProperty("LiveTrader").GetProperty("ChargeRates").Deserialize<List<ChargeRateSettings>>()!;
    }

    private static Task<SimServer> Start(decimal funds = 1_000_000m) => Sim.StartAsync(at: TimeSpan.FromMinutes(45), configure: o =>
    {
        o.Funds = funds;
        o.ChargeRates.AddRange(EngineChargeRates());
    });

    private static decimal Spot(SimServer sim) => SimTest.Px(sim.Market.Snapshot(sim.Catalog.ByToken(256265)!).LastPrice);

    [Fact]
    public async Task User_margins_show_the_funds_the_premium_paid_and_the_margin_of_a_short()
    {
        await using var sim = await Start(funds: 500_000m);
        using var client = Sim.Client(sim);
        var call = SimTest.AtmOption(sim);
        var put = SimTest.AtmOption(sim, "PE");
        var before = (await client.GetMarginsAsync()).Equity!;
        Assert.Equal((true, 500_000m, 500_000m, 0m), (before.Enabled, before.Net, before.Available.Cash, before.Utilised.Debits));

        var buy = await client.PlaceOrderAsync(SimTest.Order(call.Tradingsymbol, "BUY", "MARKET", 65));
        decimal paid = (await client.GetOrderTradesAsync(buy)).Sum(t => t.AveragePrice * t.Quantity);
        await client.PlaceOrderAsync(SimTest.Order(put.Tradingsymbol, "SELL", "MARKET", 65));
        decimal received = (await client.GetTradesAsync()).Where(t => t.TransactionType == "SELL").Sum(t => t.AveragePrice * t.Quantity);

        var after = (await client.GetMarginsAsync()).Equity!;
        Assert.Equal(paid - received, after.Utilised.OptionPremium);
        Assert.Equal(65 * Spot(sim) * SimMargins.ShortRate, after.Utilised.Span);
        Assert.Equal(500_000m - after.Utilised.OptionPremium - after.Utilised.Span, after.Net);
    }

    [Fact]
    public async Task Order_and_basket_margins_follow_the_model_and_an_exit_needs_none_with_positions()
    {
        await using var sim = await Start();
        using var client = Sim.Client(sim);
        var call = SimTest.AtmOption(sim);
        KiteMarginOrder Line(string side) => new()
        {
            Exchange = "NFO", Tradingsymbol = call.Tradingsymbol, TransactionType = side, Product = "MIS", OrderType = "LIMIT", Quantity = 65, Price = 100,
        };

        var margins = await client.GetOrderMarginsAsync([Line("BUY"), Line("SELL")]);
        Assert.Equal((6500m, 6500m, 0m), (margins[0].OptionPremium, margins[0].Total, margins[0].Span));
        Assert.Equal((65 * Spot(sim) * SimMargins.ShortRate, 0m), (margins[1].Span, margins[1].OptionPremium));
        Assert.Equal(20m, margins[0].Charges!.Brokerage);

        await client.PlaceOrderAsync(SimTest.Order(call.Tradingsymbol, "BUY", "MARKET", 65));
        var basket = await client.GetBasketMarginsAsync([Line("SELL")]);
        Assert.Equal((65 * Spot(sim) * SimMargins.ShortRate, 0m), (basket.Initial.Total, basket.Final.Total));   // the sell closes the long
        Assert.Single(basket.Orders);
    }

    [Fact]
    public async Task The_virtual_contract_note_itemises_an_order_exactly_as_the_engines_charge_table_does()
    {
        await using var sim = await Start();
        using var client = Sim.Client(sim);
        var call = SimTest.AtmOption(sim);
        var id = await client.PlaceOrderAsync(SimTest.Order(call.Tradingsymbol, "SELL", "MARKET", 130));
        var order = Assert.Single(await client.GetOrdersAsync());

        var note = Assert.Single(await client.GetVirtualContractNoteAsync([new KiteChargeOrder
        {
            OrderId = id, Exchange = "NFO", Tradingsymbol = call.Tradingsymbol, TransactionType = "SELL", Product = "MIS", OrderType = "MARKET",
            Quantity = 130, AveragePrice = order.AveragePrice,
        }]));
        var expected = new ChargesCalculator(EngineChargeRates()).Calculate(OptionsExchange.NFO, Sim.Day, 0, order.AveragePrice * 130, 0, 1);
        Assert.Equal((expected.Stt, expected.ExchangeCharge + expected.Ipft, expected.SebiFee, expected.Brokerage, expected.StampDuty, expected.Gst, expected.Total),
            (note.Charges.TransactionTax, note.Charges.ExchangeTurnoverCharge, note.Charges.SebiTurnoverCharge, note.Charges.Brokerage,
             note.Charges.StampDuty, note.Charges.Gst.Total, note.Charges.Total));
        Assert.Equal(("stt", 130L, order.AveragePrice), (note.Charges.TransactionTaxType, note.Quantity, note.Price));
    }

    [Fact]
    public async Task Without_a_charge_table_the_contract_note_is_refused_in_Kites_envelope()
    {
        await using var sim = await Sim.StartAsync(at: TimeSpan.FromMinutes(45));
        using var client = Sim.Client(sim);
        var e = await Assert.ThrowsAsync<InputException>(() => client.GetVirtualContractNoteAsync([new KiteChargeOrder
        {
            OrderId = "1", Exchange = "NFO", Tradingsymbol = SimTest.AtmOption(sim).Tradingsymbol, TransactionType = "BUY", Product = "MIS",
            OrderType = "MARKET", Quantity = 65, AveragePrice = 100,
        }]));
        Assert.Contains("charge table", e.Message);
    }

    [Fact]
    public async Task A_MIS_position_converts_to_NRML_at_its_average_price_and_not_beyond_what_it_holds()
    {
        await using var sim = await Start();
        using var client = Sim.Client(sim);
        var call = SimTest.AtmOption(sim);
        await client.PlaceOrderAsync(SimTest.Order(call.Tradingsymbol, "BUY", "MARKET", 130));
        var mis = Assert.Single((await client.GetPositionsAsync()).Net);
        KitePositionConversion Move(long qty) => new()
        {
            Exchange = "NFO", Tradingsymbol = call.Tradingsymbol, TransactionType = "BUY", Quantity = qty, OldProduct = "MIS", NewProduct = "NRML",
        };

        Assert.True(await client.ConvertPositionAsync(Move(65)));
        var net = (await client.GetPositionsAsync()).Net;
        Assert.Equal((65L, 65L), (net.Single(p => p.Product == "MIS").Quantity, net.Single(p => p.Product == "NRML").Quantity));
        Assert.Equal(mis.AveragePrice, net.Single(p => p.Product == "NRML").AveragePrice);
        await Assert.ThrowsAsync<InputException>(() => client.ConvertPositionAsync(Move(130)));
    }
}
