using LiveTrader.App.Commands;
using LiveTrader.App.Configuration;

namespace LiveTrader.App.Tests.Hostile;

/// <summary>Class 5 of issue 12: every number and URL of the configuration is checked once, in
/// SettingsValidator, and every bad one is listed together.</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class NumbersInSenseTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_configuration_object_with_more_keys_than_the_limit_or_a_file_too_large_is_refused_before_it_is_bound()
    {
        var wide = _temp.File("wide.json", "{ \"LiveTrader\": {\n  \"Segments\": { "
            + string.Join(", ", Enumerable.Range(0, 300).Select(i => $"\"S{i}\": {{}}")) + " } } }");
        var huge = _temp.File("huge.json", "{ \"LiveTrader\": { \"InitialCapital\": 100000 } }" + new string(' ', 2 * 1024 * 1024));
        var candles = _temp.File("f.csv", HostileFiles.Candles());
        var before = HostileFiles.Snapshot(_temp.Path);

        var refusals = new[] { wide, huge }.Select(config =>
            ConsoleCapture.Run(() => CliErrors.Run(() => SignalsCommand.Run(candles, null, config, _temp.Combine("o.csv"))))).ToList();

        Assert.All(refusals, r => Assert.Equal(CliErrors.BadInput, r.Exit));
        Assert.Matches($@"^error: {System.Text.RegularExpressions.Regex.Escape(wide)}: line 2, position \d+: an object with more than 256 keys, the most LiveTrader reads$",
            HostileFiles.OneErrorLine(refusals[0].Err));
        Assert.Equal($"error: {huge}: the file is larger than 1 MB, the most a configuration file may hold", HostileFiles.OneErrorLine(refusals[1].Err));
        HostileFiles.AssertUnchanged(before, _temp.Path);
    }

    [Fact]
    public void Absurd_lengths_NaN_and_non_urls_are_all_listed_and_nothing_is_written()
    {
        var config = _temp.File("c.json", """
            { "LiveTrader": {
                "Strategy": { "RsiPeriod": 10000, "VolumeStrength": { "Length": 2147483647 } },
                "LiveCandles": { "GraceSeconds": "NaN" },
                "Segments": { "NIFTY": { "ImpliedVolatility": "Infinity" } },
                "Kite": { "ApiRoot": "not a url", "TickerRoot": "https://ws.kite.trade" } } }
            """);
        var candles = _temp.File("f.csv", HostileFiles.Candles());
        var before = HostileFiles.Snapshot(_temp.Path);

        var (exit, _, err) = ConsoleCapture.Run(() => CliErrors.Run(() => SignalsCommand.Run(candles, null, config, _temp.Combine("o.csv"))));

        Assert.Equal(CliErrors.BadInput, exit);
        HostileFiles.OneErrorLine(err);
        Assert.Contains("Strategy:RsiPeriod: must be at most 500 (got 10000)", err);
        Assert.Contains("Strategy:VolumeStrength:Length: must be at most 500", err);
        Assert.Contains("LiveCandles:GraceSeconds", err);
        Assert.Contains("Segments:NIFTY:ImpliedVolatility", err);
        Assert.Contains("Kite:ApiRoot: must be an absolute http or https URL (got 'not a url')", err);
        Assert.Contains("Kite:TickerRoot: must be an absolute ws or wss URL", err);
        HostileFiles.AssertUnchanged(before, _temp.Path);
    }

    [Fact]
    public void The_defaults_still_pass() => Assert.True(SettingsLoader.Load(null).Strategy.RsiPeriod > 1);
}
