using System.CommandLine;
using LiveTrader.App.Commands;
using LiveTrader.App.Web;

var config = new Option<string?>("--config") { Description = "Configuration JSON overriding the defaults" };
var demo = new Command("demo", "Make up a sample NIFTY day, print its signals and the trades the agent would take (no network, no files)");
demo.Options.Add(config);
demo.SetAction(parse => CliErrors.Run(() => DemoCommand.Run(parse.GetValue(config))));
var root = new RootCommand("LiveTrader: RSI(9) / Price Strength / Volume Strength intraday options trading for NIFTY, BANKNIFTY and SENSEX. " +
    "With no command it paper-trades a simulated day on the built-in Kite simulator.")
{
    config,
    PaperCommand.Create(),
    BacktestCommand.Create(),
    SignalsCommand.Create(),
    SimCommand.Create(),
    ExportCommand.Create(),
    ServeCommand.Create(),
    demo,
};
// The embedded default: a paper session on the simulator, a minute of market per second.
root.SetAction((parse, ct) => CliErrors.RunAsync(() => PaperCommand.RunAsync(PaperCommand.DefaultRequest(parse.GetValue(config)), ct)));
return await root.Parse(args).InvokeAsync();
