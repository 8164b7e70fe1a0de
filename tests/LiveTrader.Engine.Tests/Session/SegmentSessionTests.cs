using LiveTrader.Core.Charges;
using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;
using LiveTrader.Core.Pricing;
using LiveTrader.Core.Risk;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Signals;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Backtest;
using LiveTrader.Engine.Data;
using LiveTrader.Engine.Execution;
using LiveTrader.Engine.Journal;
using LiveTrader.Engine.Session;
using Microsoft.Data.Sqlite;

namespace LiveTrader.Engine.Tests.Session;

/// <summary>A session driven by a real day's ticks, killed at many points and restarted from its
/// journal, ends with the same trade and event files, byte for byte, as one that never stopped.</summary>
public sealed class SegmentSessionTests : IDisposable
{
    private static readonly DateOnly Day = new(2024, 8, 22);
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"lt-session-{Guid.NewGuid():N}");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static readonly Lazy<(List<Candle> WarmUp, List<AgentInput> Live)> Inputs = new(BuildInputs);

    [Fact]
    public void An_uninterrupted_session_writes_its_trades_and_events_once_each()
    {
        var folder = Run("whole", Inputs.Value.Live.Count);

        var trades = File.ReadAllLines(Path.Combine(folder, DailyLogs.TradesFile(Day)));
        var events = File.ReadAllLines(Path.Combine(folder, DailyLogs.EventsFile(Day)));
        Assert.True(trades.Length > 2, "the day should trade");
        Assert.Equal(trades.Length - 1, trades.Skip(1).Select(l => l.Split(',')[0]).Distinct().Count());
        Assert.All(trades.Skip(1), l => Assert.Equal("PAPER", l.Split(',')[1]));
        Assert.Contains(events, l => l.Contains(",EXIT,", StringComparison.Ordinal));

        // The order ledger's log: every order sent, then filled, once each; buys and sells balance.
        var orders = File.ReadAllLines(Path.Combine(folder, DailyLogs.OrdersFile(Day))).Skip(1).Select(l => l.Split(',')).ToList();
        var ids = orders.Select(o => o[3]).Distinct().ToList();
        Assert.Equal(ids.Count * 2, orders.Count);
        Assert.All(ids, id => Assert.Equal(["SENT", "COMPLETE"], orders.Where(o => o[3] == id).Select(o => o[12])));
        var filled = orders.Where(o => o[12] == "COMPLETE").ToList();
        Assert.Equal(filled.Where(o => o[7] == "BUY").Sum(o => int.Parse(o[13], System.Globalization.CultureInfo.InvariantCulture)),
            filled.Where(o => o[7] == "SELL").Sum(o => int.Parse(o[13], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(trades.Length - 1, filled.Count(o => o[5] == "EXIT"));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(400, false)]
    [InlineData(777, true)]
    [InlineData(1111, true)]
    [InlineData(1500, false)]
    public void A_kill_at_any_point_then_a_restart_gives_the_same_files_as_an_uninterrupted_run(int killAfter, bool lostAppend)
    {
        var whole = Run("whole", Inputs.Value.Live.Count);
        var folder = Path.Combine(_root, "killed");

        RunUntil(folder, killAfter);
        if (lostAppend) SimulateKillBetweenJournalAndFiles(folder);
        RunUntil(folder, Inputs.Value.Live.Count);

        Assert.Equal(File.ReadAllText(Path.Combine(whole, DailyLogs.TradesFile(Day))), File.ReadAllText(Path.Combine(folder, DailyLogs.TradesFile(Day))));
        Assert.Equal(File.ReadAllText(Path.Combine(whole, DailyLogs.OrdersFile(Day))), File.ReadAllText(Path.Combine(folder, DailyLogs.OrdersFile(Day))));
        Assert.Equal(File.ReadAllText(Path.Combine(whole, DailyLogs.EventsFile(Day))), File.ReadAllText(Path.Combine(folder, DailyLogs.EventsFile(Day))));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void A_kill_between_an_orders_ledger_write_and_the_venues_answer_restarts_into_the_same_ledger_trades_and_events(int killAtOrder)
    {
        var whole = Run("whole", Inputs.Value.Live.Count);
        var folder = Path.Combine(_root, $"killed-at-order-{killAtOrder}");

        // The process dies right after the request reached the journal, before the venue answered.
        var died = Assert.Throws<ProcessKilled>(() => RunUntil(folder, Inputs.Value.Live.Count, store => new DyingStore(store, killAtOrder)));
        using (var journal = SessionJournal.Open(Path.Combine(folder, "journal.db")))
            Assert.Equal(OrderState.Sent, journal.OrderLog(Day)[^1].State);
        RunUntil(folder, Inputs.Value.Live.Count);

        Assert.NotNull(died);
        foreach (var file in new[] { DailyLogs.TradesFile(Day), DailyLogs.OrdersFile(Day), DailyLogs.EventsFile(Day) })
            Assert.Equal(File.ReadAllText(Path.Combine(whole, file)), File.ReadAllText(Path.Combine(folder, file)));
    }

    private sealed class ProcessKilled : Exception;

    /// <summary>Dies (throws past the session) right after writing the n-th request's SENT row.</summary>
    private sealed class DyingStore(IStepStore inner, int n) : IStepStore
    {
        private int _sent;

        public void Commit(Segment segment, DateOnly day, string snapshot, IReadOnlyList<AgentEvent> events, IReadOnlyList<TradeRecord> trades) =>
            inner.Commit(segment, day, snapshot, events, trades);

        public void RecordOrder(OrderLedgerRow row)
        {
            inner.RecordOrder(row);
            if (row.State == OrderState.Sent && ++_sent == n) throw new ProcessKilled();
        }

        public IReadOnlyList<OrderLedgerRow> OrderLog(DateOnly day) => inner.OrderLog(day);

        public string? Snapshot(Segment segment, DateOnly day) => inner.Snapshot(segment, day);

        public IReadOnlyList<TradeRecord> Trades(Segment segment, DateOnly day) => inner.Trades(segment, day);
    }

    [Fact]
    public async Task A_segment_loop_handles_posted_inputs_in_order_like_direct_calls()
    {
        var whole = Run("whole", Inputs.Value.Live.Count);
        var folder = Path.Combine(_root, "loop");
        var (warmUp, live) = Inputs.Value;
        var recorded = new List<AgentInput>();
        using (var journal = SessionJournal.Open(Path.Combine(folder, "journal.db")))
        {
            var session = NewSession(new JournalStepStore(journal, new DailyLogs(folder, "PAPER")));
            foreach (var c in warmUp) session.Handle(new WarmUpCandleInput(c.Start, c));
            session.ResumeFromJournal(Day);
            var loop = new SegmentLoop(session, recorded.Add);
            foreach (var input in live) loop.Post(input);
            await loop.StopAsync();
            Assert.Throws<InvalidOperationException>(() => loop.Post(live[0]));
        }

        Assert.Equal(live, recorded);
        Assert.Equal(File.ReadAllText(Path.Combine(whole, DailyLogs.TradesFile(Day))), File.ReadAllText(Path.Combine(folder, DailyLogs.TradesFile(Day))));
        Assert.Equal(File.ReadAllText(Path.Combine(whole, DailyLogs.OrdersFile(Day))), File.ReadAllText(Path.Combine(folder, DailyLogs.OrdersFile(Day))));
    }

    [Fact]
    public async Task A_step_that_cannot_be_stored_stops_the_loop_and_says_why()
    {
        var (warmUp, live) = Inputs.Value;
        var session = NewSession(new BrokenStore());
        foreach (var c in warmUp) session.Handle(new WarmUpCandleInput(c.Start, c));
        var loop = new SegmentLoop(session);

        foreach (var input in live.Take(400)) loop.TryPost(input);
        await loop.StopAsync();

        Assert.Equal("IOException: No space left on device", loop.Fault);
        Assert.False(loop.TryPost(live[400]));
    }

    private sealed class BrokenStore : IStepStore
    {
        public void Commit(Segment segment, DateOnly day, string snapshot, IReadOnlyList<AgentEvent> events, IReadOnlyList<TradeRecord> trades) =>
            throw new IOException("No space left on device");

        public string? Snapshot(Segment segment, DateOnly day) => null;

        public IReadOnlyList<TradeRecord> Trades(Segment segment, DateOnly day) => [];

        public void RecordOrder(OrderLedgerRow row) => throw new IOException("No space left on device");

        public IReadOnlyList<OrderLedgerRow> OrderLog(DateOnly day) => [];
    }

    /// <summary>The journal committed a step but the process died before the CSV rows reached the
    /// disk, and in the middle of writing one.</summary>
    private static void SimulateKillBetweenJournalAndFiles(string folder)
    {
        var events = Path.Combine(folder, DailyLogs.EventsFile(Day));
        var lines = File.ReadAllLines(events);
        File.WriteAllText(events, string.Join("\n", lines[..^3]) + "\n" + lines[^3][..10]);
    }

    private string Run(string name, int count)
    {
        var folder = Path.Combine(_root, name);
        if (!Directory.Exists(folder)) RunUntil(folder, count);
        return folder;
    }

    /// <summary>A fresh process: warm up, pick up the journal where its last committed step left
    /// off (inputs it had seen are only re-warmed), then handle the live inputs up to <paramref name="to"/>.</summary>
    private static void RunUntil(string folder, int to, Func<IStepStore, IStepStore>? wrap = null)
    {
        var (warmUp, live) = Inputs.Value;
        using var journal = SessionJournal.Open(Path.Combine(folder, "journal.db"));
        IStepStore store = new JournalStepStore(journal, new DailyLogs(folder, "PAPER"));
        var session = NewSession(wrap?.Invoke(store) ?? store);
        foreach (var c in warmUp) session.Handle(new WarmUpCandleInput(c.Start, c));
        var stored = session.StoredInputs(Day) ?? 0;
        var seen = (int)Math.Max(0, stored - warmUp.Count);
        for (var i = 0; i < seen; i++) session.Rewarm(live[i]);
        if (stored > 0) session.ResumeFromJournal(Day);
        for (var i = seen; i < to; i++) session.Handle(live[i]);
    }

    private static SegmentSession NewSession(IStepStore store)
    {
        var segment = new SegmentSettings
        {
            IndexSymbol = "NIFTY 50", Exchange = "NFO", LotSize = 25, StrikeStep = 50, ItmOffsetPoints = 100,
            StopLossPoints = 20, TrailingStopPoints = 20, PyramidPoints = 10, LotAddition = 5, MaxQuantity = 1800,
            MaxTradesPerDay = 5, FreezeQuantity = 1800, ImpliedVolatility = 0.12,
        };
        var parameters = new AgentParameters(Segment.NIFTY, "NIFTY 50", Timeframe.FiveMinutes, 9, 20, 20, null,
            new PyramidRule(10, 5, 1800), 5, null, new TimeOnly(9, 20), new TimeOnly(15, 15), new TimeOnly(15, 15));
        var pricer = new OptionPricer(ExpiryCalendar.Default);
        var rates = new ChargeRateSettings
        {
            EffectiveFrom = new DateOnly(2023, 4, 1), BrokeragePerOrder = 20, SttSellPercent = 0.0625m, ExchangeNsePercent = 0.053m,
            ExchangeBsePercent = 0.0325m, IpftNsePercent = 0.0005m, SebiPercent = 0.0001m, StampBuyPercent = 0.003m, GstPercent = 18,
        };
        return new SegmentSession(parameters, new StrategyParameters(),
            new CalendarContractSelector(Segment.NIFTY, segment, pricer), new SimulatedVenue(new CandleFillModel(segment, new ModelPremium(segment, pricer))),
            new RiskLimits(1800, 1800, new TimeOnly(9, 20), new TimeOnly(15, 15), new TimeOnly(15, 15)), new ModelPremium(segment, pricer),
            new RateTableCharges(new ChargesCalculator([rates])), new SessionRiskBook(null, null), store);
    }

    /// <summary>Ticks at each minute's open, extremes and close (low first on a green minute), the
    /// 5-minute candles a <see cref="LiveCandleBuilder"/> closes from them, and a clock beat a minute.</summary>
    private static (List<Candle>, List<AgentInput>) BuildInputs()
    {
        var file = LiveTrader.Tests.Repository.Data("NIFTY_minute_2024-01-01_2024-08-23.csv");
        var minutes = CandleCsvReader.Read(file).Candles;
        var warmUp = CandleResampler.Resample(minutes.Where(c => Ist.DayOf(c.Start) is { } d && d < Day && d >= Day.AddDays(-5)), Timeframe.FiveMinutes);
        var builder = new LiveCandleBuilder(Timeframe.FiveMinutes, TimeSpan.FromSeconds(2));
        var live = new List<AgentInput>();
        foreach (var m in minutes.Where(c => Ist.DayOf(c.Start) == Day))
        {
            var path = m.IsGreen
                ? new[] { (0, m.Open), (15, m.Low), (30, m.High), (59, m.Close) }
                : new[] { (0, m.Open), (15, m.High), (30, m.Low), (59, m.Close) };
            foreach (var (second, price) in path)
            {
                var time = m.Start.AddSeconds(second);
                if (builder.OnTick(time, price) is Candle closed) live.Add(new CandleClosedInput(time, closed));
                live.Add(new IndexTickInput(time, price));
            }
            live.Add(new ClockInput(m.Start.AddMinutes(1)));
        }
        if (builder.OnClock(Ist.At(Day, new TimeOnly(15, 30, 5))) is Candle last) live.Add(new CandleClosedInput(last.Start.AddMinutes(5), last));
        return (warmUp, live);
    }
}
