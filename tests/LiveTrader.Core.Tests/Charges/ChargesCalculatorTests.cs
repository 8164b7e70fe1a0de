using LiveTrader.Core.Charges;
using System.Text.Json;
using LiveTrader.Core.Settings;

namespace LiveTrader.Core.Tests.Charges;

public class ChargesCalculatorTests
{
    // The default rows of config/livetrader.json.
    private static readonly ChargeRateSettings[] Rates =
    [
        Row("2023-04-01", stt: 0.0625m, nse: 0.053m),
        Row("2024-10-01", stt: 0.1m, nse: 0.03503m),
        Row("2026-04-01", stt: 0.15m, nse: 0.03503m),
    ];

    private static ChargeRateSettings Row(string from, decimal stt, decimal nse) => new()
    {
        EffectiveFrom = DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
        BrokeragePerOrder = 20, SttSellPercent = stt, ExchangeNsePercent = nse, ExchangeBsePercent = 0.0325m,
        IpftNsePercent = 0.0005m, SebiPercent = 0.0001m, StampBuyPercent = 0.003m, GstPercent = 18,
    };

    private static readonly ChargesCalculator Calculator = new(Rates);

    [Fact]
    public void Field_notes_worked_example_one_nifty_lot()
    {
        // 65 bought at 100, sold at 110 on NSE: buy 6,500, sell 7,150.
        var c = Calculator.Calculate(OptionsExchange.NFO, new DateOnly(2026, 4, 1), [new OrderFill(100m, 65)], [new OrderFill(110m, 65)]);
        Assert.Equal(40.00m, c.Brokerage);
        Assert.Equal(10.73m, c.Stt);          // 0.15 % of 7,150 = 10.725
        Assert.Equal(4.78m, c.ExchangeCharge); // 0.03503 % of 13,650 = 4.7816
        Assert.Equal(0.07m, c.Ipft);           // 0.0005 % of 13,650 = 0.068
        Assert.Equal(0.01m, c.SebiFee);        // 0.0001 % of 13,650 = 0.0137
        Assert.Equal(0.20m, c.StampDuty);      // 0.003 % of 6,500 = 0.195
        Assert.Equal(8.06m, c.Gst);            // 18 % of (40 + 4.78 + 0.01)
        Assert.Equal(63.85m, c.Total);
        Assert.Equal(new DateOnly(2026, 4, 1), c.RatesEffectiveFrom);
    }

    [Fact]
    public void Contract_note_rupee_rounding_of_stt_is_available()
    {
        var noteStyle = new ChargesCalculator(Rates, SttRounding.NearestRupee);
        var c = noteStyle.Calculate(OptionsExchange.NFO, new DateOnly(2026, 4, 1), 6500m, 7150m, 1, 1);
        Assert.Equal(11m, c.Stt);          // 10.725 -> 11 on a contract note
        Assert.Equal(64.12m, c.Total);
    }

    [Fact]
    public void Sensex_check_one_lot_on_bse()
    {
        // 20 bought at 300, sold at 280 on BSE: buy 6,000, sell 5,600. About 60 (field-notes).
        var c = Calculator.Calculate(OptionsExchange.BFO, new DateOnly(2026, 5, 4), [new OrderFill(300m, 20)], [new OrderFill(280m, 20)]);
        Assert.Equal(40.00m, c.Brokerage);
        Assert.Equal(8.40m, c.Stt);
        Assert.Equal(3.77m, c.ExchangeCharge); // 0.0325 % of 11,600
        Assert.Equal(0m, c.Ipft);              // NSE only
        Assert.Equal(0.01m, c.SebiFee);
        Assert.Equal(0.18m, c.StampDuty);
        Assert.Equal(7.88m, c.Gst);
        Assert.Equal(60.24m, c.Total);
    }

    [Fact]
    public void Older_trade_dates_use_the_rates_of_their_time()
    {
        var c2024 = Calculator.Calculate(OptionsExchange.NFO, new DateOnly(2024, 6, 3), 6500m, 7150m, 1, 1);
        Assert.Equal(new DateOnly(2023, 4, 1), c2024.RatesEffectiveFrom);
        Assert.Equal(4.47m, c2024.Stt);           // 0.0625 % of 7,150 = 4.46875
        Assert.Equal(7.23m, c2024.ExchangeCharge); // 0.053 % of 13,650 = 7.2345

        var c2025 = Calculator.Calculate(OptionsExchange.NFO, new DateOnly(2026, 3, 31), 6500m, 7150m, 1, 1);
        Assert.Equal(new DateOnly(2024, 10, 1), c2025.RatesEffectiveFrom);
        Assert.Equal(7.15m, c2025.Stt);
    }

    [Fact]
    public void Rows_are_picked_by_date_whatever_their_order_in_the_file()
    {
        var shuffled = new ChargesCalculator(Rates.Reverse());
        Assert.Equal(new DateOnly(2024, 10, 1), shuffled.RatesOn(new DateOnly(2024, 10, 1)).EffectiveFrom);
        Assert.Equal(new DateOnly(2023, 4, 1), shuffled.RatesOn(new DateOnly(2024, 9, 30)).EffectiveFrom);
    }

    [Fact]
    public void A_date_before_every_row_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => Calculator.RatesOn(new DateOnly(2020, 1, 1)));

    [Fact]
    public void Pyramid_adds_pay_brokerage_per_order()
    {
        // Entry of 1 lot plus two adds of 5 lots, closed by one sell: 4 orders = 80 brokerage.
        OrderFill[] buys = [new(100m, 65), new(104m, 325), new(108m, 325)];
        var c = Calculator.Calculate(OptionsExchange.NFO, new DateOnly(2026, 4, 1), buys, [new OrderFill(115m, 715)]);
        Assert.Equal(80m, c.Brokerage);
        Assert.Equal(Math.Round((6500m + 33800m + 35100m) * 0.003m / 100, 2, MidpointRounding.AwayFromZero), c.StampDuty);
        Assert.Equal(123.34m, c.Stt); // 0.15 % of 82,225 = 123.3375
    }

    [Fact]
    public void Shipped_config_rows_reproduce_the_worked_example()
    {
        var json = File.ReadAllText(Path.Combine(TestData.RepoRoot, "config", "livetrader.json"));
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var rows = doc.RootElement.GetProperty("LiveTrader").GetProperty("ChargeRates").Deserialize<ChargeRateSettings[]>()!;
        var c = new ChargesCalculator(rows).Calculate(OptionsExchange.NFO, new DateOnly(2026, 4, 1), 6500m, 7150m, 1, 1);
        Assert.Equal(63.85m, c.Total);
    }

    [Fact]
    public void Exchange_text_from_settings_parses() =>
        Assert.Equal(OptionsExchange.BFO, OptionsExchanges.Parse(" bfo "));
}
