using System.CommandLine;
using LiveTrader.App.Commands;

var config = new Option<string?>("--config") { Description = "Configuration JSON overriding the defaults" };
var root = new RootCommand("LiveTrader: RSI(9) / Price Strength / Volume Strength intraday options trading for NIFTY, BANKNIFTY and SENSEX")
{
    config,
    SignalsCommand.Create(),
    BacktestCommand.Create(),
    SimCommand.Create(),
    PaperCommand.Create(),
};
root.SetAction(parse => CliErrors.Run(() => DemoCommand.Run(parse.GetValue(config))));
return root.Parse(args).Invoke();
