using System.Globalization;
using LiveTrader.App.Commands;
using LiveTrader.App.Web;
using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Archive;
using LiveTrader.Engine.Data;
using LiveTrader.Engine.Reports;
using LiveTrader.Kite.Auth;
using LiveTrader.Kite.Historical;
using LiveTrader.Kite.Instruments;
using LiveTrader.Kite.Rest;
using LiveTrader.Sim;
using LiveTrader.Sim.Market;

namespace LiveTrader.App.Tests;

/// <summary><c>history --futures</c> and <c>--traded</c> against the simulator: the near-month future and a
/// session's options with open interest, a resumed run ending on the same bytes, a warning for an option
/// no dump knows, and the months Kite cannot serve refused in one line.</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class HistoryDerivativesTests
{
    private static readonly DateOnly SimDay = new(2026, 12, 1);
    private static readonly ExpiryCalendar Calendar = ExpiryCalendar.Default;
    private static readonly SimMarket Market = new(new SimOptions { Seed = 1, Date = SimDay });
    private static readonly DateOnly TradeDay = Market.Book.PreviousTradingDay(SimDay);

    /// <summary>The first day both December contracts are the near month: the day after November's later monthly expiry.</summary>
    private static readonly DateOnly LiveFrom = new[] { Segment.NIFTY, Segment.SENSEX }.Max(s => Calendar.MonthlyExpiry(s, 2026, 11)).AddDays(1);

    [Fact]
    public async Task The_near_month_futures_and_the_traded_options_are_archived_with_open_interest_and_an_unknown_option_is_warned_about()
    {
        using var dir = new TempDir();
        using var sessions = new TempDir();
        var nifty = NearestOption(IndexSpec.Nifty);
        var sensex = NearestOption(IndexSpec.Sensex);
        // The trade day's dump, archived by an earlier run, also knows a weekly that expired on the trade day itself.
        const string expired = "NIFTY26N3026000CE";
        Directory.CreateDirectory(dir.File("instruments"));
        File.WriteAllText(HistoryDownload.InstrumentDumpPath(dir.Path, TradeDay),
            Market.Catalog.ToCsv() + $"99999746,390624,{expired},\"NIFTY\",0,{TradeDay:yyyy-MM-dd},26000,0.05,65,CE,NFO-OPT,NFO\n");
        WriteTradeLog(sessions.Path, TradeDay, (nifty.Tradingsymbol, "NIFTY"), (sensex.Tradingsymbol, "SENSEX"), ("NIFTY26D0199999CE", "NIFTY"), (expired, "NIFTY"));

        var (exit, stdout, stderr) = Repo.RunApp("history", "--source", "sim", "--sim-day", $"{SimDay:yyyy-MM-dd}", "--segments", "NIFTY,SENSEX",
            "--interval", "minute", "--from", $"{LiveFrom:yyyy-MM-dd}", "--data", dir.Path, "--futures", "--traded", sessions.Path);
        Assert.True(exit == 0, stdout + stderr);
        var warnings = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, warnings.Length);
        Assert.StartsWith($"warning: NIFTY26D0199999CE (NIFTY, traded {TradeDay:yyyy-MM-dd}) is in no instrument dump: the archived dump of {TradeDay:yyyy-MM-dd} does not list it", warnings[0]);
        Assert.Equal($"warning: {expired} (traded {TradeDay:yyyy-MM-dd}) expired on {TradeDay:yyyy-MM-dd}, and Kite serves no candles of an expired option; left out", warnings[1]);
        Assert.False(File.Exists(dir.File($"options/{expired}_minute.csv")));

        var tradingDays = Enumerable.Range(0, SimDay.DayNumber - LiveFrom.DayNumber).Select(i => LiveFrom.AddDays(i)).Where(Calendar.IsTradingDay).ToList();
        foreach (var (file, days) in new[]
        {
            ("futures/NIFTY_FUT_minute.csv", tradingDays), ("futures/SENSEX_FUT_minute.csv", tradingDays),
            ($"options/{nifty.Tradingsymbol}_minute.csv", new List<DateOnly> { TradeDay }), ($"options/{sensex.Tradingsymbol}_minute.csv", new List<DateOnly> { TradeDay }),
        })
        {
            var lines = File.ReadAllLines(dir.File(file));
            Assert.Equal(CandleArchive.OpenInterestHeader, lines[0]);
            Assert.All(lines.Skip(1), l => Assert.True(long.Parse(l.Split(',')[6]) > 0, $"{file}: {l}"));
            // The backtest's reader takes the files as they are: the oi column is read past.
            var series = CandleCsvReader.Read(dir.File(file));
            Assert.Equal(days, series.Candles.Select(c => Ist.DayOf(c.Start)).Distinct());
            Assert.Equal(days.Count * 375, series.Candles.Count);
        }

        // The option's file holds what the simulator serves for that contract and day, open interest included.
        await using var sim = await SimServer.StartAsync(new SimOptions { Port = 0, Seed = 1, Date = SimDay });
        using var rest = Client(sim);
        var served = await rest.GetHistoricalAsync(nifty.InstrumentToken, KiteInterval.Minute, Ist.At(TradeDay, MarketHours.Open),
            Ist.At(TradeDay, MarketHours.Close), openInterest: true);
        Assert.Equal(served.Select(c => (Ist.From(c.Time).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), c.Close, c.OpenInterest!.Value)),
            File.ReadLines(dir.File($"options/{nifty.Tradingsymbol}_minute.csv")).Skip(1).Select(l => l.Split(','))
                .Select(f => (f[0], decimal.Parse(f[4], CultureInfo.InvariantCulture), long.Parse(f[6]))));

        // The Backtest page offers index files only: a NIFTY_FUT file is no NIFTY candles.
        var listed = new CandleFileCatalog(new LiveTraderSettings { DataFolder = dir.Path }).List().Select(f => f.Name);
        Assert.Equal(new[] { "NIFTY_minute.csv", "SENSEX_minute.csv" }, listed);
    }

    [Fact]
    public async Task A_run_stopped_midway_resumes_to_the_bytes_of_an_uninterrupted_one_and_a_third_asks_nothing()
    {
        using var whole = new TempDir();
        using var stopped = new TempDir();
        await using var sim = await SimServer.StartAsync(new SimOptions { Port = 0, Seed = 1, Date = SimDay, HistoricalRatePerSecond = 0, OtherRatePerSecond = 0 });
        using var rest = Client(sim);

        await HistoryDownload.RunAsync(rest, Targets(whole.Path), null, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var steps = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => HistoryDownload.RunAsync(rest, Targets(stopped.Path),
            _ => { if (++steps == 2) cancel.Cancel(); }, cancel.Token));
        Assert.Equal(2, Directory.EnumerateFiles(stopped.Path, "*.csv", SearchOption.AllDirectories).Count());

        await HistoryDownload.RunAsync(rest, Targets(stopped.Path), null, CancellationToken.None);
        var files = Directory.EnumerateFiles(whole.Path, "*.csv", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(whole.Path, f)).Order().ToList();
        Assert.Equal(4, files.Count);
        foreach (var name in files)
            Assert.True(File.ReadAllBytes(Path.Combine(whole.Path, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(stopped.Path, name))), $"{name} differs");

        var again = await HistoryDownload.RunAsync(rest, Targets(stopped.Path), null, CancellationToken.None);
        Assert.All(again, o => Assert.Equal((0, 0), (o.Added, o.Requests)));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(502)]
    public async Task A_failure_burst_beyond_the_retries_stops_the_run_and_the_resume_matches_an_uninterrupted_one(int status)
    {
        using var whole = new TempDir();
        using var failed = new TempDir();
        await using var sim = await SimServer.StartAsync(new SimOptions { Port = 0, Seed = 1, Date = SimDay, HistoricalRatePerSecond = 0, OtherRatePerSecond = 0 });
        using var rest = Client(sim);
        await HistoryDownload.RunAsync(rest, Targets(whole.Path), null, CancellationToken.None);

        var steps = 0;
        var error = await Assert.ThrowsAnyAsync<KiteException>(() => HistoryDownload.RunAsync(rest, Targets(failed.Path),
            _ => { if (++steps == 3) sim.Faults.FailRequests(50, status); }, CancellationToken.None));
        Assert.Equal(status, (int)error.StatusCode);
        Assert.Equal(3, Directory.EnumerateFiles(failed.Path, "*.csv", SearchOption.AllDirectories).Count());
        Assert.Empty(Directory.EnumerateFiles(failed.Path, "*.tmp", SearchOption.AllDirectories));

        sim.Faults.FailRequests(2, status);
        await HistoryDownload.RunAsync(rest, Targets(failed.Path), null, CancellationToken.None);
        Assert.Equal(0, sim.Faults.PendingRequestFailures);
        foreach (var file in Directory.EnumerateFiles(whole.Path, "*.csv", SearchOption.AllDirectories))
            Assert.True(File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(failed.Path, Path.GetRelativePath(whole.Path, file)))), $"{file} differs");
    }

    [Fact]
    public void Months_whose_near_month_future_has_expired_are_refused_in_one_line_and_day_candles_splice_them_on_NFO()
    {
        using var dir = new TempDir();
        var early = LiveFrom.AddDays(-40);
        var (exit, _, stderr) = Repo.RunApp("history", "--source", "sim", "--sim-day", $"{SimDay:yyyy-MM-dd}", "--segments", "NIFTY,SENSEX",
            "--interval", "minute", "--from", $"{early:yyyy-MM-dd}", "--data", dir.Path, "--futures");
        Assert.Equal(2, exit);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: --futures: NIFTY from {early:yyyy-MM-dd} needs near-month futures that expired by", line);
        Assert.Contains("; SENSEX from", line);
        Assert.Contains("Kite serves an expired future only as day candles", line);
        Assert.False(Directory.Exists(dir.File("futures")));

        // Day candles of an NFO future reach back through continuous=1; SENSEX's BFO future cannot.
        var (refused, _, bfo) = Repo.RunApp("history", "--source", "sim", "--sim-day", $"{SimDay:yyyy-MM-dd}", "--segments", "SENSEX",
            "--interval", "day", "--from", $"{early:yyyy-MM-dd}", "--data", dir.Path, "--futures");
        Assert.Equal(2, refused);
        Assert.Contains("splice NFO and MCX futures only, not BFO", bfo);

        var (ok, stdout, err) = Repo.RunApp("history", "--source", "sim", "--sim-day", $"{SimDay:yyyy-MM-dd}", "--segments", "NIFTY",
            "--interval", "day", "--from", $"{early:yyyy-MM-dd}", "--data", dir.Path, "--futures");
        Assert.True(ok == 0, stdout + err);
        var future = File.ReadLines(dir.File("futures/NIFTY_FUT_day.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0][..10], f => decimal.Parse(f[4], CultureInfo.InvariantCulture));
        var index = File.ReadLines(dir.File("NIFTY_day.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0][..10], f => decimal.Parse(f[4], CultureInfo.InvariantCulture));
        Assert.Equal(index.Keys, future.Keys);
        // On October's and November's expiries the month's contract closes on the index: each day is its own near month.
        foreach (var month in new[] { 10, 11 })
        {
            var expiry = $"{Calendar.MonthlyExpiry(Segment.NIFTY, 2026, month):yyyy-MM-dd}";
            Assert.InRange(future[expiry] - index[expiry], -1m, 1m);
        }
    }

    [Fact]
    public void A_trade_log_without_the_trade_columns_is_refused_before_any_download()
    {
        using var dir = new TempDir();
        using var sessions = new TempDir();
        File.WriteAllText(sessions.File($"live_trades_{TradeDay:yyyy-MM-dd}.csv"), "date,open,high,low,close,volume\n");
        var (exit, _, stderr) = Repo.RunApp("history", "--source", "sim", "--sim-day", $"{SimDay:yyyy-MM-dd}", "--segments", "NIFTY",
            "--from", $"{LiveFrom:yyyy-MM-dd}", "--data", dir.Path, "--traded", sessions.Path);
        Assert.Equal(2, exit);
        Assert.Contains("option_symbol", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    /// <summary>NIFTY's and SENSEX's near-month futures from the day December is the near month, and two options traded the day before the simulator's.</summary>
    private static IReadOnlyList<HistoryTarget> Targets(string folder)
    {
        var live = InstrumentDump.Parse(new StringReader(Market.Catalog.ToCsv()));
        var targets = new List<HistoryTarget>();
        foreach (var (segment, exchange) in new[] { (Segment.NIFTY, "NFO"), (Segment.SENSEX, "BFO") })
        {
            var archive = CandleArchive.NearMonthFuture(folder, segment, KiteInterval.Minute);
            var choice = NearMonthFuture.Choose(archive, segment, exchange, live, HistoryDownload.FirstMissingDay(archive, LiveFrom), LiveFrom, TradeDay, SimDay, Calendar);
            targets.Add(choice.Target ?? throw new InvalidOperationException(choice.Refusal));
        }
        var traded = new[] { new TradedOption(NearestOption(IndexSpec.Nifty).Tradingsymbol, Segment.NIFTY, TradeDay), new TradedOption(NearestOption(IndexSpec.Sensex).Tradingsymbol, Segment.SENSEX, TradeDay) };
        var options = TradedOptionPlan.Build(traded, folder, KiteInterval.Minute, LiveFrom, TradeDay, SimDay, live, s => s == Segment.SENSEX ? "BFO" : "NFO");
        Assert.Empty(options.Warnings);
        targets.AddRange(options.Targets);
        return targets;
    }

    /// <summary>The call of the nearest expiry at the strike nearest the day's opening level.</summary>
    private static SimInstrument NearestOption(IndexSpec spec)
    {
        var open = (decimal)Market.Today(spec).PriceAt(0);
        return Market.Catalog.All.Where(i => i.Kind == SimInstrumentKind.Option && i.Underlying == spec && i.InstrumentType == "CE")
            .OrderBy(i => i.Expiry).ThenBy(i => Math.Abs(i.Strike - open)).First();
    }

    private static void WriteTradeLog(string folder, DateOnly day, params (string Symbol, string Segment)[] trades)
    {
        var rows = new List<string> { string.Join(',', TradeLogCsv.Columns) };
        foreach (var (symbol, segment) in trades)
            rows.Add(string.Join(',', TradeLogCsv.Columns.Select(c => c switch
            {
                "option_symbol" => symbol,
                "segment" => segment,
                "entry_time" => $"{day:yyyy-MM-dd} 09:20:00",
                "exit_time" => $"{day:yyyy-MM-dd} 10:05:00",
                "mode" => "paper",
                _ => "0",
            })));
        File.WriteAllLines(Path.Combine(folder, $"live_trades_{day:yyyy-MM-dd}.csv"), rows);
    }

    private static KiteRestClient Client(SimServer sim)
    {
        var login = sim.Sessions.CreateSession();
        return new KiteRestClient(new KiteCredentials(login.ApiKey, login.AccessToken), new KiteRestOptions
        {
            BaseUri = sim.BaseUri, HistoricalRequestsPerWindow = 0, OtherRequestsPerWindow = 0,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(5),
        });
    }
}
