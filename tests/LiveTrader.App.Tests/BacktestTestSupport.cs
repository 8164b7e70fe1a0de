using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace LiveTrader.App.Tests;

/// <summary>The real files the backtest tests use, and the App dll to run as a child process.</summary>
public static class Repo
{
    public static string Root => LiveTrader.Tests.Repository.Root;
    public static string Data(string name) => LiveTrader.Tests.Repository.Data(name);

    public static string NiftyYear5 => Data("NIFTY_5minute_2024-07-25_2025-07-25.csv");
    public static string Nifty1 => Data("NIFTY_minute_2024-01-01_2024-08-23.csv");
    public static string BankNifty1 => Data("BANKNIFTY_minute_2024-01-01_2024-08-23.csv");

    /// <summary>The built App dll to run as a child process: the copy beside the tests when it has
    /// its runtimeconfig, else the App project's own output of the same configuration.</summary>
    public static string AppDll()
    {
        var here = Path.Combine(AppContext.BaseDirectory, "LiveTrader.App.dll");
        if (File.Exists(here) && File.Exists(Path.Combine(AppContext.BaseDirectory, "LiveTrader.App.runtimeconfig.json"))) return here;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Name; // bin/<Configuration>/net10.0/
        var dll = Path.Combine(Root, "src", "LiveTrader.App", "bin", configuration, "net10.0", "LiveTrader.App.dll");
        Assert.True(File.Exists(dll), $"no built App at {dll}");
        return dll;
    }

    public static (int ExitCode, string Stdout, string Stderr) RunApp(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(AppDll());
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lt-bt-" + Guid.NewGuid().ToString("N"));
    public TempDir() => Directory.CreateDirectory(Path);
    public string File(string name) => System.IO.Path.Combine(Path, name);
    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A CSV file read back as header + rows of named fields.</summary>
public sealed class CsvTable
{
    public required string[] Header { get; init; }
    public required List<string[]> Rows { get; init; }

    public int Col(string name)
    {
        var i = Array.IndexOf(Header, name);
        Assert.True(i >= 0, $"no column {name}");
        return i;
    }

    public string Get(string[] row, string column) => row[Col(column)];
    public decimal Dec(string[] row, string column) => decimal.Parse(Get(row, column), NumberStyles.Float, CultureInfo.InvariantCulture);
    public int Int(string[] row, string column) => int.Parse(Get(row, column), CultureInfo.InvariantCulture);
    public DateTime Time(string[] row, string column) =>
        DateTime.ParseExact(Get(row, column), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static CsvTable Read(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        Assert.True(csv.Read(), $"{path} is empty");
        var header = csv.Record!;
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(csv.Record!);
        return new CsvTable { Header = header, Rows = rows };
    }
}

/// <summary>Small synthetic candle files (a deterministic zig-zag) for the refusal tests.</summary>
public static class SyntheticCandles
{
    public static string Write(string path, int days, int minutes, DateOnly firstDay)
    {
        var sb = new StringBuilder("date,open,high,low,close,volume\n");
        var price = 24000m;
        var n = 0;
        var day = firstDay;
        for (var d = 0; d < days; d++)
        {
            while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(1);
            for (var t = new TimeOnly(9, 15); t < new TimeOnly(15, 30) && t >= new TimeOnly(9, 15); t = t.AddMinutes(minutes))
            {
                var move = (n++ % 14 < 7 ? 1 : -1) * 6.5m + (n % 3) * 1.25m;
                var open = price;
                var close = price + move;
                var high = Math.Max(open, close) + 3m;
                var low = Math.Min(open, close) - 3m;
                sb.Append(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd}T{t:HH:mm}:00+05:30,{open},{high},{low},{close},0\n");
                price = close;
            }
            day = day.AddDays(1);
        }
        File.WriteAllText(path, sb.ToString());
        return path;
    }
}
