namespace LiveTrader.Sim;

/// <summary>Settings of one simulator instance (all have working defaults; see README.md).</summary>
public sealed class SimOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one (see <see cref="SimServer.BaseUri"/>).</summary>
    public int Port { get; set; } = 7800;

    public string Host { get; set; } = "127.0.0.1";

    public string ApiKey { get; set; } = "sim";
    public string ApiSecret { get; set; } = "sim-secret";

    /// <summary>Where <c>/connect/login</c> redirects with <c>?request_token=…&amp;action=login&amp;status=success</c>.</summary>
    public string RedirectUrl { get; set; } = "http://127.0.0.1:5080/kite/callback";

    public string UserId { get; set; } = "SIM001";

    /// <summary>The simulated trading day; default: the latest trading day (weekday, not a listed holiday) up to
    /// today in IST, or with replay files the last day of the first file.</summary>
    public DateOnly? Date { get; set; }

    /// <summary>Clock multiplier: 60 runs a session minute per real second.</summary>
    public double Speed { get; set; } = 1.0;

    public ulong Seed { get; set; } = 1;

    /// <summary>1-minute candle CSV files to replay. The index is taken from the file name (NIFTY…, BANKNIFTY…,
    /// SENSEX…); indices without a file use the seeded model.</summary>
    public List<string> ReplayFiles { get; } = [];

    /// <summary>Opening level per index symbol (e.g. "NIFTY") for the seeded model; defaults 24000 / 52000 / 79000.</summary>
    public Dictionary<string, double> OpeningLevels { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>An explicit clock (tests pass <see cref="SimClock.Manual"/>); overrides <see cref="Date"/> and <see cref="Speed"/>.</summary>
    public SimClock? Clock { get; set; }

    /// <summary>The running clock waits at 09:15 until <see cref="SimClock.Release"/>: a session that needs
    /// seconds to warm up still sees the day from its open, however fast the clock runs.</summary>
    public bool HoldClock { get; set; }

    /// <summary>Real time between ticker steps; each step sends a frame for every simulated second since the last.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Ticks reach the client this late in simulated time (<see cref="Ticker.TickLatency.Kite"/>: 0.4 to 3 s,
    /// as Kite's do); null (the default) sends each second's ticks as soon as the clock reaches it.</summary>
    public Ticker.TickLatency? TickLatency { get; set; }

    /// <summary>Real time after which an idle ticker connection gets a 1-byte heartbeat.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Requests per second per api_key (kite-protocol.md §1.6); 0 disables a class.</summary>
    public int QuoteRatePerSecond { get; set; } = 1;
    public int HistoricalRatePerSecond { get; set; } = 3;
    public int OrderRatePerSecond { get; set; } = 10;
    public int OtherRatePerSecond { get; set; } = 10;

    /// <summary>Kite's order caps per api_key: orders, modifications and cancellations together, refusals included
    /// (a minute on real time, the day = the simulator's run); 0 disables one.</summary>
    public int OrdersPerMinute { get; set; } = 400;
    public int OrdersPerDay { get; set; } = 5000;

    /// <summary>The account's funds for the margin model (Rs); an order needing more margin than is left is REJECTED.</summary>
    public decimal Funds { get; set; } = 1_000_000m;

    /// <summary>The dated charge table of <c>/charges/orders</c> and the margin calls' charges: the engine's own
    /// (LiveTrader settings' ChargeRates; the App passes them), so the virtual contract note checks the engine's sums.
    /// Empty: those calls answer 400.</summary>
    public List<Core.Settings.ChargeRateSettings> ChargeRates { get; } = [];

    /// <summary>Simulated time an order spends in OPEN PENDING before it reaches the exchange (0 = at once).</summary>
    public TimeSpan OrderProcessingDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Source of real time for rate limits and a running clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Faults active from the start (REST failures, garbage frames, periodic ticker drops); more at run time
    /// through <see cref="SimServer.Faults"/> or <c>POST /sim/faults</c>.</summary>
    public Faults.SimFaultOptions Faults { get; } = new();

    /// <summary>Optional log sink (one line per event).</summary>
    public Action<string>? Log { get; set; }
}
