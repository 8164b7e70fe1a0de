using System.CommandLine;
using LiveTrader.App.Commands;
using LiveTrader.App.Web;

var config = new Option<string?>("--config") { Description = "Configuration JSON overriding the defaults" };
var demo = new Command("demo", "Make up a sample NIFTY day, print its signals and the trades the agent would take (no network, no files)");
demo.Options.Add(config);
demo.SetAction(parse => CliErrors.Run(() => DemoCommand.Run(parse.GetValue(config))));
var urls = ServeCommand.UrlsOption();
var root = new RootCommand("LiveTrader: RSI(9) / Price Strength / Volume Strength intraday options trading for NIFTY, BANKNIFTY and SENSEX. " +
    $"With no command it serves the Live Trader page at {WebApp.DefaultUrl}, paper trading on the built-in Kite simulator.")
{
    config,
    urls,
    PaperCommand.Create(),
    BacktestCommand.Create(),
    SignalsCommand.Create(),
    SweepCommand.Create(),
    HistoryCommand.Create(),
    SimCommand.Create(),
    ExportCommand.Create(),
    ReportCommand.Create(),
    KillSwitchCommand.Create(),
    ServeCommand.Create(),
    demo,
};
// The embedded default: the Live Trader page, whose Start runs a paper session on the simulator.
root.SetAction((parse, ct) => CliErrors.RunAsync(() => ServeCommand.RunAsync(parse.GetValue(urls)!, parse.GetValue(config), ct)));
// Ctrl+C cancels the command's token; the process is ended only if the command has not finished
// 30 s later (System.CommandLine's default is 2 s), so a stop with close-on-stop has its 15 s to
// fill a close on a fresh quote and the journal and files are closed cleanly.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
var parsed = root.Parse(args);
// A command line the parser refuses gets the same one error line and exit code 2 as any bad input.
if (parsed.Errors.Count > 0) return CliErrors.Refused(string.Join("; ", parsed.Errors.Select(e => e.Message)));
return await parsed.InvokeAsync(invocation);
