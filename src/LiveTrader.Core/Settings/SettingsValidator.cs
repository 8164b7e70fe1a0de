using LiveTrader.Core.Market;
using LiveTrader.Core.Signals;

namespace LiveTrader.Core.Settings;

/// <summary>Checks a whole configuration and names every bad field at once, so a trader fixes the
/// file in one go instead of one start-up failure at a time.</summary>
public static class SettingsValidator
{
    public static IReadOnlyList<string> Validate(LiveTraderSettings settings)
    {
        var errors = new List<string>();
        void Bad(string field, string why) => errors.Add($"{LiveTraderSettings.SectionName}:{field}: {why}");

        var s = settings.Strategy;
        if (!Timeframe.TryParse(s.Timeframe, out var tf) || !Timeframe.TradableMinutes.Contains(tf.Minutes))
            Bad("Strategy:Timeframe", $"unknown timeframe '{s.Timeframe}' (use 3minute, 5minute, 15minute, 30minute or 60minute)");
        if (s.RsiPeriod < 2) Bad("Strategy:RsiPeriod", $"must be at least 2 (got {s.RsiPeriod})");
        else if (s.RsiPeriod > MaxLength) Bad("Strategy:RsiPeriod", $"must be at most {MaxLength} (got {s.RsiPeriod})");
        ValidateLine("Strategy:PriceStrength", s.PriceStrength, Bad);
        ValidateLine("Strategy:VolumeStrength", s.VolumeStrength, Bad);

        if (settings.InitialCapital <= 0) Bad("InitialCapital", $"must be positive (got {settings.InitialCapital})");
        if (settings.Risk.DailyLossLimit is <= 0) Bad("Risk:DailyLossLimit", "must be positive rupees, or left out to switch it off");
        if (settings.Risk.DailyProfitTarget is <= 0) Bad("Risk:DailyProfitTarget", "must be positive rupees, or left out to switch it off");
        ValidateProtection(settings.Risk.Protection, Bad);
        if (settings.Risk.ProtectiveStopBufferPercent is <= 0 or > 40)
            Bad("Risk:ProtectiveStopBufferPercent", $"must be above 0 and at most 40 (the exchange's price protection), got {settings.Risk.ProtectiveStopBufferPercent}");
        if (settings.Risk.ProtectiveStopStepPoints <= 0)
            Bad("Risk:ProtectiveStopStepPoints", $"must be positive index points, got {settings.Risk.ProtectiveStopStepPoints}");
        if (settings.Risk.SquareOffTime <= MarketHours.Open || settings.Risk.SquareOffTime > MarketHours.Close)
            Bad("Risk:SquareOffTime", $"must be inside the session 09:15-15:30 (got {settings.Risk.SquareOffTime:HH\\:mm})");

        var lc = settings.LiveCandles;
        if (lc.Source?.Trim().ToLowerInvariant() is not (LiveCandleSettings.Ticks or LiveCandleSettings.TicksAndHistory))
            Bad("LiveCandles:Source", $"must be ticks or ticks+history (got '{lc.Source}')");
        if (!(lc.GraceSeconds is >= 0 and <= 60)) Bad("LiveCandles:GraceSeconds", $"must be between 0 and 60 seconds (got {lc.GraceSeconds})");
        if (!(lc.ConfirmSeconds >= lc.GraceSeconds && lc.ConfirmSeconds <= 60))
            Bad("LiveCandles:ConfirmSeconds", $"must be at least the grace ({lc.GraceSeconds} s) and at most 60 seconds (got {lc.ConfirmSeconds})");

        ValidateLiveOrders(settings.Live, Bad);

        if (settings.Segments.Count == 0) Bad("Segments", "no segment is configured");
        foreach (var (name, seg) in settings.Segments)
        {
            if (!Segments.TryParse(name, out _))
            {
                Bad($"Segments:{name}", $"unknown segment (known: {Segments.Names})");
                continue;
            }
            ValidateSegment($"Segments:{name}", seg, Bad);
        }

        if (settings.ChargeRates.Count == 0) Bad("ChargeRates", "at least one dated rate row is needed to compute charges");
        for (var i = 0; i < settings.ChargeRates.Count; i++)
        {
            var r = settings.ChargeRates[i];
            if (r.BrokeragePerOrder < 0) Bad($"ChargeRates:{i}:BrokeragePerOrder", "must not be negative");
            foreach (var (field, value) in new[]
            {
                ("SttSellPercent", r.SttSellPercent), ("ExchangeNsePercent", r.ExchangeNsePercent),
                ("ExchangeBsePercent", r.ExchangeBsePercent), ("IpftNsePercent", r.IpftNsePercent),
                ("SebiPercent", r.SebiPercent), ("StampBuyPercent", r.StampBuyPercent), ("GstPercent", r.GstPercent),
            })
            {
                if (value < 0 || value > 100) Bad($"ChargeRates:{i}:{field}", $"must be a percentage between 0 and 100 (got {value})");
            }
        }
        if (string.IsNullOrWhiteSpace(settings.OutputFolder)) Bad("OutputFolder", "must name a folder");
        foreach (var (field, url, schemes) in new[]
        {
            ("Kite:ApiRoot", settings.Kite.ApiRoot, "http https"), ("Kite:TickerRoot", settings.Kite.TickerRoot, "ws wss"),
            ("Kite:LoginRoot", settings.Kite.LoginRoot, "http https"),
        })
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !schemes.Split(' ').Contains(uri.Scheme) || string.IsNullOrEmpty(uri.Host))
                Bad(field, $"must be an absolute {schemes.Replace(" ", " or ")} URL (got '{url}')");
        }
        return errors;
    }

    /// <summary>The longest RSI period or line length a trader would use: longer ones are refused, not run.</summary>
    public const int MaxLength = 500;

    private static void ValidateProtection(AccountProtectionSettings p, Action<string, string> bad)
    {
        if (p.DailyLoss is <= 0) bad("Risk:Protection:DailyLoss", "must be positive rupees, or left out to switch it off");
        if (p.ProfitLockAt is <= 0) bad("Risk:Protection:ProfitLockAt", "must be positive rupees, or left out to switch it off");
        if (p.ProfitLockPercent is <= 0 or > 100) bad("Risk:Protection:ProfitLockPercent", $"must be above 0 and at most 100 (got {p.ProfitLockPercent})");
        if (p.TrailingStop is <= 0) bad("Risk:Protection:TrailingStop", "must be positive rupees, or left out to switch it off");
    }

    private static void ValidateLine(string field, LineSettings line, Action<string, string> bad)
    {
        if (line.Length < 1) bad($"{field}:Length", $"must be at least 1 (got {line.Length})");
        else if (line.Length > MaxLength) bad($"{field}:Length", $"must be at most {MaxLength} (got {line.Length})");
        if (!TryParseSource(line.Source, out _)) bad($"{field}:Source", $"must be rsi, close or volume (got '{line.Source}')");
    }

    private static void ValidateSegment(string field, SegmentSettings seg, Action<string, string> bad)
    {
        if (seg.LotSize < 1) bad($"{field}:LotSize", $"must be at least 1 (got {seg.LotSize})");
        if (seg.StrikeStep <= 0) bad($"{field}:StrikeStep", $"must be positive (got {seg.StrikeStep})");
        if (seg.ItmOffsetPoints < 0) bad($"{field}:ItmOffsetPoints", $"must not be negative (got {seg.ItmOffsetPoints})");
        else if (seg.StrikeStep > 0 && seg.ItmOffsetPoints % seg.StrikeStep != 0)
            bad($"{field}:ItmOffsetPoints", $"must be a multiple of the strike step {seg.StrikeStep} (got {seg.ItmOffsetPoints})");
        if (seg.StopLossPoints <= 0) bad($"{field}:StopLossPoints", $"must be positive (got {seg.StopLossPoints})");
        if (seg.TrailingStopPoints <= 0) bad($"{field}:TrailingStopPoints", $"must be positive (got {seg.TrailingStopPoints})");
        if (seg.ProfitTargetPoints is <= 0) bad($"{field}:ProfitTargetPoints", "must be positive, or left out to switch it off");
        if (seg.PyramidPoints < 0) bad($"{field}:PyramidPoints", $"must not be negative (got {seg.PyramidPoints}); 0 switches pyramiding off");
        if (seg.LotAddition < 0) bad($"{field}:LotAddition", $"must not be negative (got {seg.LotAddition})");
        if (seg.MaxQuantity < seg.LotSize) bad($"{field}:MaxQuantity", $"must be at least one lot ({seg.LotSize}) (got {seg.MaxQuantity})");
        if (seg.MaxTradesPerDay < 1) bad($"{field}:MaxTradesPerDay", $"must be at least 1 (got {seg.MaxTradesPerDay})");
        if (seg.MaxDailyLoss is <= 0) bad($"{field}:MaxDailyLoss", "must be positive rupees, or left out to switch it off");
        if (seg.TradingWindowEnd <= seg.TradingWindowStart)
            bad($"{field}:TradingWindowEnd", $"window end {seg.TradingWindowEnd:HH\\:mm} is not after its start {seg.TradingWindowStart:HH\\:mm}");
        if (seg.TradingWindowStart < MarketHours.Open || seg.TradingWindowEnd > MarketHours.Close)
            bad($"{field}:TradingWindowStart", "the trading window must lie inside the session 09:15-15:30");
        if (seg.FreezeQuantity < 1) bad($"{field}:FreezeQuantity", $"must be at least 1 (got {seg.FreezeQuantity})");
        if (!(seg.ImpliedVolatility is > 0 and <= 5)) bad($"{field}:ImpliedVolatility", $"must be an annual volatility between 0 and 5, e.g. 0.12 (got {seg.ImpliedVolatility})");
        if (seg.TickSize <= 0) bad($"{field}:TickSize", $"must be positive (got {seg.TickSize})");
        if (seg.SlippageTicks < 0) bad($"{field}:SlippageTicks", $"must not be negative (got {seg.SlippageTicks})");
        if (seg.Exchange is not ("NFO" or "BFO")) bad($"{field}:Exchange", $"must be NFO or BFO (got '{seg.Exchange}')");
    }

    public static bool TryParseSource(string? text, out LineSource source)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "rsi": source = LineSource.Rsi; return true;
            case "close": source = LineSource.Close; return true;
            case "volume": source = LineSource.Volume; return true;
            default: source = default; return false;
        }
    }

    /// <summary>The signal engine's parameters; call only on validated settings.</summary>
    public static StrategyParameters ToStrategyParameters(this StrategySettings s)
    {
        TryParseSource(s.PriceStrength.Source, out var ps);
        TryParseSource(s.VolumeStrength.Source, out var vs);
        return new StrategyParameters(s.RsiPeriod, s.PriceStrength.Length, ps, s.VolumeStrength.Length, vs);
    }

    public static Timeframe ParsedTimeframe(this StrategySettings s) =>
        Timeframe.TryParse(s.Timeframe, out var tf) ? tf : throw new InvalidOperationException($"Unvalidated timeframe '{s.Timeframe}'.");

    private static void ValidateLiveOrders(LiveOrderSettings live, Action<string, string> bad)
    {
        if (live.MarketProtection != -1 && live.MarketProtection is < 0 or > 100)
            bad("Live:MarketProtection", $"must be -1 (Kite's band) or a percentage from 0 to 100 (got {live.MarketProtection})");
        if (live.AlgoId is { } algo && (algo.Length is 0 or > 30 || !algo.All(char.IsAsciiLetterOrDigit)))
            bad("Live:AlgoId", "must be the exchange's algo id: letters and digits, at most 30, or left out");
        if (!double.IsFinite(live.PollSeconds) || live.PollSeconds is < 0.5 or > 60)
            bad("Live:PollSeconds", $"must be between 0.5 and 60 seconds (got {live.PollSeconds})");
        if (!double.IsFinite(live.LateAnswerSeconds) || live.LateAnswerSeconds is < 1 or > 60)
            bad("Live:LateAnswerSeconds", $"must be between 1 and 60 seconds (got {live.LateAnswerSeconds})");
        if (!double.IsFinite(live.LostOrderSeconds) || live.LostOrderSeconds < live.LateAnswerSeconds || live.LostOrderSeconds > 600)
            bad("Live:LostOrderSeconds", $"must be at least LateAnswerSeconds and at most 600 seconds (got {live.LostOrderSeconds})");
        if (!Enum.IsDefined(live.EntryOrderType))
            bad("Live:EntryOrderType", $"must be Market or Limit (got {live.EntryOrderType})");
        // Kite's own limit price protection refuses limits far from the market; 10 % is well inside it.
        if (live.LimitProtectionPercent is <= 0 or > 10)
            bad("Live:LimitProtectionPercent", $"must be above 0 and at most 10 percent (got {live.LimitProtectionPercent})");
        if (!double.IsFinite(live.LimitRepriceSeconds) || live.LimitRepriceSeconds is < 1 or > 60)
            bad("Live:LimitRepriceSeconds", $"must be between 1 and 60 seconds (got {live.LimitRepriceSeconds})");
        if (live.LimitReprices is < 0 or > 20)
            bad("Live:LimitReprices", $"must be between 0 and 20 (got {live.LimitReprices})");
    }
}
