using LiveTrader.App.Configuration;
using LiveTrader.Core.Settings;

namespace LiveTrader.App.Tests;

/// <summary>The configuration: DECISIONS.md defaults out of the box, every refusal naming the field
/// path and why, and environment overrides. In the process-wide collection because the loader reads
/// environment variables, which one test sets.</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class ConfigurationTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Config(string json) => _temp.File($"config-{Guid.NewGuid():N}.json", json);

    private static ConfigurationError Refused(string? file) =>
        Assert.Throws<ConfigurationError>(() => SettingsLoader.Load(file));

    // ---- defaults ----

    [Fact]
    public void Defaults_strategy_lines_are_rsi9_ps_ema3_of_rsi_vs_wma6_of_rsi_on_5minute()
    {
        var s = SettingsLoader.Load(null);
        Assert.Equal("5minute", s.Strategy.Timeframe);
        Assert.Equal(5, s.Strategy.ParsedTimeframe().Minutes);
        Assert.Equal(9, s.Strategy.RsiPeriod);
        Assert.Equal(3, s.Strategy.PriceStrength.Length);
        Assert.Equal("rsi", s.Strategy.PriceStrength.Source);
        Assert.Equal(6, s.Strategy.VolumeStrength.Length);
        Assert.Equal("rsi", s.Strategy.VolumeStrength.Source);

        var p = s.Strategy.ToStrategyParameters();
        Assert.Equal(9, p.RsiPeriod);
        Assert.Equal(3, p.PriceStrengthLength);
        Assert.Equal(6, p.VolumeStrengthLength);
        Assert.Equal(LiveTrader.Core.Signals.LineSource.Rsi, p.PriceStrengthSource);
        Assert.Equal(LiveTrader.Core.Signals.LineSource.Rsi, p.VolumeStrengthSource);
    }

    [Theory]
    //          segment      lot  pyramid  addition  max    freeze  exchange
    [InlineData("NIFTY", 65, 10, 5, 1500, 1800, "NFO")]
    [InlineData("BANKNIFTY", 30, 20, 10, 1000, 600, "NFO")]
    [InlineData("SENSEX", 20, 20, 10, 1000, 1000, "BFO")]
    public void Defaults_per_segment_match_DECISIONS(string name, int lot, int pyramidPoints, int lotAddition, int maxQuantity, int freeze, string exchange)
    {
        var s = SettingsLoader.Load(null);
        Assert.Equal(3, s.Segments.Count);
        var seg = s.Segments[name];
        Assert.True(seg.Enabled);
        Assert.Equal(lot, seg.LotSize);
        Assert.Equal(pyramidPoints, seg.PyramidPoints);
        Assert.Equal(lotAddition, seg.LotAddition);
        Assert.Equal(maxQuantity, seg.MaxQuantity);
        Assert.Equal(freeze, seg.FreezeQuantity);
        Assert.Equal(exchange, seg.Exchange);
        Assert.Equal(50m, seg.StopLossPoints);
        Assert.Equal(50m, seg.TrailingStopPoints);
        Assert.Equal(100m, seg.ItmOffsetPoints);
        Assert.Equal(new TimeOnly(9, 20), seg.TradingWindowStart);
        Assert.Equal(new TimeOnly(15, 15), seg.TradingWindowEnd);
        Assert.Null(seg.ProfitTargetPoints);
        Assert.Null(seg.MaxDailyLoss);
    }

    [Fact]
    public void Defaults_strike_steps_are_50_100_100()
    {
        var s = SettingsLoader.Load(null);
        Assert.Equal(50m, s.Segments["NIFTY"].StrikeStep);
        Assert.Equal(100m, s.Segments["BANKNIFTY"].StrikeStep);
        Assert.Equal(100m, s.Segments["SENSEX"].StrikeStep);
    }

    [Fact]
    public void Defaults_risk_square_off_1515_and_loss_limits_profit_target_off()
    {
        var s = SettingsLoader.Load(null);
        Assert.Equal(new TimeOnly(15, 15), s.Risk.SquareOffTime);
        Assert.Null(s.Risk.DailyLossLimit);
        Assert.Null(s.Risk.DailyProfitTarget);
        Assert.Equal(500_000m, s.InitialCapital);
        Assert.NotEmpty(s.ChargeRates);
        Assert.Empty(SettingsValidator.Validate(s));
    }

    [Fact]
    public void Segment_names_are_case_insensitive()
    {
        var s = SettingsLoader.Load(null);
        Assert.Equal(65, s.Segments["nifty"].LotSize);
    }

    [Fact]
    public void A_partial_config_file_overrides_only_what_it_names()
    {
        var file = Config("""{ "LiveTrader": { "Strategy": { "RsiPeriod": 14 }, "Segments": { "NIFTY": { "LotSize": 75 } } } }""");
        var s = SettingsLoader.Load(file);
        Assert.Equal(14, s.Strategy.RsiPeriod);
        Assert.Equal(75, s.Segments["NIFTY"].LotSize);
        Assert.Equal(1500, s.Segments["NIFTY"].MaxQuantity);
        Assert.Equal(30, s.Segments["BANKNIFTY"].LotSize);
        Assert.Equal(3, s.Strategy.PriceStrength.Length);
    }

    // ---- refusals, one kind of bad field at a time ----

    private static void AssertNames(ConfigurationError e, string fieldPath, params string[] why)
    {
        Assert.Contains(fieldPath, e.Message);
        foreach (var w in why) Assert.Contains(w, e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Unknown_segment_is_named()
    {
        var file = Config("""{ "LiveTrader": { "Segments": { "FINNIFTY": { "LotSize": 40, "StrikeStep": 50, "MaxQuantity": 400, "FreezeQuantity": 1000 } } } }""");
        var e = Refused(file);
        AssertNames(e, "LiveTrader:Segments:FINNIFTY", "unknown segment", "NIFTY, BANKNIFTY, SENSEX");
        Assert.Contains(file, e.Message);
    }

    [Fact]
    public void Negative_points_are_named()
    {
        var file = Config("""{ "LiveTrader": { "Segments": { "NIFTY": { "StopLossPoints": -5 } } } }""");
        AssertNames(Refused(file), "LiveTrader:Segments:NIFTY:StopLossPoints", "must be positive", "-5");
    }

    [Fact]
    public void Negative_pyramid_points_are_named()
    {
        var file = Config("""{ "LiveTrader": { "Segments": { "BANKNIFTY": { "PyramidPoints": -20 } } } }""");
        AssertNames(Refused(file), "LiveTrader:Segments:BANKNIFTY:PyramidPoints", "must not be negative", "-20");
    }

    [Fact]
    public void Window_end_before_start_is_named()
    {
        var file = Config("""{ "LiveTrader": { "Segments": { "SENSEX": { "TradingWindowStart": "14:00", "TradingWindowEnd": "10:00" } } } }""");
        AssertNames(Refused(file), "LiveTrader:Segments:SENSEX:TradingWindowEnd", "10:00", "not after", "14:00");
    }

    [Fact]
    public void Lot_size_zero_is_named()
    {
        var file = Config("""{ "LiveTrader": { "Segments": { "NIFTY": { "LotSize": 0 } } } }""");
        AssertNames(Refused(file), "LiveTrader:Segments:NIFTY:LotSize", "at least 1", "got 0");
    }

    [Fact]
    public void Unknown_timeframe_is_named()
    {
        var file = Config("""{ "LiveTrader": { "Strategy": { "Timeframe": "7minute" } } }""");
        AssertNames(Refused(file), "LiveTrader:Strategy:Timeframe", "unknown timeframe", "7minute");
    }

    [Fact]
    public void One_minute_is_not_a_tradable_timeframe()
    {
        var file = Config("""{ "LiveTrader": { "Strategy": { "Timeframe": "minute" } } }""");
        AssertNames(Refused(file), "LiveTrader:Strategy:Timeframe", "unknown timeframe");
    }

    [Fact]
    public void Bad_line_source_is_named()
    {
        var file = Config("""{ "LiveTrader": { "Strategy": { "VolumeStrength": { "Source": "open" } } } }""");
        AssertNames(Refused(file), "LiveTrader:Strategy:VolumeStrength:Source", "rsi, close or volume", "open");
    }

    [Fact]
    public void Bad_value_type_names_the_key_and_the_value()
    {
        var file = Config("""{ "LiveTrader": { "Strategy": { "RsiPeriod": "abc" } } }""");
        var e = Refused(file);
        AssertNames(e, "LiveTrader:Strategy:RsiPeriod", "abc");
        Assert.Contains("Int32", e.Message);
        Assert.Contains(file, e.Message);
    }

    [Fact]
    public void Bad_time_value_names_the_key()
    {
        var file = Config("""{ "LiveTrader": { "Risk": { "SquareOffTime": "quarter past three" } } }""");
        AssertNames(Refused(file), "LiveTrader:Risk:SquareOffTime", "quarter past three");
    }

    [Fact]
    public void Misspelled_key_is_named()
    {
        var file = Config("""{ "LiveTrader": { "Segments": { "NIFTY": { "LotSzie": 75 } } } }""");
        var e = Refused(file);
        AssertNames(e, "LiveTrader:Segments:NIFTY:LotSzie", "unknown setting");
        Assert.Contains(file, e.Message);
    }

    [Fact]
    public void Misspelled_top_level_key_is_named()
    {
        var file = Config("""{ "LiveTrader": { "IntialCapital": 100000 } }""");
        AssertNames(Refused(file), "LiveTrader:IntialCapital", "unknown setting");
    }

    [Fact]
    public void Misspelled_section_is_refused_not_silently_ignored()
    {
        var file = Config("""{ "LiveTradr": { "InitialCapital": 100000 } }""");
        AssertNames(Refused(file), "LiveTradr", "unknown section");
    }

    [Fact]
    public void Every_misspelled_key_is_named_in_one_message()
    {
        var file = Config("""
            {
              "LiveTrader": {
                "Strategy": { "PriceStrenght": { "Length": 3 }, "VolumeStrength": { "Lenght": 6 } },
                "Segments": { "SENSEX": { "StopLoss": 40 } },
                "ChargeRates": [ {}, { "Brokerage": 20 } ]
              }
            }
            """);
        var e = Refused(file);
        Assert.Contains("(4 problems)", e.Message);
        Assert.Contains("LiveTrader:Strategy:PriceStrenght: unknown setting", e.Message);
        Assert.Contains("LiveTrader:Strategy:VolumeStrength:Lenght: unknown setting", e.Message);
        Assert.Contains("LiveTrader:Segments:SENSEX:StopLoss: unknown setting", e.Message);
        Assert.Contains("LiveTrader:ChargeRates:1:Brokerage: unknown setting", e.Message);
    }

    [Fact]
    public void A_misspelled_key_is_named_by_path_even_beside_a_bad_value_type()
    {
        // The binder checks keys before values, so the unknown key is what is reported first.
        var file = Config("""{ "LiveTrader": { "Strategy": { "RsiPeriod": "nine", "RsiPeriodd": 9 } } }""");
        var e = Refused(file);
        Assert.Contains("LiveTrader:Strategy:RsiPeriodd: unknown setting", e.Message);
        Assert.DoesNotContain("ErrorOnUnknownConfiguration", e.Message);
    }

    [Fact]
    public void Invalid_json_is_refused_naming_the_file()
    {
        var file = Config("""{ "LiveTrader": { "Strategy": { "RsiPeriod": 9, } """);
        var e = Refused(file);
        Assert.Contains(file, e.Message);
        Assert.Contains("not valid JSON", e.Message);
    }

    [Fact]
    public void Missing_config_file_is_refused_naming_it()
    {
        var missing = _temp.Combine("no-such-config.json");
        var e = Refused(missing);
        Assert.Contains(missing, e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void Bad_charge_rate_is_named_with_its_row()
    {
        var file = Config("""{ "LiveTrader": { "ChargeRates": [ { "GstPercent": 180 } ] } }""");
        AssertNames(Refused(file), "LiveTrader:ChargeRates:0:GstPercent", "between 0 and 100", "180");
    }

    [Fact]
    public void Negative_brokerage_is_named_with_its_row()
    {
        var file = Config("""{ "LiveTrader": { "ChargeRates": [ {}, { "BrokeragePerOrder": -1 } ] } }""");
        AssertNames(Refused(file), "LiveTrader:ChargeRates:1:BrokeragePerOrder", "must not be negative");
    }

    [Fact]
    public void Defaults_live_candles_from_ticks_confirmed_by_history_grace_1_5_s_window_3_s()
    {
        var s = SettingsLoader.Load(null);
        Assert.Equal("ticks+history", s.LiveCandles.Source);
        Assert.True(s.LiveCandles.ConfirmsWithHistory);
        Assert.Equal(1.5, s.LiveCandles.GraceSeconds);
        Assert.Equal(3, s.LiveCandles.ConfirmSeconds);
        Assert.False(SettingsLoader.Load(Config("""{ "LiveTrader": { "LiveCandles": { "Source": "ticks" } } }""")).LiveCandles.ConfirmsWithHistory);
    }

    [Fact]
    public void Live_candles_from_an_unknown_source_or_with_a_window_shorter_than_the_grace_are_named()
    {
        AssertNames(Refused(Config("""{ "LiveTrader": { "LiveCandles": { "Source": "history" } } }""")),
            "LiveTrader:LiveCandles:Source", "ticks or ticks+history", "history");
        AssertNames(Refused(Config("""{ "LiveTrader": { "LiveCandles": { "GraceSeconds": 4, "ConfirmSeconds": 3 } } }""")),
            "LiveTrader:LiveCandles:ConfirmSeconds", "at least the grace", "got 3");
        AssertNames(Refused(Config("""{ "LiveTrader": { "LiveCandles": { "GraceSeconds": -1 } } }""")),
            "LiveTrader:LiveCandles:GraceSeconds", "between 0 and 60");
    }

    [Fact]
    public void Live_orders_are_MARKET_by_default_a_marketable_LIMIT_when_asked_and_bad_limit_terms_are_named()
    {
        var defaults = SettingsLoader.Load(null).Live;
        Assert.Equal((EntryOrderType.Market, -1m, 2m, 5d, 3), (defaults.EntryOrderType, defaults.MarketProtection, defaults.LimitProtectionPercent, defaults.LimitRepriceSeconds, defaults.LimitReprices));
        var limit = SettingsLoader.Load(Config("""{ "LiveTrader": { "Live": { "EntryOrderType": "Limit", "LimitProtectionPercent": 1.5 } } }""")).Live;
        Assert.Equal((EntryOrderType.Limit, 1.5m), (limit.EntryOrderType, limit.LimitProtectionPercent));
        AssertNames(Refused(Config("""{ "LiveTrader": { "Live": { "LimitProtectionPercent": 0 } } }""")),
            "LiveTrader:Live:LimitProtectionPercent", "above 0 and at most 10", "got 0");
        AssertNames(Refused(Config("""{ "LiveTrader": { "Live": { "LimitRepriceSeconds": 0.5 } } }""")),
            "LiveTrader:Live:LimitRepriceSeconds", "between 1 and 60");
        AssertNames(Refused(Config("""{ "LiveTrader": { "Live": { "LimitReprices": -1 } } }""")),
            "LiveTrader:Live:LimitReprices", "between 0 and 20");
    }

    [Fact]
    public void Square_off_outside_the_session_is_named()
    {
        var file = Config("""{ "LiveTrader": { "Risk": { "SquareOffTime": "16:00" } } }""");
        AssertNames(Refused(file), "LiveTrader:Risk:SquareOffTime", "inside the session", "16:00");
    }

    [Fact]
    public void Zero_loss_limit_is_refused_but_null_switches_it_off()
    {
        AssertNames(Refused(Config("""{ "LiveTrader": { "Risk": { "DailyLossLimit": 0 } } }""")),
            "LiveTrader:Risk:DailyLossLimit", "must be positive");
        var s = SettingsLoader.Load(Config("""{ "LiveTrader": { "Risk": { "DailyLossLimit": 25000, "DailyProfitTarget": null } } }"""));
        Assert.Equal(25000m, s.Risk.DailyLossLimit);
        Assert.Null(s.Risk.DailyProfitTarget);
    }

    [Fact]
    public void Account_protection_is_off_by_default_and_each_bad_field_is_named()
    {
        var defaults = SettingsLoader.Load(null).Risk.Protection;
        Assert.Null(defaults.DailyLoss);
        Assert.Null(defaults.ProfitLockAt);
        Assert.Null(defaults.TrailingStop);
        Assert.Equal(50m, defaults.ProfitLockPercent);
        AssertNames(Refused(Config("""{ "LiveTrader": { "Risk": { "Protection": { "DailyLoss": 0 } } } }""")),
            "LiveTrader:Risk:Protection:DailyLoss", "must be positive");
        AssertNames(Refused(Config("""{ "LiveTrader": { "Risk": { "Protection": { "ProfitLockAt": -5 } } } }""")),
            "LiveTrader:Risk:Protection:ProfitLockAt", "must be positive");
        AssertNames(Refused(Config("""{ "LiveTrader": { "Risk": { "Protection": { "ProfitLockPercent": 120 } } } }""")),
            "LiveTrader:Risk:Protection:ProfitLockPercent", "at most 100", "120");
        AssertNames(Refused(Config("""{ "LiveTrader": { "Risk": { "Protection": { "TrailingStop": 0 } } } }""")),
            "LiveTrader:Risk:Protection:TrailingStop", "must be positive");
        var s = SettingsLoader.Load(Config("""{ "LiveTrader": { "Risk": { "Protection": { "DailyLoss": 20000, "ProfitLockAt": 15000, "ProfitLockPercent": 60, "TrailingStop": 8000 } } } }"""));
        var rules = LiveTrader.Core.Trading.AccountRules.From(s.Risk);
        Assert.Equal((20000m, 15000m, 9000m, 8000m), (rules.LossProtection!.Value, rules.ProfitLockAt!.Value, rules.LockedLevel!.Value, rules.TrailingStop!.Value));
    }

    [Fact]
    public void Several_bad_fields_are_all_named_in_one_message()
    {
        var file = Config("""
            {
              "LiveTrader": {
                "Strategy": { "Timeframe": "2minute", "PriceStrength": { "Source": "vwap" } },
                "InitialCapital": -1,
                "Segments": {
                  "NIFTY": { "LotSize": 0, "StopLossPoints": -10 },
                  "BANKNIFTY": { "TradingWindowStart": "15:00", "TradingWindowEnd": "10:00" },
                  "MIDCPNIFTY": {}
                },
                "ChargeRates": [ { "SttSellPercent": -0.1 } ]
              }
            }
            """);
        var e = Refused(file);
        string[] fields =
        [
            "LiveTrader:Strategy:Timeframe",
            "LiveTrader:Strategy:PriceStrength:Source",
            "LiveTrader:InitialCapital",
            "LiveTrader:Segments:NIFTY:LotSize",
            "LiveTrader:Segments:NIFTY:StopLossPoints",
            "LiveTrader:Segments:BANKNIFTY:TradingWindowEnd",
            "LiveTrader:Segments:MIDCPNIFTY",
            "LiveTrader:ChargeRates:0:SttSellPercent",
        ];
        foreach (var f in fields) Assert.Contains(f, e.Message);
        Assert.Contains(file, e.Message);
        // One line per problem, and the count says how many.
        var problems = e.Message.Split('\n').Count(l => l.TrimStart().StartsWith("- ", StringComparison.Ordinal));
        Assert.Equal(fields.Length, problems);
        Assert.Contains($"({fields.Length} problems)", e.Message);
    }

    // ---- environment ----

    [Fact]
    public void Environment_variable_overrides_the_defaults_and_the_file()
    {
        const string name = "LIVETRADER_LiveTrader__InitialCapital";
        var before = Environment.GetEnvironmentVariable(name);
        try
        {
            Environment.SetEnvironmentVariable(name, "200000");
            Assert.Equal(200_000m, SettingsLoader.Load(null).InitialCapital);

            var file = Config("""{ "LiveTrader": { "InitialCapital": 300000 } }""");
            Assert.Equal(200_000m, SettingsLoader.Load(file).InitialCapital);

            Environment.SetEnvironmentVariable(name, "-5");
            AssertNames(Refused(null), "LiveTrader:InitialCapital", "must be positive");
            Assert.Contains("the default configuration", Refused(null).Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, before);
        }
        Assert.Equal(500_000m, SettingsLoader.Load(null).InitialCapital);
    }

    [Fact]
    public void Environment_variable_reaches_nested_segment_settings()
    {
        const string name = "LIVETRADER_LiveTrader__Segments__NIFTY__LotSize";
        var before = Environment.GetEnvironmentVariable(name);
        try
        {
            Environment.SetEnvironmentVariable(name, "75");
            Assert.Equal(75, SettingsLoader.Load(null).Segments["NIFTY"].LotSize);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, before);
        }
    }
}
