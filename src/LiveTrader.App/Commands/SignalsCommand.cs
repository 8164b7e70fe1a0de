using System.CommandLine;
using LiveTrader.App.Configuration;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Signals;
using LiveTrader.Engine.Data;
using LiveTrader.Engine.Reports;

namespace LiveTrader.App.Commands;

/// <summary><c>signals --candles FILE [--interval 5minute] [--config FILE] --out FILE</c>: the
/// strategy's lines and signal for every candle of a file.</summary>
public static class SignalsCommand
{
    public static Command Create()
    {
        var candles = new Option<string>("--candles") { Description = "Candle CSV (date,open,high,low,close,volume), e.g. Kite historical data", Required = true };
        var interval = new Option<string?>("--interval") { Description = "Candle timeframe to evaluate on (3minute, 5minute, 15minute, 30minute, 60minute); finer input is resampled. Default: the configuration's" };
        var config = new Option<string?>("--config") { Description = "Configuration JSON overriding the defaults" };
        var output = new Option<string>("--out") { Description = "Where to write the signals CSV", Required = true };
        var command = new Command("signals", "Compute RSI, Price Strength, Volume Strength and the signal for every candle of a file")
        {
            candles, interval, config, output,
        };
        command.SetAction(parse => CliErrors.Run(() => Run(
            parse.GetValue(candles)!, parse.GetValue(interval), parse.GetValue(config), parse.GetValue(output)!)));
        return command;
    }

    public static int Run(string candleFile, string? interval, string? configFile, string outFile)
    {
        OutputGuard.File("--out", outFile, [new("--candles", candleFile), new("--config", configFile)]);
        var settings = SettingsLoader.Load(configFile);
        var timeframe = ResolveTimeframe(interval, settings);
        var series = CandleCsvReader.Read(candleFile);
        var (candles, dates) = CandleInput.ToTimeframe(series, timeframe);

        var engine = new SignalEngine(settings.Strategy.ToStrategyParameters());
        var readings = new List<SignalReading>(candles.Count);
        foreach (var c in candles) readings.Add(engine.OnCandleClosed(c));

        AtomicFile.WriteText(outFile, w => SignalsCsvWriter.Write(w, readings, dates));

        foreach (var warning in series.Warnings()) Console.Error.WriteLine($"warning: {warning}");
        var ce = readings.Count(r => r.Signal == Signal.BuyCe);
        var pe = readings.Count(r => r.Signal == Signal.BuyPe);
        Console.WriteLine($"{readings.Count} {timeframe} candles, {ce} BUY_CE and {pe} BUY_PE signals -> {outFile}");
        return CliErrors.Ok;
    }

    public static Timeframe ResolveTimeframe(string? interval, LiveTraderSettings settings)
    {
        var text = interval ?? settings.Strategy.Timeframe;
        if (!Timeframe.TryParse(text, out var tf) || !Timeframe.TradableMinutes.Contains(tf.Minutes))
            throw new UsageError($"--interval: unknown timeframe '{text}' (use 3minute, 5minute, 15minute, 30minute or 60minute)");
        return tf;
    }
}
