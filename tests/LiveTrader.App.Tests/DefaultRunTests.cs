namespace LiveTrader.App.Tests;

/// <summary><c>dotnet run --project src/LiveTrader.App</c> with no arguments: a paper session a new
/// user can watch, on the built-in simulator, with nothing to configure.</summary>
public sealed class DefaultRunTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task With_no_arguments_a_paper_session_starts_on_the_simulator_and_reports_every_segment()
    {
        using var process = AppProcess.Start(_temp.Path);
        var lines = new List<string>();
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (DateTime.UtcNow < deadline && !lines.Any(l => l.Contains(" SENSEX ", StringComparison.Ordinal) && l.Contains("| feed ", StringComparison.Ordinal)))
            {
                var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
                if (line is null) break;
                lines.Add(line);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Assert.StartsWith("Paper session on ", lines[0]);
        Assert.Contains("simulator at http://127.0.0.1:", lines[0]);
        Assert.Contains("segments NIFTY, BANKNIFTY, SENSEX", lines[0]);
        foreach (var segment in new[] { "NIFTY", "BANKNIFTY", "SENSEX" })
            Assert.Contains(lines, l => l.Contains($" {segment} ", StringComparison.Ordinal) && l.Contains("| feed connected", StringComparison.Ordinal));
        Assert.True(Directory.Exists(Path.Combine(_temp.Path, "out", "recordings")), "the session records its inputs");
    }
}
