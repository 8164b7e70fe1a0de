using System.Threading.Channels;
using LiveTrader.Core.Charges;
using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Orders;
using LiveTrader.Core.Pricing;
using LiveTrader.Core.Risk;
using LiveTrader.Core.Settings;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Execution;
using LiveTrader.Engine.Feeds;
using LiveTrader.Engine.Journal;
using LiveTrader.Engine.Paper;

namespace LiveTrader.Engine.Session;

/// <summary>A paper-trading session (spec 5.1): one agent per segment, each on its own loop, fed by
/// one shared market connection; fills simulated against live quotes; every decision journalled and
/// logged, and every input recorded (<c>recordings/ticks_&lt;SEGMENT&gt;_&lt;date&gt;.jsonl</c>) so
/// <c>backtest --ticks</c> can replay the day. The clock is given, never read from the machine, so the
/// simulator's clock drives it too.</summary>
public sealed class PaperSession : IAsyncDisposable
{
    /// <summary>The label of a paper session's rows (the default mode).</summary>
    public const string PaperMode = "PAPER";

    /// <summary>Paper fills at the simulated venue; live sends orders through <see cref="Broker"/>;
    /// a dry run goes through everything live does and sends nothing.</summary>
    public TradingMode Mode { get; init; } = TradingMode.Paper;

    /// <summary>The connection to Kite's order desk, required in live mode; the session disposes it.</summary>
    public KiteBroker? Broker { get; init; }

    /// <summary>DECISIONS.md: at least 150 completed candles warm the indicators.</summary>
    public const int WarmUpCandles = 150;

    private readonly LiveTraderSettings _settings;
    private readonly IReadOnlyList<Segment> _segments;
    private readonly string _folder;
    private readonly ILiveMarket _market;
    private readonly Func<DateTimeOffset> _now;
    private readonly Action<AgentEvent>? _published;
    private readonly List<SessionRecorder> _recorders = [];
    private readonly Dictionary<uint, Feed> _byIndexToken = [];
    // Read on every option tick, added to when the index moves to a new strike.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<uint, Feed> _byOptionToken = new();
    private readonly List<Feed> _feeds = [];
    private readonly CancellationTokenSource _stop = new();
    // Cancelled first on a stop: no candle closes (and so no signal opens a position) after it.
    private readonly CancellationTokenSource _candles = new();
    private SessionJournal? _journal;
    private SessionRiskBook? _risk;
    private Task? _beat;

    public PaperSession(LiveTraderSettings settings, IReadOnlyList<Segment> segments, string folder, ILiveMarket market,
        Func<DateTimeOffset> now, Action<AgentEvent>? published = null)
    {
        _settings = settings;
        _segments = segments;
        _folder = folder;
        _market = market;
        _now = now;
        _published = published;
        _market.TickArrived += OnTick;
        _market.StatusChanged += OnFeedStatus;
    }

    /// <summary>The feed the session trades on (kite, sim), as its parameters record it.</summary>
    public string FeedName { get; init; } = "kite";

    /// <summary>The session's record of its full parameters, one per day (the folder holds every day's
    /// session): <c>live_parameters_&lt;date&gt;.json</c>, with the same shape and hash as a backtest's parameters.json.</summary>
    public static string ParametersFile(DateOnly day) => $"live_parameters_{day:yyyy-MM-dd}.json";

