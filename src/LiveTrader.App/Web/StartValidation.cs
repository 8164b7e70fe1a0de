using LiveTrader.App.Commands;
using LiveTrader.Core.Market;
using LiveTrader.Core.Settings;
using LiveTrader.Engine.Execution;
using LiveTrader.Sim;

namespace LiveTrader.App.Web;

/// <summary>Turns a start request into the session's settings, segments and feed, or into
/// {field: message} errors (see <see cref="ParameterOverrides"/> for the keys).</summary>
public static class StartValidation
{
    public const string SimFeed = "sim";
    public const string KiteFeed = "kite";

    /// <param name="Sim">The simulator to start; null on the Kite feed.</param>
    public sealed record Plan(LiveTraderSettings Settings, IReadOnlyList<Segment> Segments, string Feed, SimOptions? Sim, double Speed)
    {
        public TradingMode Mode { get; init; } = TradingMode.Paper;
    }

    public static Plan? TryPlan(LiveTraderSettings configured, StartRequest request, out Dictionary<string, string> errors)
    {
        errors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var settings = ParameterOverrides.Apply(configured, request, errors);
        var segments = ParameterOverrides.ChooseSegments(settings, request.Segments, errors);

        var mode = TradingMode.Paper;
        if (request.Mode is not null && !TradingModes.TryParse(request.Mode, out mode))
            errors["mode"] = $"'{request.Mode}' is not a mode (Paper, Live or Dry run)";
        else if (mode == TradingMode.Live && !configured.LiveTradingEnabled)
            errors["mode"] = "Live trading is switched off in the configuration (LiveTrader:LiveTradingEnabled); Paper and Dry run are the modes available";
        else if (mode == TradingMode.Live && request.Confirm != "LIVE")
            // Real orders are never one click away: the trader types the word.
            errors["confirm"] = "type LIVE to confirm that real orders go to the account";

        var feed = request.Feed?.Trim().ToLowerInvariant() ?? SimFeed;
        var speed = request.Speed ?? 60;
        SimOptions? sim = null;
        if (feed == SimFeed)
        {
            try
            {
                sim = SimCommand.Options(0, [], speed, request.Seed ?? 1, request.Date);
            }
            catch (UsageError e)
            {
                var field = e.Message.StartsWith("--date", StringComparison.Ordinal) ? "date" : "speed";
                errors[field] = e.Message.Replace($"--{field}: ", "", StringComparison.Ordinal);
            }
        }
        else if (feed == KiteFeed)
        {
            // Kite is the real market: its clock is the wall clock, so there is no day or speed to pick.
            if (request.Date is not null) errors["date"] = "the Kite feed trades today; a simulated day needs the simulator feed";
            speed = 1;
        }
        else
        {
            errors["feed"] = $"'{request.Feed}' is not a feed (sim or kite)";
        }
        return errors.Count == 0 ? new Plan(settings, segments, feed, sim, speed) { Mode = mode } : null;
    }
}
