using System.CommandLine;
using System.Globalization;
using LiveTrader.App.Configuration;
using LiveTrader.Core.Market;
using LiveTrader.Engine.Data;
using LiveTrader.Sim;

namespace LiveTrader.App.Commands;

/// <summary><c>sim [--port 7800] [--replay FILE ...] [--speed N] [--seed N] [--date DATE]</c>: a
/// Kite-compatible exchange on this machine, for trying LiveTrader (or any Kite client) offline.</summary>
public static class SimCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port for REST and WebSocket (0 picks a free one)", DefaultValueFactory = _ => 7800 };
        var replay = new Option<string[]>("--replay") { Description = "1-minute candle CSV of an index to replay (file name starts with NIFTY, BANKNIFTY or SENSEX); repeat for several", Arity = ArgumentArity.ZeroOrMore };
        var speed = new Option<double>("--speed") { Description = "Simulated seconds per real second", DefaultValueFactory = _ => 1.0 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the generated market (same seed, same day)", DefaultValueFactory = _ => 1UL };
        var date = new Option<string?>("--date") { Description = "Trading day to simulate (YYYY-MM-DD); default the latest weekday, or the replay file's last day" };
        var command = new Command("sim", "Run the Kite-compatible simulator: login, instruments, historical candles, quotes and the WebSocket ticker")
        {
            port, replay, speed, seed, date,
        };
        command.SetAction((parse, ct) => CliErrors.RunAsync(() => RunAsync(
            parse.GetValue(port), parse.GetValue(replay) ?? [], parse.GetValue(speed), parse.GetValue(seed), parse.GetValue(date), ct)));
        return command;
    }

    public static async Task<int> RunAsync(int port, string[] replay, double speed, ulong seed, string? date, CancellationToken ct)
    {
        var options = Options(port, replay, speed, seed, date);
        await using var sim = await SimServer.StartAsync(options, ct);
        Console.WriteLine($"Kite simulator listening on {sim.BaseUri} (REST) and {sim.TickerUri} (ticker)");
        Console.WriteLine($"  market day {sim.Market.Day:yyyy-MM-dd} from 09:15 IST, speed x{speed.ToString(CultureInfo.InvariantCulture)}, " +
            (replay.Length > 0 ? $"replaying {string.Join(", ", replay.Select(Path.GetFileName))}" : $"generated market, seed {seed}"));
        Console.WriteLine($"  API key '{options.ApiKey}', secret '{options.ApiSecret}'; login at {sim.LoginUrl}");
        Console.WriteLine("Press Ctrl+C to stop.");
        await sim.WaitForShutdownAsync(ct);
        return CliErrors.Ok;
    }

    /// <summary>Checks every argument before anything listens.</summary>
    public static SimOptions Options(int port, string[] replay, double speed, ulong seed, string? date)
    {
        if (port is < 0 or > 65535) throw new UsageError($"--port: {port} is not a port (0-65535)");
        if (!(speed > 0) || speed > 10_000) throw new UsageError($"--speed: {speed.ToString(CultureInfo.InvariantCulture)} must be above 0 and at most 10000");
        DateOnly? day = null;
        if (date is not null)
        {
            if (!Ist.TryParseDay(date, out var d))
                throw new UsageError($"--date: '{date}' is not a date like 2026-01-06");
            if (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                throw new UsageError($"--date: {d:yyyy-MM-dd} is a {d.DayOfWeek}; pick a trading day");
            day = d;
        }
        foreach (var file in replay)
        {
            if (!Segments.All.Any(s => Path.GetFileName(file).StartsWith(s.ToString(), StringComparison.OrdinalIgnoreCase)))
                throw new UsageError($"--replay: {file}: the file name must start with the index it holds ({Segments.Names})");
            var series = CandleCsvReader.Read(file);
            if (series.Timeframe != Timeframe.OneMinute)
                throw new InputFileException(file, null, null, $"holds {series.Timeframe} candles; the simulator replays 1-minute candles");
            if (day is DateOnly wanted && !series.Candles.Any(c => Ist.DayOf(c.Start) == wanted))
                throw new UsageError($"--date: {wanted:yyyy-MM-dd} is not in {file}");
            foreach (var warning in series.Warnings()) Console.Error.WriteLine($"warning: {warning}");
        }
        var options = new SimOptions { Port = port, Speed = speed, Seed = seed, Date = day };
        options.ReplayFiles.AddRange(replay);
        // The virtual contract note uses the engine's own dated charge table, so it checks the engine's charges.
        options.ChargeRates.AddRange(SettingsLoader.Load(null).ChargeRates);
        return options;
    }
}