    /// <summary>How often the clock beats (real time): square-off and candle closes in a quiet market.</summary>
    public TimeSpan Beat { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A quote older than this is refused for a fill.</summary>
    public TimeSpan StaleQuote { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Market seconds per real second of the feed (a simulator's speed): Kite's delays are real
    /// seconds, so the candle grace and confirm window stretch with it, as the stale quote limit does.</summary>
    public double MarketSecondsPerSecond { get; init; } = 1;

    /// <summary>Grace after a candle's end before the clock closes it, once the feed has gone quiet (LiveCandles:GraceSeconds).</summary>
    public TimeSpan CandleGrace => TimeSpan.FromSeconds(_settings.LiveCandles.GraceSeconds * Math.Max(1, MarketSecondsPerSecond));

    /// <summary>How long after a candle's end its historical copy may arrive and still be traded on (LiveCandles:ConfirmSeconds).</summary>
    public TimeSpan CandleConfirm => TimeSpan.FromSeconds(_settings.LiveCandles.ConfirmSeconds * Math.Max(1, MarketSecondsPerSecond));

    /// <summary>Beats without an index tick before the clock may close a candle: the feed has gone quiet.</summary>
    private const int QuietBeatsToClose = 2;

    /// <summary>How often a live LIMIT's circuit bands are read again: the exchange widens a band
    /// during the day (after a contract trades at it), and a LIMIT kept inside the morning's narrower
    /// one would sit away from the market, an exit among them. One <c>/quote</c> a segment each time.</summary>
    public static readonly TimeSpan BandRefresh = TimeSpan.FromMinutes(5);

    // The confirm window is watched on the session's clock, which may run faster than real time.
    private static readonly TimeSpan ConfirmPoll = TimeSpan.FromMilliseconds(10);

    public string FeedStatus { get; private set; } = "starting";

    /// <summary>The account's protection on the market's day (spec 9); null before the session starts.</summary>
    public AccountStatus? Protection => _risk?.StatusFor(Ist.DayOf(_now()));

    /// <summary>The earliest of the segments' last index ticks: every segment has been given the
    /// market up to this exchange time. Null until each has had one.</summary>
    public DateTimeOffset? IndexTicksUpTo
    {
        get
        {
            if (_feeds.Count == 0) return null;
            var earliest = _feeds.Min(f => Interlocked.Read(ref f.LastIndexTickMs));
            return earliest > 0 ? Ist.From(DateTimeOffset.FromUnixTimeMilliseconds(earliest)) : null;
        }
    }

    /// <summary>What the session has been given and not yet carried through: inputs posted to a loop
    /// and not handled, candles closed and not yet posted (a confirmation may be waiting for history),
    /// and orders in the broker's hands. Zero means the session rests until the market or Kite moves:
    /// a stepped simulated day waits on it, so its outcome does not depend on the machine's speed.</summary>
    public long WorkInHand =>
        _feeds.Sum(f => f.Loop.Posted - f.Loop.Handled + Volatile.Read(ref f.CandlesInHand)) + (Broker?.RequestsInHand ?? 0);

    public IReadOnlyList<SegmentStatus> Statuses =>
        _feeds.Select(f => f.Loop.Fault is { } fault ? f.Loop.Session.Status with { Fault = fault } : f.Loop.Session.Status).ToList();

    /// <summary>A segment's recent candles with the strategy's lines, for the chart; empty for a segment not in the session.</summary>
    public IReadOnlyList<Core.Signals.SignalReading> Readings(Segment segment) =>
        _feeds.FirstOrDefault(f => f.Loop.Session.Segment == segment)?.Loop.Session.RecentReadings() ?? [];

    private void WriteParameters(DateOnly today)
    {
        var day = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var parameters = new Runs.RunParameters
        {
            Kind = Mode.Label().ToLowerInvariant().Replace(" ", "-", StringComparison.Ordinal),
            Source = FeedName,
            Segments = _segments.Select(s => s.ToString()).ToList(),
            From = day,
            To = day,
            Settings = Runs.RunParameters.SettingsJson(_settings),
        };
        Data.AtomicFile.WriteText(Path.Combine(_folder, ParametersFile(today)), w => w.Write(parameters.ToJson()));
    }

    /// <summary>Loads the day's instruments, warms every agent from history, resumes each from the
    /// journal, subscribes and starts the stream and the clock.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(_folder);
        _journal = SessionJournal.Open(SessionJournal.PathIn(_folder), Time);
        if (Mode == TradingMode.Live && Broker is null) throw new InvalidOperationException("a live session needs a broker connection");
        var store = new JournalStepStore(_journal, new DailyLogs(_folder, Mode.Label()));
        var instruments = await _market.InstrumentsAsync(ct);
        var risk = _risk = new SessionRiskBook(AccountRules.From(_settings.Risk));
        var charges = new RateTableCharges(new ChargesCalculator(_settings.ChargeRates));
        var strategy = _settings.Strategy.ToStrategyParameters();
        var timeframe = _settings.Strategy.ParsedTimeframe();
        var now = _now();
        var today = Ist.DayOf(now);
        WriteParameters(today);
        // The global limits count the day's trades already journalled before a restart.
        foreach (var t in _journal.Trades(today)) risk.RecordClosedTrade(t.Segment, today, t.NetPnl);

        var watched = new List<(Feed Feed, OptionContract Contract)>();
        foreach (var segment in _segments)
        {
            var seg = _settings.Segments[segment.ToString()];
            var contracts = new DumpContractSelector(segment, seg, instruments);
            var recorder = new SessionRecorder(Path.Combine(_folder, "recordings", SessionRecorder.FileName(segment, today)),
                new RecordingHeader(segment, StaleQuote.TotalSeconds, seg.SlippageTicks, Mode.Label()));
            _recorders.Add(recorder);
            var quotes = new QuoteBook();
            var simulated = new SimulatedVenue(new QuoteFillModel(quotes, StaleQuote, seg.SlippageTicks));
            // Kite answers later, on its own threads: its answers join the segment's loop as inputs,
            // recorded and journalled like ticks. No order is sent before the loop exists.
            SegmentLoop? loop = null;
            IOrderVenue venue = Mode switch
            {
                TradingMode.Live => Broker!.Venue(segment, u => loop?.TryPost(new OrderUpdateInput(_now(), u)), (m, halts) => loop?.TryPost(new BrokerNoticeInput(_now(), m, halts))),
                TradingMode.DryRun => new DryRunVenue(simulated),
                _ => simulated,
            };
            var session = new SegmentSession(AgentParameters.From(_settings, segment), strategy, new RecordingContractSelector(contracts, recorder),
                venue, RiskLimits.From(_settings, segment), new QuoteMark(quotes, new OptionPricer(ExpiryCalendar.Default), seg.ImpliedVolatility), charges, risk, store, quotes, _published,
                Mode == TradingMode.Paper ? null : _settings.Live)
            {
                OrdersAtBroker = Mode == TradingMode.Live,
                TradeCommitted = Mode == TradingMode.Live && Broker is { } broker ? t => _ = broker.CompareChargesAsync(t, _stop.Token) : null,
            };
            var history = await _market.CandlesAsync(seg.IndexToken, timeframe, now.AddDays(-WarmUpWindow.CalendarDays(timeframe)), now, ct);
            var completed = history.Where(c => c.Start + timeframe.Length <= now).ToList();
            foreach (var c in completed.TakeLast(Math.Max(WarmUpCandles, completed.Count(c => Ist.DayOf(c.Start) == today))))
            {
                var warmUp = new WarmUpCandleInput(c.Start + timeframe.Length, c);
                recorder.Record(warmUp);
                session.Handle(warmUp);
            }
            session.ResumeFromJournal(today);
            // The open position's option, or a working entry's (its fill, its LIMIT's re-pricing).
            var resumed = session.Agent.WorkingContract;
            loop = new SegmentLoop(session, recorder.Record);
            var feed = new Feed(seg, loop, new LiveCandleBuilder(timeframe, CandleGrace), timeframe,
                completed.Count > 0 ? completed[^1].Start : null, CandleResampler.BucketStart(now, timeframe), contracts);
            _feeds.Add(feed);
            _byIndexToken[seg.IndexToken] = feed;
            // A position or a working entry resumed from the journal needs its own option's quotes,
            // wherever the index has gone since: no index tick would subscribe it.
            if (resumed is { InstrumentToken: not 0 } contract)
            {
                _byOptionToken[contract.InstrumentToken] = feed;
                feed.Watched[contract.InstrumentToken] = contract;
                watched.Add((feed, contract));
            }
            feed.CandleTask = Task.Run(() => CloseCandlesAsync(feed, _candles.Token));
        }

        if (Broker is not null)
        {
            if (Mode == TradingMode.Live) await ReconcileAsync(store, instruments, today, ct);
            Broker.Start();
        }
        _market.Start();
        await _market.SubscribeAsync(_byIndexToken.Keys.Concat(_byOptionToken.Keys).ToList(), ct);
        // Watched from the start, its band is never read when the index reaches its strike.
        if (PricesLimits)
            foreach (var (feed, contract) in watched) await ReadCircuitBandsAsync(feed, [contract]);
        _beat = Task.Run(() => BeatAsync(_stop.Token));
    }

    /// <summary>Before the first live order: each segment's ledger against Kite's orders and
    /// positions. What Kite knows of our working orders joins the loop as updates; a segment whose
    /// state cannot be explained is HALTED with the reason on its card.</summary>
    private async Task ReconcileAsync(IStepStore store, IReadOnlyList<Kite.Instruments.KiteInstrument> instruments, DateOnly today, CancellationToken ct)
    {
        var (orders, positions) = await Broker!.BookAsync(ct);
        var now = _now();
        var ledger = store.OrderLog(today);
        foreach (var f in _feeds)
        {
            var segment = f.Loop.Session.Segment;
            var options = instruments.Where(i => i.Name == segment.ToString() && i.InstrumentType is "CE" or "PE").Select(i => i.InstrumentToken).ToHashSet();
            var working = f.Loop.Session.Agent.WorkingOrders.Where(o => !o.State.IsFinal()).Select(o => o.Snapshot()).ToList();
            var booked = OrderLedgerRow.Booked(ledger.Where(r => r.Segment == segment));
            var result = Reconciliation.Check(segment, today, working, booked, orders, positions, options.Contains, now);
            foreach (var (clientId, brokerId, state, filled) in result.Adopted) Broker.Adopt(clientId, segment, brokerId, state, filled);
            foreach (var update in result.Updates) f.Loop.TryPost(new OrderUpdateInput(now, update));
            f.Loop.TryPost(new ReconciledInput(now, result.Warnings, result.Refusal));
        }
    }

    /// <summary>The kill switch: every segment cancels its working orders, flattens and stays HALTED until <see cref="Rearm"/>.</summary>
    public void KillSwitch(string by) => Post(t => new KillSwitchInput(t, by));

    public void Rearm(string by) => Post(t => new RearmInput(t, by));

    public void PauseAll() => Post(t => new PauseInput(t));

    public void ResumeAll() => Post(t => new ResumeInput(t));

    /// <summary>Per-segment enable: a paused segment takes no new entries, its open position keeps its stops.</summary>
    public void Pause(Segment segment) => Post(t => new PauseInput(t), segment);

    public void Resume(Segment segment) => Post(t => new ResumeInput(t), segment);

    /// <summary>How long (real time) Stop with close all keeps the prices flowing for an exit the
    /// market refused (a stale quote) to fill on a later one.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The real clock the session waits on (the close timeout, the journal's bookkeeping
    /// stamps); market time comes from the feed's clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Stops new entries at once (no candle closes after this), optionally closes every open
    /// position while prices still arrive to fill it, then stops every input and waits for the loops
    /// to finish what they were given. A position whose exit never filled stays open in the journal,
    /// its close still requested, and shows as open in <see cref="Statuses"/>.</summary>
    public async Task StopAsync(bool closeAll)
    {
        try
        {
            await _candles.CancelAsync();
            foreach (var f in _feeds)
            {
                f.Closed.Writer.TryComplete();
                if (f.CandleTask is not null) await f.CandleTask;
            }
            if (closeAll)
            {
                var asked = new Dictionary<Feed, long>();
                foreach (var f in _feeds)
                    asked[f] = f.Loop.TryPost(new CloseAllInput(_now(), ExitReason.Manual), out var number) ? number : 0;
                await WaitUntilClosedAsync(asked);
            }
        }
        finally
        {
            // Whatever failed above, every input stops and every loop finishes what it was given.
            await _stop.CancelAsync();
            try
            {
                if (_beat is not null) await _beat;
            }
            finally
            {
                foreach (var f in _feeds) await f.Loop.StopAsync();
            }
        }
    }

    /// <summary>Until every loop has handled the close and holds nothing, or has stopped on a fault,
    /// or the timeout passes.</summary>
    private async Task WaitUntilClosedAsync(Dictionary<Feed, long> asked)
    {
        var since = Time.GetTimestamp();
        // The status card is the loop's published state: safe to read from here, unlike the agent.
        bool Closed(Feed f) => f.Loop.Fault is not null || (f.Loop.Handled >= asked[f] && f.Loop.Session.Status.Quantity == 0);
        while (!_feeds.All(Closed) && Time.GetElapsedTime(since) < CloseTimeout) await Task.Delay(TimeSpan.FromMilliseconds(20), Time);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync(closeAll: false);
        // What the loops asked for last (an exit, a kill switch's cancels) is still sent, then the connection goes.
        if (Broker is not null) await Broker.DisposeAsync();
        await _market.DisposeAsync();
        foreach (var r in _recorders) r.Dispose();
        _journal?.Dispose();
        _stop.Dispose();
        _candles.Dispose();
    }

    private void Post(Func<DateTimeOffset, AgentInput> input, Segment? only = null)
    {
        var now = _now();
        foreach (var f in _feeds)
        {
            if (only is null || f.Loop.Session.Segment == only) f.Loop.TryPost(input(now));
        }
    }

    private void OnFeedStatus(string status)
    {
        if (status == FeedStatus) return;
        FeedStatus = status;
        // Back after a drop or a new login: whatever happened to our orders meanwhile is in the book.
        if (status == "connected") Broker?.PollSoon();
        var now = _now();
        foreach (var f in _feeds) f.Loop.TryPost(new FeedStatusInput(now, status));
    }

    private void OnTick(Tick tick)
    {
        if (_stop.IsCancellationRequested) return;
        if (_byIndexToken.TryGetValue(tick.InstrumentToken, out var feed))
        {
            lock (feed.Builder)
            {
                feed.QuietBeats = 0;
                if (feed.Builder.OnTick(tick.Time, tick.LastPrice) is Candle closed) feed.Close(closed);
            }
            feed.Loop.TryPost(new IndexTickInput(tick.Time, tick.LastPrice));
            Interlocked.Exchange(ref feed.LastIndexTickMs, tick.Time.ToUnixTimeMilliseconds());
            // Only a move to another ATM strike changes the options to watch: nothing to do per tick.
            var atm = StrikeSelector.AtmStrike(tick.LastPrice, feed.Settings.StrikeStep);
            if (atm != feed.WatchedAtm)
            {
                feed.WatchedAtm = atm;
                _ = WatchOptionsAsync(feed, tick.LastPrice);
            }
        }
        else if (_byOptionToken.TryGetValue(tick.InstrumentToken, out var owner))
        {
            owner.Loop.TryPost(new OptionTickInput(tick.Time, tick));
        }
    }

    /// <summary>The ITM call and put a signal would buy are subscribed before the signal comes, so
    /// an entry fills on a live quote, not on a contract subscribed a moment ago.</summary>
    private async Task WatchOptionsAsync(Feed feed, decimal spot)
    {
        var tokens = new List<uint>();
        var added = new List<OptionContract>();
        foreach (var type in new[] { OptionType.CE, OptionType.PE })
        {
            if (feed.Contracts.Select(type, spot, _now(), out _) is { } c && c.InstrumentToken != 0)
            {
                if (_byOptionToken.TryAdd(c.InstrumentToken, feed))
                {
                    tokens.Add(c.InstrumentToken);
                    added.Add(c);
                    feed.Watched[c.InstrumentToken] = c;
                }
            }
        }
        if (tokens.Count == 0) return;
        try
        {
            await _market.SubscribeAsync(tokens, _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or IOException or System.Net.WebSockets.WebSocketException)
        {
            // The ticker resubscribes everything it was asked for when it reconnects.
            FeedStatus = $"subscribe failed: {e.Message}";
        }
        // After the subscription, so the quotes are not held up by it.
        if (PricesLimits) await ReadCircuitBandsAsync(feed, added);
    }

    private bool PricesLimits => Mode != TradingMode.Paper && _settings.Live.EntryOrderType == EntryOrderType.Limit;

    /// <summary>Every <see cref="BandRefresh"/>, the bands of the options the segment watches, as
    /// inputs like the first reading (recorded, replayed).</summary>
    private void ReadBandsAgainIfDue(Feed feed, DateTimeOffset now)
    {
        if (!PricesLimits) return;
        if (feed.NextBandRead is not DateTimeOffset due)
        {
            feed.NextBandRead = now + BandRefresh;
            return;
        }
        if (now < due || feed.Watched.IsEmpty) return;
        feed.NextBandRead = now + BandRefresh;
        _ = ReadCircuitBandsAsync(feed, feed.Watched.Values.ToList());
    }

    /// <summary>Ticks carry no circuit limits: a live LIMIT is kept inside the band <c>/quote</c> gives.</summary>
    private async Task ReadCircuitBandsAsync(Feed feed, IReadOnlyCollection<OptionContract> contracts)
    {
        try
        {
            foreach (var (token, band) in await _market.CircuitBandsAsync(contracts, _stop.Token))
                feed.Loop.TryPost(new CircuitBandInput(_now(), token, band.Lower, band.Upper));
        }
        catch (Exception e) when (e is Kite.Rest.KiteException or HttpRequestException or TimeoutException or TaskCanceledException)
        {
            if (_stop.IsCancellationRequested) return;
            feed.Loop.TryPost(new BrokerNoticeInput(_now(), $"circuit limits of {string.Join(", ", contracts.Select(c => c.TradingSymbol))} not read ({e.Message}): their LIMIT orders are priced without them", false));
        }
    }

    private async Task BeatAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Beat);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                TakeCommands();
                var now = _now();
                foreach (var f in _feeds)
                {
                    lock (f.Builder)
                    {
                        // Ticks still arriving (a feed running behind) close the candle themselves, by their exchange time.
                        if (++f.QuietBeats >= QuietBeatsToClose && f.Builder.OnClock(now) is Candle closed) f.Close(closed);
                    }
                    f.Loop.TryPost(new ClockInput(now));
                    ReadBandsAgainIfDue(f, now);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>A kill switch or re-arm left in the journal by another process (<c>kill-switch</c>).</summary>
    private void TakeCommands()
    {
        if (_journal is null) return;
        foreach (var (kind, by) in _journal.TakeCommands())
        {
            if (kind == SessionCommand.KillSwitch) KillSwitch(by);
            else Rearm(by);
        }
    }

    /// <summary>Posts closed candles in order. The candle in progress when the session started, and
    /// any candle missed while disconnected, come from the historical API: never invented, never twice.
    /// With <c>ticks+history</c> every candle built from ticks is checked against its historical copy
    /// (DECISIONS.md "Live candles"): a copy that differs and comes within the confirm window is traded
    /// on instead (CANDLE_CORRECTED); none in time leaves the ticks' candle (CANDLE_UNCONFIRMED).</summary>
    private async Task CloseCandlesAsync(Feed feed, CancellationToken ct)
    {
        var confirm = _settings.LiveCandles.ConfirmsWithHistory;
        await foreach (var built in feed.Closed.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                if (ct.IsCancellationRequested) return; // stopping: a candle still queued opens nothing
                await PostClosedAsync(feed, built, confirm, ct);
            }
            finally
            {
                Interlocked.Decrement(ref feed.CandlesInHand);
            }
        }
    }

    /// <summary>One candle built from ticks: posted as it is, or as its historical copy, with any
    /// candles history shows were missed before it.</summary>
    private async Task PostClosedAsync(Feed feed, Candle built, bool confirm, CancellationToken ct)
    {
        var expectedFirst = feed.LastPosted is DateTimeOffset last && Ist.DayOf(last) == Ist.DayOf(built.Start)
            ? last + feed.Timeframe.Length
            : Ist.At(Ist.DayOf(built.Start), MarketHours.Open);
        if (built.Start < expectedFirst) return; // already posted from history
        var end = built.Start + feed.Timeframe.Length;
        var gap = built.Start > expectedFirst || built.Start == feed.StartedInBucket;
        var history = new List<Candle>();
        if (gap || confirm)
        {
            // A gap waits for history as long as it takes; a confirmation only until its window ends.
            var answer = await HistoryAsync(feed, expectedFirst, built.Start, gap ? null : end + CandleConfirm, ct);
            if (ct.IsCancellationRequested) return; // stopping: nothing more is posted
            history.AddRange(answer.Where(c => c.Start >= expectedFirst && c.Start <= built.Start));
        }
        var candles = history.Where(c => c.Start < built.Start).ToList();
        Candle? copy = history.Any(c => c.Start == built.Start) ? history.Last(c => c.Start == built.Start) : null;
        CandleCheckInput? check = null;
        if (built.Start == feed.StartedInBucket)
        {
            // Its ticks are partial: only history's copy is traded on.
            if (copy is Candle h) candles.Add(h);
        }
        else if (copy is Candle h && h != built)
        {
            check = new CandleCheckInput(end, built, h);
            candles.Add(h);
        }
        else
        {
            if (confirm && copy is null) check = new CandleCheckInput(end, built, null);
            candles.Add(built);
        }
        foreach (var c in candles.OrderBy(c => c.Start))
        {
            if (ct.IsCancellationRequested) return;
            if (check is not null && c.Start == built.Start) feed.Loop.TryPost(check);
            feed.Loop.TryPost(new CandleClosedInput(c.Start + feed.Timeframe.Length, c));
            feed.LastPosted = c.Start;
        }
    }

    /// <summary>The historical candles starting in [from, to]; none when history failed, or did not
    /// answer by <paramref name="deadline"/> (session time), or the session is stopping.</summary>
    private async Task<IReadOnlyList<Candle>> HistoryAsync(Feed feed, DateTimeOffset from, DateTimeOffset to, DateTimeOffset? deadline, CancellationToken ct)
    {
        using var ask = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var request = _market.CandlesAsync(feed.Settings.IndexToken, feed.Timeframe, from, to, ask.Token);
        try
        {
            while (deadline is DateTimeOffset d && !request.IsCompleted)
            {
                if (_now() >= d)
                {
                    await ask.CancelAsync();
                    break;
                }
                await Task.WhenAny(request, Task.Delay(ConfirmPoll, ct));
            }
            return await request;
        }
        catch (OperationCanceledException)
        {
            return []; // too late, or stopping
        }
        catch (Exception e) when (e is Kite.Rest.KiteException or HttpRequestException or TimeoutException)
        {
            // History unreachable: a partial candle is not traded on; the gap stays a gap.
            FeedStatus = $"history unavailable for {Ist.Format(from)}: {e.Message}";
            return [];
        }
    }

    private sealed class Feed(SegmentSettings settings, SegmentLoop loop, LiveCandleBuilder builder, Timeframe timeframe,
        DateTimeOffset? lastPosted, DateTimeOffset startedInBucket, DumpContractSelector contracts)
    {
        public SegmentSettings Settings { get; } = settings;
        public SegmentLoop Loop { get; } = loop;
        public LiveCandleBuilder Builder { get; } = builder;
        public Timeframe Timeframe { get; } = timeframe;
        public DateTimeOffset? LastPosted { get; set; } = lastPosted;
        public DateTimeOffset StartedInBucket { get; } = startedInBucket;
        public DumpContractSelector Contracts { get; } = contracts;
        public Channel<Candle> Closed { get; } = Channel.CreateUnbounded<Candle>(new UnboundedChannelOptions { SingleReader = true });
        /// <summary>Candles closed and not yet given to the loop (one may be waiting for its historical copy).</summary>
        public int CandlesInHand;
        /// <summary>The exchange time (Unix milliseconds, 0 before the first) of the last index tick
        /// given to the loop; one long, so another thread never reads half of it.</summary>
        public long LastIndexTickMs;

        public void Close(Candle closed)
        {
            Interlocked.Increment(ref CandlesInHand);
            if (!Closed.Writer.TryWrite(closed)) Interlocked.Decrement(ref CandlesInHand);
        }
        public Task? CandleTask { get; set; }
        /// <summary>Beats since the last index tick (under the builder's lock).</summary>
        public int QuietBeats { get; set; }
        /// <summary>The ATM strike whose ITM call and put are subscribed.</summary>
        public decimal WatchedAtm { get; set; }
        /// <summary>The options this segment watches, whose circuit bands its LIMIT orders keep inside.</summary>
        public System.Collections.Concurrent.ConcurrentDictionary<uint, OptionContract> Watched { get; } = new();
        /// <summary>When the watched options' bands are read again (the beat's clock).</summary>
        public DateTimeOffset? NextBandRead { get; set; }
    }
}
